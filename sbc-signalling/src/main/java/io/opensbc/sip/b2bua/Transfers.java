package io.opensbc.sip.b2bua;

import io.opensbc.config.model.TrunkConfig;
import io.opensbc.sip.b2bua.transfer.ReferHandling;
import io.opensbc.sip.b2bua.transfer.ReferTo;
import io.opensbc.sip.b2bua.transfer.Replaces;
import io.opensbc.sip.b2bua.transfer.Sipfrag;
import io.opensbc.sip.b2bua.transfer.TransferFsm;
import io.opensbc.sip.b2bua.transfer.TransferFsm.Effect;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.CallPhase;
import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Parsed;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.routing.Dispatcher;
import io.opensbc.sip.routing.Router;
import io.opensbc.sip.transaction.ClientTransaction;
import io.opensbc.sip.transaction.ServerTransaction;
import io.opensbc.sip.transaction.TransactionLayer;
import io.opensbc.sip.transport.ListenerAddress;
import io.opensbc.sip.transport.SipSender;
import io.vertx.core.buffer.Buffer;
import java.util.Collection;

/**
 * The shell of call transfer (docs/transfers.md): decides whether a REFER is handled here
 * ({@link ReferHandling}), runs the effects of {@link TransferFsm} (the target leg, the
 * transferee's re-INVITE, the NOTIFYs, the leg replacement) and matches INVITEs with Replaces to
 * the dialogs of this shard. Every step goes on the call's log. Single-threaded, like the B2BUA.
 */
final class Transfers {
  static final String REFER_TO = "Refer-To";
  static final String REFERRED_BY = "Referred-By";
  private static final String SDP = "application/sdp";

  /** What the transfer shell needs of the B2BUA that owns the calls. */
  interface Legs {
    ListenerAddress address(Call call, Side side, String listener);

    TrunkConfig trunkOf(Call call, Side side);

    void flush(Call call);

    void release(Call call, Side by, int status, String reason);

    /** The leg on {@code side} is now {@code dialog} (LegReplaced on the log, the call found by it). */
    void replaceLeg(Call call, Side side, Dialog dialog, String trunk, String reason);

    Collection<Call> calls();
  }

  private final TransactionLayer layer;
  private final Router router;
  private final Dispatcher dispatcher;
  private final MediaAnchoring media;
  private final Legs legs;
  private final TransferTargets targets;

  Transfers(TransactionLayer layer, SipSender sender, Router router, Dispatcher dispatcher, MediaAnchoring media,
      B2buaSettings settings, Legs legs) {
    this.layer = layer;
    this.router = router;
    this.dispatcher = dispatcher;
    this.media = media;
    this.legs = legs;
    this.targets = new TransferTargets(this, layer, sender, router, dispatcher, settings, legs);
  }

  /** Whether REFER from a peer whose calls go to {@code trunk} can be taken: relayed or handled here. */
  boolean referAccepted(String trunk) {
    TrunkConfig t = router.trunk(trunk);
    return dispatcher.accepts(trunk, SipRequest.REFER)
        || t != null && ReferHandling.handleLocally(t.signalling().transfer().refer(), false);
  }

  // ------------------------------------------------------------------ REFER

  /**
   * A REFER on {@code from}'s leg (after inbound rules): true when answered here; false when the
   * B2BUA relays it (passthrough), which is then on the log too.
   */
  boolean onRefer(Call call, Side from, ServerTransaction tx, SipRequest refer) {
    Side transferee = from.other();
    TrunkConfig peer = legs.trunkOf(call, transferee);
    boolean local = peer != null && ReferHandling.handleLocally(peer.signalling().transfer().refer(),
        dispatcher.accepts(peer.name(), SipRequest.REFER));
    String referTo = refer.headers().first(REFER_TO);
    String referredBy = refer.headers().first(REFERRED_BY);
    if (!local) {
      call.apply((s, at) -> new CallEvent.TransferRequested(s, at, from, referTo, referredBy, "passthrough"));
      return false;
    }
    Dialog here = call.dialog(from);
    Parsed<ReferTo> parsed = ReferTo.parse(referTo);
    String refusal = !parsed.isOk() ? parsed.reason()
        : call.state().phase() != CallPhase.CONFIRMED ? "call not confirmed"
        : call.transfer != null && call.transfer.running() || call.inviteInProgress ? "a transfer or re-INVITE is in progress"
        : null;
    if (refusal != null) {
      int status = !parsed.isOk() ? 400 : 491;
      call.apply((s, at) -> new CallEvent.TransferRequested(s, at, from, referTo, referredBy,
          "refused " + status + ": " + refusal));
      tx.respond(Responses.create(refer, status, status == 400 ? "Bad Request (" + refusal + ")" : "Request Pending",
          here.localTag()));
      legs.flush(call);
      return true;
    }
    ReferTo target = parsed.orNull();
    Dialog updated = here.withRemoteCSeq(refer.cseq().seq());
    call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, from, updated));
    call.apply((s, at) -> new CallEvent.TransferRequested(s, at, from, referTo, referredBy, "handle-locally"));
    tx.respond(Responses.create(refer, 202, "Accepted", here.localTag()));
    call.apply((s, at) -> new CallEvent.TransferAccepted(s, at, from, 202, target.replaces() == null ? "blind"
        : "attended, replaces " + target.replaces().callId()));
    Transfer t = new Transfer(from, legs.address(call, from, here.listener()));
    call.transfer = t;
    notifyTransferor(call, t, 100, null);
    Located replaced = target.replaces() == null ? null : find(target.replaces(), call);
    if (replaced != null) {
      targets.takeLeg(call, t, replaced);
    } else {
      targets.dial(call, t, target, referredBy);
    }
    legs.flush(call);
    return true;
  }

  /** A BYE from the transferor while its transfer runs: answered here, the transfer goes on (RFC 5589 §6). */
  boolean onTransferorBye(Call call, Side from, ServerTransaction tx) {
    Transfer t = call.transfer;
    if (t == null || !t.running() || t.transferor != from) {
      return false;
    }
    t.transferorGone = true;
    tx.respond(Responses.create(tx.request(), 200, "OK", call.dialog(from).localTag()));
    return true;
  }

  /** The call ended while a transfer ran: the target leg is given up. */
  void onReleased(Call call) {
    if (call.transfer != null && call.transfer.running()) {
      step(call, call.transfer, new TransferFsm.CallEnded());
    }
  }

  /** A failure before the target leg exists: the final NOTIFY and the rollback. */
  void fail(Call call, Transfer t, int status, String reason) {
    t.failureStatus = status;
    t.failureReason = reason;
    step(call, t, new TransferFsm.TargetResponded(status));
  }

  // ------------------------------------------------------------------ the machine's effects

  void step(Call call, Transfer t, TransferFsm.Input input) {
    TransferFsm.Transition tr = TransferFsm.on(t.state, input);
    t.state = tr.next();
    for (Effect e : tr.effects()) {
      run(call, t, e);
    }
    if (!call.released()) {
      legs.flush(call); // a released call's log is written by the release itself
    }
  }

  private void run(Call call, Transfer t, Effect e) {
    Side transferee = t.transferor.other();
    switch (e) {
      case NOTIFY_PROGRESS -> notifyTransferor(call, t, 180, null);
      case REINVITE_TRANSFEREE -> reinviteTransferee(call, t);
      case ACK_TRANSFEREE -> {
        Dialog y = call.dialog(transferee);
        layer.sendStateless(LegMessages.ackFor2xx(y, t.transfereeCSeq, legs.address(call, transferee, y.listener()),
            null), B2bua.destination(y));
      }
      case ACK_TARGET -> ackTarget(call, t);
      case CANCEL_TARGET -> {
        if (t.targetInvite != null && t.otherCall == null) {
          t.targetInvite.cancel(B2bua.IGNORE);
        }
      }
      case BYE_TARGET -> {
        if (t.otherCall == null && t.target != null && t.target.remoteTag() != null) {
          layer.send(LegMessages.inDialog(SipRequest.BYE, t.target, t.target.localCSeq() + 1, t.targetAddress, 70,
              null), B2bua.destination(t.target), B2bua.IGNORE);
        }
      }
      case REPLACE_LEG -> replaceTransferor(call, t);
      case NOTIFY_SUCCESS -> notifyTransferor(call, t, 200, null);
      case NOTIFY_FAILURE -> notifyTransferor(call, t, t.failureStatus == 0 ? 500 : t.failureStatus, t.failureReason);
      case BYE_TRANSFEROR -> byeTransferor(t);
      case RECORD_ROLLBACK -> rollBack(call, t);
    }
  }

  private void reinviteTransferee(Call call, Transfer t) {
    Side transferee = t.transferor.other();
    Dialog y = call.dialog(transferee);
    MediaAnchoring.Crossing c = media.cross(call, t.transferor, t.targetAnswer, false, y.listener());
    if (c.malformed() != null) {
      t.failureStatus = 488;
      t.failureReason = "Not Acceptable Here (" + c.malformed() + ")";
      step(call, t, new TransferFsm.TransfereeResponded(488));
      return;
    }
    Buffer body = c.body() != null ? c.body() : t.targetAnswer.body();
    long seq = y.localCSeq() + 1;
    Dialog next = y.withLocalCSeq(seq);
    call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, transferee, next));
    SipRequest reinvite = LegMessages.inDialog(SipRequest.INVITE, next, seq, legs.address(call, transferee,
        y.listener()), 70, null);
    if (body != null && body.length() > 0) {
      reinvite = reinvite.withHeaders(reinvite.headers().add(HeaderNames.CONTENT_TYPE, SDP)).withBody(body);
    }
    t.transfereeCSeq = seq;
    call.inviteInProgress = true;
    layer.send(reinvite, B2bua.destination(next), new TransfereeLeg(call, t));
  }

  private void ackTarget(Call call, Transfer t) {
    if (t.targetAcked || t.targetAnswer == null) {
      return;
    }
    t.targetAcked = true;
    SipRequest ack = LegMessages.ackFor2xx(t.target, t.targetCSeq, t.targetAddress, null);
    if (t.transfereeAnswer != null) {
      MediaAnchoring.Crossing c = media.cross(call, t.transferor.other(), t.transfereeAnswer, true,
          t.target.listener());
      Buffer body = c.body() != null ? c.body() : c.malformed() == null ? t.transfereeAnswer.body() : null;
      if (body != null && body.length() > 0) {
        ack = ack.withHeaders(ack.headers().add(HeaderNames.CONTENT_TYPE, SDP)).withBody(body);
      }
    }
    layer.sendStateless(ack, B2bua.destination(t.target));
    if (t.otherCall != null) {
      t.otherCall.inviteInProgress = false;
    }
  }

  /** The target's leg takes the transferor's side; an attended transfer's other call is ended. */
  private void replaceTransferor(Call call, Transfer t) {
    t.formerTransferor = call.dialog(t.transferor);
    Call other = t.otherCall;
    Dialog target = other == null ? t.target : other.dialog(t.otherSide);
    legs.replaceLeg(call, t.transferor, target, t.targetTrunk, other == null ? "blind transfer"
        : "attended transfer, leg of call " + other.state().callRef());
    if (other != null) {
      // the other call's transferor leg (replaced by the REFER's Replaces) is ended; its relay goes
      Side replaced = t.otherSide.other();
      Dialog r = other.dialog(replaced);
      layer.send(LegMessages.inDialog(SipRequest.BYE, r, r.localCSeq() + 1, legs.address(other, replaced,
          r.listener()), 70, null), B2bua.destination(r), B2bua.IGNORE);
      legs.release(other, null, 0, "replaced: leg moved to call " + call.state().callRef());
    }
  }

  private void byeTransferor(Transfer t) {
    Dialog x = t.formerTransferor;
    if (t.transferorGone || x == null) {
      return;
    }
    long seq = x.localCSeq() + 1;
    t.formerTransferor = x.withLocalCSeq(seq);
    layer.send(LegMessages.inDialog(SipRequest.BYE, t.formerTransferor, seq, t.transferorAddress, 70, null),
        B2bua.destination(x), B2bua.IGNORE);
  }

  private void rollBack(Call call, Transfer t) {
    int status = t.failureStatus == 0 ? 500 : t.failureStatus;
    String reason = t.failureReason == null ? Responses.reasonPhrase(status) : t.failureReason;
    call.apply((s, at) -> new CallEvent.TransferRolledBack(s, at, status, reason));
    if (t.transferorGone && !call.released()) {
      // nobody left for the transferee to talk to
      Side transferee = t.transferor.other();
      Dialog y = call.dialog(transferee);
      layer.send(LegMessages.inDialog(SipRequest.BYE, y, y.localCSeq() + 1, legs.address(call, transferee,
          y.listener()), 70, null), B2bua.destination(y), B2bua.IGNORE);
      legs.release(call, null, status, "transfer failed after the transferor left");
    }
  }

  /** NOTIFY (RFC 3515 §2.4.4) on the transferor's leg with the sipfrag of {@code status}. */
  private void notifyTransferor(Call call, Transfer t, int status, String reason) {
    if (t.transferorGone) {
      return;
    }
    boolean replaced = t.formerTransferor != null;
    Dialog x = replaced ? t.formerTransferor : call.dialog(t.transferor);
    long seq = x.localCSeq() + 1;
    Dialog next = x.withLocalCSeq(seq);
    if (replaced) {
      t.formerTransferor = next;
    } else {
      call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, t.transferor, next));
    }
    SipRequest notify = LegMessages.inDialog(SipRequest.NOTIFY, next, seq, t.transferorAddress, 70, null);
    notify = notify.withHeaders(notify.headers().add("Event", Sipfrag.EVENT)
        .add("Subscription-State", Sipfrag.subscriptionState(status))
        .add(HeaderNames.CONTENT_TYPE, Sipfrag.CONTENT_TYPE))
        .withBody(Buffer.buffer(Sipfrag.statusLine(status, reason)));
    boolean terminated = status >= 200;
    call.apply((s, at) -> new CallEvent.TransferNotified(s, at, t.transferor, status, terminated));
    layer.send(notify, B2bua.destination(next), B2bua.IGNORE);
  }

  /** The transferee's answer to the re-INVITE. */
  private final class TransfereeLeg extends LegFailures {
    private final Call call;
    private final Transfer t;

    TransfereeLeg(Call call, Transfer t) {
      this.call = call;
      this.t = t;
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse r) {
      if (!r.isFinal()) {
        return;
      }
      if (t.state != TransferFsm.State.REINVITING_TRANSFEREE) {
        if (r.isSuccess()) {
          Dialog y = call.dialog(t.transferor.other());
          layer.sendStateless(LegMessages.ackFor2xx(y, t.transfereeCSeq, legs.address(call, t.transferor.other(),
              y.listener()), null), B2bua.destination(y));
        }
        return;
      }
      call.inviteInProgress = false;
      if (r.isSuccess()) {
        t.transfereeAnswer = r;
      } else {
        t.failureStatus = r.status();
        t.failureReason = r.reason();
      }
      if (!call.released()) {
        step(call, t, new TransferFsm.TransfereeResponded(r.status()));
      }
    }

    @Override
    void failed(int status, String reason) {
      if (t.state == TransferFsm.State.REINVITING_TRANSFEREE && !call.released()) {
        call.inviteInProgress = false;
        t.failureStatus = status;
        t.failureReason = reason;
        step(call, t, new TransferFsm.TransfereeResponded(status));
      }
    }
  }

  // ------------------------------------------------------------------ Replaces

  /** A dialog this shard holds: the call and the side it is on. */
  record Located(Call call, Side side) {}

  /** The confirmed dialog {@code r} names, in a call other than {@code except}; null when none. */
  Located find(Replaces r, Call except) {
    for (Call c : legs.calls()) {
      if (c == except || c.released()) {
        continue;
      }
      for (Side s : Side.values()) {
        if (r.matches(c.dialog(s))) {
          return new Located(c, s);
        }
      }
    }
    return null;
  }


}
