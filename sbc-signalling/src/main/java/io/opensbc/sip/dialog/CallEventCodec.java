package io.opensbc.sip.dialog;

import io.opensbc.config.model.Transport;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned binary form of a call's event log: {@code [format version][event count]} then per
 * event {@code [type][fields]}. Readers refuse versions they do not know, so a mixed-version
 * cluster fails loudly instead of misreading a call.
 */
public final class CallEventCodec {
  public static final byte FORMAT_VERSION = 3;

  /**
   * The oldest format this reader still reads (version 1 had no {@code RulesApplied}; version 2
   * none of the media relay events, types 11 to 14). A version-2 reader refuses a version-3 log,
   * so in a rolling upgrade a call written by a new node is not taken over by an old one.
   */
  public static final byte OLDEST_READABLE = 1;

  private static final byte OFFERED = 1;
  private static final byte DIALED = 2;
  private static final byte EARLY = 3;
  private static final byte ANSWERED = 4;
  private static final byte CONFIRMED = 5;
  private static final byte UPDATED = 6;
  private static final byte RELEASED = 7;
  private static final byte RULES = 8;
  private static final byte TARGET_FAILED = 9;
  private static final byte MEDIA_ANCHORED = 10;
  private static final byte MEDIA_RELAY_ALLOCATED = 11;
  private static final byte MEDIA_PEER_LATCHED = 12;
  private static final byte MEDIA_KEYS_CHANGED = 13;
  private static final byte MEDIA_STATS_RECORDED = 14;
  /** Numbered apart from the others so that events added on other branches need not renumber. */
  private static final byte CLOCK_SKEW = 21;
  /** Call transfer: types 22 to 29 (docs/transfers.md), written by {@link TransferEvents}. */
  static final byte TRANSFER_REQUESTED = 22;
  static final byte TRANSFER_ACCEPTED = 23;
  static final byte TRANSFER_LEG_DIALED = 24;
  static final byte TRANSFER_NOTIFIED = 25;
  static final byte LEG_REPLACED = 26;
  static final byte TRANSFER_ROLLED_BACK = 27;
  static final byte REDIRECT_FOLLOWED = 28;
  /** Cluster events take types 30-39. */
  private static final byte CALL_ADOPTED = 30;
  private static final byte SESSION_TIMER_AGREED = 31;

  private CallEventCodec() {}

  public static byte[] encode(List<CallEvent> events) {
    Buffer b = Buffer.buffer(256 * Math.max(1, events.size()));
    b.appendByte(FORMAT_VERSION);
    b.appendInt(events.size());
    for (CallEvent e : events) {
      write(b, e);
    }
    return b.getBytes();
  }

  public static List<CallEvent> decode(byte[] bytes) {
    Buffer b = Buffer.buffer(bytes);
    int[] pos = {0};
    byte version = b.getByte(pos[0]++);
    if (version < OLDEST_READABLE || version > FORMAT_VERSION) {
      throw new IllegalArgumentException("call log format " + version + " is not supported (expected "
          + FORMAT_VERSION + ")");
    }
    int n = b.getInt(pos[0]);
    pos[0] += 4;
    List<CallEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(read(b, pos));
    }
    return out;
  }

  private static void write(Buffer b, CallEvent e) {
    if (e instanceof CallEvent.CallOffered o) {
      head(b, OFFERED, e);
      str(b, o.callRef());
      dialog(b, o.a());
      str(b, o.listener());
      str(b, o.sourceTrunk());
    } else if (e instanceof CallEvent.LegDialed d) {
      head(b, DIALED, e);
      dialog(b, d.b());
      str(b, d.trunk());
    } else if (e instanceof CallEvent.EarlyDialogCreated ed) {
      head(b, EARLY, e);
      str(b, ed.remoteTag());
      b.appendInt(ed.status());
    } else if (e instanceof CallEvent.CallAnswered an) {
      head(b, ANSWERED, e);
      dialog(b, an.a());
      dialog(b, an.b());
    } else if (e instanceof CallEvent.CallConfirmed) {
      head(b, CONFIRMED, e);
    } else if (e instanceof CallEvent.DialogUpdated du) {
      head(b, UPDATED, e);
      b.appendByte((byte) du.side().ordinal());
      dialog(b, du.dialog());
    } else if (e instanceof CallEvent.RulesApplied ra) {
      head(b, RULES, e);
      b.appendByte((byte) ra.side().ordinal());
      str(b, ra.direction());
      str(b, ra.message());
      b.appendInt(ra.rules().size());
      for (String r : ra.rules()) {
        str(b, r);
      }
    } else if (e instanceof CallEvent.TargetFailed tf) {
      head(b, TARGET_FAILED, e);
      str(b, tf.trunk());
      str(b, tf.hop());
      b.appendInt(tf.status());
      str(b, tf.reason());
    } else if (e instanceof CallEvent.MediaAnchored ma) {
      head(b, MEDIA_ANCHORED, e);
      b.appendByte((byte) ma.side().ordinal());
      str(b, ma.local());
      str(b, ma.remote());
    } else if (e instanceof CallEvent.MediaRelayAllocated ra) {
      head(b, MEDIA_RELAY_ALLOCATED, e);
      str(b, ra.a());
      str(b, ra.b());
    } else if (e instanceof CallEvent.MediaPeerLatched pl) {
      head(b, MEDIA_PEER_LATCHED, e);
      b.appendByte((byte) pl.side().ordinal());
      str(b, pl.socket());
      str(b, pl.peer());
    } else if (e instanceof CallEvent.MediaKeysChanged kc) {
      head(b, MEDIA_KEYS_CHANGED, e);
      b.appendByte((byte) kc.side().ordinal());
      str(b, kc.direction());
      str(b, kc.suite());
      str(b, kc.key());
    } else if (e instanceof CallEvent.MediaStatsRecorded ms) {
      head(b, MEDIA_STATS_RECORDED, e);
      b.appendByte((byte) ms.side().ordinal());
      flow(b, ms.received());
      flow(b, ms.sent());
      b.appendByte((byte) (ms.last() ? 1 : 0));
    } else if (e instanceof CallEvent.ClockSkewObserved cs) {
      head(b, CLOCK_SKEW, e);
      str(b, cs.peer());
      b.appendInt(cs.status());
      b.appendLong(cs.offsetMillis());
    } else if (TransferEvents.write(b, e)) {
      return;
    } else if (e instanceof CallEvent.SessionTimerAgreed st) {
      head(b, SESSION_TIMER_AGREED, e);
      b.appendByte((byte) st.side().ordinal());
      b.appendLong(st.seconds());
      b.appendByte((byte) ((st.sbcRefreshes() ? 1 : 0) | (st.peerSupportsTimer() ? 2 : 0)));
    } else if (e instanceof CallEvent.CallAdopted ad) {
      head(b, CALL_ADOPTED, e);
      str(b, ad.node());
      str(b, ad.previousOwner());
      b.appendLong(ad.epoch());
    } else if (e instanceof CallEvent.CallReleased r) {
      head(b, RELEASED, e);
      b.appendByte((byte) (r.by() == null ? -1 : r.by().ordinal()));
      b.appendInt(r.status());
      str(b, r.reason());
    }
  }

  private static CallEvent read(Buffer b, int[] pos) {
    byte type = b.getByte(pos[0]++);
    long seq = b.getLong(pos[0]);
    long at = b.getLong(pos[0] + 8);
    pos[0] += 16;
    switch (type) {
      case OFFERED:
        return new CallEvent.CallOffered(seq, at, str(b, pos), dialog(b, pos), str(b, pos), str(b, pos));
      case DIALED:
        return new CallEvent.LegDialed(seq, at, dialog(b, pos), str(b, pos));
      case EARLY: {
        String tag = str(b, pos);
        int status = b.getInt(pos[0]);
        pos[0] += 4;
        return new CallEvent.EarlyDialogCreated(seq, at, tag, status);
      }
      case ANSWERED:
        return new CallEvent.CallAnswered(seq, at, dialog(b, pos), dialog(b, pos));
      case CONFIRMED:
        return new CallEvent.CallConfirmed(seq, at);
      case UPDATED: {
        Side side = Side.values()[b.getByte(pos[0]++)];
        return new CallEvent.DialogUpdated(seq, at, side, dialog(b, pos));
      }
      case RULES: {
        Side side = Side.values()[b.getByte(pos[0]++)];
        String direction = str(b, pos);
        String message = str(b, pos);
        int n = b.getInt(pos[0]);
        pos[0] += 4;
        List<String> rules = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          rules.add(str(b, pos));
        }
        return new CallEvent.RulesApplied(seq, at, side, direction, message, rules);
      }
      case TARGET_FAILED: {
        String trunk = str(b, pos);
        String hop = str(b, pos);
        int status = b.getInt(pos[0]);
        pos[0] += 4;
        return new CallEvent.TargetFailed(seq, at, trunk, hop, status, str(b, pos));
      }
      case MEDIA_ANCHORED: {
        Side side = Side.values()[b.getByte(pos[0]++)];
        return new CallEvent.MediaAnchored(seq, at, side, str(b, pos), str(b, pos));
      }
      case MEDIA_RELAY_ALLOCATED:
        return new CallEvent.MediaRelayAllocated(seq, at, str(b, pos), str(b, pos));
      case MEDIA_PEER_LATCHED: {
        Side side = Side.values()[b.getByte(pos[0]++)];
        return new CallEvent.MediaPeerLatched(seq, at, side, str(b, pos), str(b, pos));
      }
      case MEDIA_KEYS_CHANGED: {
        Side side = Side.values()[b.getByte(pos[0]++)];
        return new CallEvent.MediaKeysChanged(seq, at, side, str(b, pos), str(b, pos), str(b, pos));
      }
      case MEDIA_STATS_RECORDED: {
        Side side = Side.values()[b.getByte(pos[0]++)];
        CallEvent.MediaFlow received = flow(b, pos);
        CallEvent.MediaFlow sent = flow(b, pos);
        return new CallEvent.MediaStatsRecorded(seq, at, side, received, sent, b.getByte(pos[0]++) != 0);
      }
      case CLOCK_SKEW: {
        String peer = str(b, pos);
        int status = b.getInt(pos[0]);
        long offset = b.getLong(pos[0] + 4);
        pos[0] += 12;
        return new CallEvent.ClockSkewObserved(seq, at, peer, status, offset);
      }
      case SESSION_TIMER_AGREED: {
        Side side = Side.values()[b.getByte(pos[0])];
        long seconds = b.getLong(pos[0] + 1);
        byte flags = b.getByte(pos[0] + 9);
        pos[0] += 10;
        return new CallEvent.SessionTimerAgreed(seq, at, side, seconds, (flags & 1) != 0, (flags & 2) != 0);
      }
      case CALL_ADOPTED: {
        String node = str(b, pos);
        String previous = str(b, pos);
        long epoch = b.getLong(pos[0]);
        pos[0] += 8;
        return new CallEvent.CallAdopted(seq, at, node, previous, epoch);
      }
      case RELEASED: {
        byte by = b.getByte(pos[0]++);
        int status = b.getInt(pos[0]);
        pos[0] += 4;
        return new CallEvent.CallReleased(seq, at, by < 0 ? null : Side.values()[by], status, str(b, pos));
      }
      default:
        CallEvent transfer = TransferEvents.read(type, seq, at, b, pos);
        if (transfer == null) {
          throw new IllegalArgumentException("unknown call event type " + type);
        }
        return transfer;
    }
  }

  private static void flow(Buffer b, CallEvent.MediaFlow f) {
    b.appendLong(f.packets());
    b.appendLong(f.bytes());
    b.appendLong(f.lost());
    b.appendLong(f.jitterMicros());
    b.appendInt(f.fractionLost());
  }

  private static CallEvent.MediaFlow flow(Buffer b, int[] pos) {
    int p = pos[0];
    pos[0] += 36;
    return new CallEvent.MediaFlow(b.getLong(p), b.getLong(p + 8), b.getLong(p + 16), b.getLong(p + 24),
        b.getInt(p + 32));
  }

  static void head(Buffer b, byte type, CallEvent e) {
    b.appendByte(type);
    b.appendLong(e.seq());
    b.appendLong(e.at());
  }

  static void dialog(Buffer b, Dialog d) {
    str(b, d.callId());
    str(b, d.localTag());
    str(b, d.remoteTag());
    str(b, d.localUri());
    str(b, d.remoteUri());
    str(b, d.remoteTarget());
    b.appendInt(d.routeSet().size());
    for (String r : d.routeSet()) {
      str(b, r);
    }
    b.appendLong(d.localCSeq());
    b.appendLong(d.remoteCSeq());
    str(b, d.listener());
    b.appendByte((byte) d.transport().ordinal());
    str(b, d.host());
    b.appendInt(d.port());
  }

  static Dialog dialog(Buffer b, int[] pos) {
    String callId = str(b, pos);
    String localTag = str(b, pos);
    String remoteTag = str(b, pos);
    String localUri = str(b, pos);
    String remoteUri = str(b, pos);
    String target = str(b, pos);
    int routes = b.getInt(pos[0]);
    pos[0] += 4;
    List<String> rs = new ArrayList<>(routes);
    for (int i = 0; i < routes; i++) {
      rs.add(str(b, pos));
    }
    long local = b.getLong(pos[0]);
    long remote = b.getLong(pos[0] + 8);
    pos[0] += 16;
    String listener = str(b, pos);
    Transport transport = Transport.values()[b.getByte(pos[0]++)];
    String host = str(b, pos);
    int port = b.getInt(pos[0]);
    pos[0] += 4;
    return new Dialog(callId, localTag, remoteTag, localUri, remoteUri, target, rs, local, remote,
        listener, transport, host, port);
  }

  static void str(Buffer b, String s) {
    if (s == null) {
      b.appendInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.appendInt(bytes.length);
    b.appendBytes(bytes);
  }

  static String str(Buffer b, int[] pos) {
    int len = b.getInt(pos[0]);
    pos[0] += 4;
    if (len < 0) {
      return null;
    }
    String s = b.getString(pos[0], pos[0] + len, "UTF-8");
    pos[0] += len;
    return s;
  }
}
