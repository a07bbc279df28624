package io.opensbc.sip.b2bua;

import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.ClientTransaction;
import io.opensbc.sip.transaction.ClientTransactionUser;
import io.opensbc.sip.transaction.TransactionLayer;
import io.opensbc.sip.transport.Destination;
import io.opensbc.sip.transport.ListenerAddress;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Moves the media of a call this node took over onto its own relay (docs/cluster.md, "Media
 * after a takeover"): a new relay session, then the SBC itself re-negotiates both legs the way an
 * offerless re-INVITE from A would: an INVITE without SDP to A, whose 2xx brings A's current offer;
 * that offer, anchored on the new relay, in a re-INVITE to B; B's answer, anchored, in the ACK to
 * A. The SDP crossing goes through {@link MediaAnchoring} as any re-INVITE's does (relay remotes,
 * SRTP per the trunks' policy with fresh keys, codecs). A leg that refuses ends the call with BYEs.
 */
final class MediaReanchoring {
  private static final Logger LOG = Logger.getLogger(MediaReanchoring.class.getName());
  private static final String SDP = "application/sdp";
  /** The re-anchoring delay of a call whose relay saw no media (see {@link #delayMillis}). */
  static final long QUIET_CALL_DELAY_MILLIS = 1000;

  private final TransactionLayer layer;
  private final MediaAnchoring media;
  private final BiFunction<Call, Side, ListenerAddress> address;
  private final Consumer<Call> flush;
  private final Consumer<Call> giveUp;

  MediaReanchoring(TransactionLayer layer, MediaAnchoring media, BiFunction<Call, Side, ListenerAddress> address,
      Consumer<Call> flush, Consumer<Call> giveUp) {
    this.layer = layer;
    this.media = media;
    this.address = address;
    this.flush = flush;
    this.giveUp = giveUp;
  }

  /** Whether the call's media was anchored where it was before (its log has a relay session). */
  static boolean wasAnchored(List<CallEvent> log) {
    return log.stream().anyMatch(e -> e instanceof CallEvent.MediaRelayAllocated);
  }

  /**
   * How long after adoption to re-anchor a call: at once when its relay had media (a latched
   * peer), else a little later, so that after a node's failure the calls that carry media get the
   * survivor's attention first.
   */
  static long delayMillis(List<CallEvent> log) {
    return log.stream().anyMatch(e -> e instanceof CallEvent.MediaPeerLatched) ? 0 : QUIET_CALL_DELAY_MILLIS;
  }

  /** Allocates a relay session here after {@code delayMillis} and re-offers both legs through it. */
  void start(Call call, long delayMillis) {
    if (!media.enabled()) {
      return;
    }
    call.inviteInProgress = true;
    LOG.info(() -> "callId=" + call.bCallId + ": re-anchoring media in " + delayMillis + " ms");
    if (delayMillis > 0) {
      layer.timers().schedule(delayMillis, () -> reanchor(call));
    } else {
      reanchor(call);
    }
  }

  private void reanchor(Call call) {
    if (call.released()) {
      return;
    }
    media.allocate(call).onComplete(ar -> {
      if (call.released()) {
        return;
      }
      if (ar.failed()) {
        LOG.warning("callId=" + call.bCallId + ": no relay session to re-anchor on: " + ar.cause().getMessage());
        call.inviteInProgress = false;
        return;
      }
      call.media.anchored = true;
      call.media.offerer = null;
      flush.accept(call);
      SipRequest[] acks = new SipRequest[2];
      send(call, Side.A, null, acks, (tx, ok) -> offerToB(call, ok, acks));
    });
  }

  /** A's 2xx carried its offer: anchored, it goes to B. */
  private void offerToB(Call call, SipResponse fromA, SipRequest[] acks) {
    long seqA = fromA.cseq().seq();
    MediaAnchoring.Crossing c = media.cross(call, Side.A, fromA, false, call.dialog(Side.B).listener());
    if (c.body() == null) {
      ack(call, Side.A, seqA, null, acks);
      fail(call, "A's answer to the re-anchoring INVITE had no usable offer");
      return;
    }
    send(call, Side.B, c.body(), acks, (tx, fromB) -> {
      MediaAnchoring.Crossing answer = media.cross(call, Side.B, fromB, true, call.dialog(Side.A).listener());
      ack(call, Side.B, fromB.cseq().seq(), null, acks);
      ack(call, Side.A, seqA, answer.body(), acks);
      call.inviteInProgress = false;
      media.armTimeout(call);
      flush.accept(call);
      LOG.info(() -> "callId=" + call.bCallId + ": media re-anchored on this node");
    });
  }

  /**
   * Sends a re-INVITE on {@code side} (with {@code sdp}, or none) and calls {@code answered} on its
   * 2xx; a retransmitted 2xx gets the ACK in {@code acks} again once it was sent (A's ACK waits for
   * B's answer, and goes once, with the SDP).
   */
  private void send(Call call, Side side, Buffer sdp, SipRequest[] acks, BiConsumer answered) {
    Dialog d = call.dialog(side);
    long seq = d.localCSeq() + 1;
    Dialog next = d.withLocalCSeq(seq);
    call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, side, next));
    SipRequest invite = LegMessages.inDialog(SipRequest.INVITE, next, seq, address.apply(call, side), 70, null);
    if (sdp != null) {
      invite = withSdp(invite, sdp);
    }
    layer.send(invite, destination(next), new ClientTransactionUser() {
      private boolean done;

      @Override
      public void onResponse(ClientTransaction tx, SipResponse r) {
        if (!r.isFinal() || call.released()) {
          return;
        }
        if (!r.isSuccess()) {
          fail(call, "leg " + side + " refused the re-anchoring INVITE with " + r.status());
        } else if (!done) {
          done = true;
          answered.accept(tx, r);
        } else if (acks[side.ordinal()] != null) {
          layer.sendStateless(acks[side.ordinal()], destination(call.dialog(side))); // our ACK was lost
        }
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        fail(call, "leg " + side + " did not answer the re-anchoring INVITE");
      }

      @Override
      public void onTransportError(ClientTransaction tx) {
        onTimeout(tx);
      }
    });
    flush.accept(call);
  }

  private void ack(Call call, Side side, long seq, Buffer sdp, SipRequest[] acks) {
    Dialog d = call.dialog(side);
    SipRequest ack = LegMessages.ackFor2xx(d, seq, address.apply(call, side), null);
    acks[side.ordinal()] = sdp == null ? ack : withSdp(ack, sdp);
    layer.sendStateless(acks[side.ordinal()], destination(d));
  }

  private void fail(Call call, String why) {
    LOG.warning("callId=" + call.bCallId + ": " + why + "; ending the call");
    call.inviteInProgress = false;
    if (!call.released()) {
      giveUp.accept(call);
    }
  }

  private static SipRequest withSdp(SipRequest r, Buffer sdp) {
    return r.withHeaders(r.headers().add(HeaderNames.CONTENT_TYPE, SDP)).withBody(sdp);
  }

  private static Destination destination(Dialog d) {
    return Destination.of(d.listener(), d.transport(), d.host(), d.port());
  }

  @FunctionalInterface
  private interface BiConsumer {
    void accept(ClientTransaction tx, SipResponse r);
  }
}
