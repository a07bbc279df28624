package io.opensbc.sip.dialog;

import io.vertx.core.buffer.Buffer;

/**
 * The binary form of the call-transfer events (codec types 22 to 28), kept apart from
 * {@link CallEventCodec} so that the transfer steps are read and written in one place.
 */
final class TransferEvents {
  private TransferEvents() {}

  /** Writes {@code e} when it is a transfer event; false when it is not one. */
  static boolean write(Buffer b, CallEvent e) {
    if (e instanceof CallEvent.TransferRequested r) {
      CallEventCodec.head(b, CallEventCodec.TRANSFER_REQUESTED, e);
      b.appendByte((byte) r.side().ordinal());
      CallEventCodec.str(b, r.referTo());
      CallEventCodec.str(b, r.referredBy());
      CallEventCodec.str(b, r.handling());
    } else if (e instanceof CallEvent.TransferAccepted a) {
      CallEventCodec.head(b, CallEventCodec.TRANSFER_ACCEPTED, e);
      b.appendByte((byte) a.side().ordinal());
      b.appendInt(a.status());
      CallEventCodec.str(b, a.detail());
    } else if (e instanceof CallEvent.TransferLegDialed d) {
      CallEventCodec.head(b, CallEventCodec.TRANSFER_LEG_DIALED, e);
      CallEventCodec.dialog(b, d.leg());
      CallEventCodec.str(b, d.trunk());
      CallEventCodec.str(b, d.target());
    } else if (e instanceof CallEvent.TransferNotified n) {
      CallEventCodec.head(b, CallEventCodec.TRANSFER_NOTIFIED, e);
      b.appendByte((byte) n.side().ordinal());
      b.appendInt(n.status());
      b.appendByte((byte) (n.terminated() ? 1 : 0));
    } else if (e instanceof CallEvent.LegReplaced lr) {
      CallEventCodec.head(b, CallEventCodec.LEG_REPLACED, e);
      b.appendByte((byte) lr.side().ordinal());
      CallEventCodec.dialog(b, lr.dialog());
      CallEventCodec.str(b, lr.trunk());
      CallEventCodec.str(b, lr.reason());
    } else if (e instanceof CallEvent.TransferRolledBack rb) {
      CallEventCodec.head(b, CallEventCodec.TRANSFER_ROLLED_BACK, e);
      b.appendInt(rb.status());
      CallEventCodec.str(b, rb.reason());
    } else if (e instanceof CallEvent.RedirectFollowed rf) {
      CallEventCodec.head(b, CallEventCodec.REDIRECT_FOLLOWED, e);
      CallEventCodec.str(b, rf.trunk());
      b.appendInt(rf.status());
      CallEventCodec.str(b, rf.contact());
      b.appendInt(rf.hop());
    } else {
      return false;
    }
    return true;
  }

  /** The transfer event of {@code type}, or null when {@code type} is not one. */
  static CallEvent read(byte type, long seq, long at, Buffer b, int[] pos) {
    switch (type) {
      case CallEventCodec.TRANSFER_REQUESTED: {
        Side side = side(b, pos);
        return new CallEvent.TransferRequested(seq, at, side, CallEventCodec.str(b, pos), CallEventCodec.str(b, pos),
            CallEventCodec.str(b, pos));
      }
      case CallEventCodec.TRANSFER_ACCEPTED: {
        Side side = side(b, pos);
        int status = integer(b, pos);
        return new CallEvent.TransferAccepted(seq, at, side, status, CallEventCodec.str(b, pos));
      }
      case CallEventCodec.TRANSFER_LEG_DIALED:
        return new CallEvent.TransferLegDialed(seq, at, CallEventCodec.dialog(b, pos), CallEventCodec.str(b, pos),
            CallEventCodec.str(b, pos));
      case CallEventCodec.TRANSFER_NOTIFIED: {
        Side side = side(b, pos);
        int status = integer(b, pos);
        return new CallEvent.TransferNotified(seq, at, side, status, b.getByte(pos[0]++) != 0);
      }
      case CallEventCodec.LEG_REPLACED: {
        Side side = side(b, pos);
        return new CallEvent.LegReplaced(seq, at, side, CallEventCodec.dialog(b, pos), CallEventCodec.str(b, pos),
            CallEventCodec.str(b, pos));
      }
      case CallEventCodec.TRANSFER_ROLLED_BACK: {
        int status = integer(b, pos);
        return new CallEvent.TransferRolledBack(seq, at, status, CallEventCodec.str(b, pos));
      }
      case CallEventCodec.REDIRECT_FOLLOWED: {
        String trunk = CallEventCodec.str(b, pos);
        int status = integer(b, pos);
        String contact = CallEventCodec.str(b, pos);
        return new CallEvent.RedirectFollowed(seq, at, trunk, status, contact, integer(b, pos));
      }
      default:
        return null;
    }
  }

  private static Side side(Buffer b, int[] pos) {
    return Side.values()[b.getByte(pos[0]++)];
  }

  private static int integer(Buffer b, int[] pos) {
    int v = b.getInt(pos[0]);
    pos[0] += 4;
    return v;
  }
}
