package io.opensbc.sip.b2bua;

import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.rules.Direction;
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
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.Parsed;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.SipUri;
import io.opensbc.sip.routing.Dispatcher;
import io.opensbc.sip.routing.Hop;
import io.opensbc.sip.routing.Router;
import io.opensbc.sip.rules.RuleContext;
import io.opensbc.sip.rules.RuleOutcome;
import io.opensbc.sip.transaction.ClientTransaction;
import io.opensbc.sip.transaction.ServerTransaction;
import io.opensbc.sip.transaction.TransactionLayer;
import io.opensbc.sip.transport.ListenerAddress;
import io.opensbc.sip.transport.SipSender;
import io.vertx.core.buffer.Buffer;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;

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
  private final SipSender sender;
  private final Router router;
  private final Dispatcher dispatcher;
  private final MediaAnchoring media;
  private final B2buaSettings settings;
  private final Legs legs;

  Transfers(TransactionLayer layer, SipSender sender, Router router, Dispatcher dispatcher, MediaAnchoring media,
      B2buaSettings settings, Legs legs) {
    this.layer = layer;
    this.sender = sender;
    this.router = router;
    this.dispatcher = dispatcher;
    this.media = media;
    this.settings = settings;
    this.legs = legs;
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
      takeLeg(call, t, replaced);
    } else {
      dialTarget(call, t, target, referredBy);
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

  /** Blind transfer (or attended to a dialog held elsewhere): a new INVITE through normal routing. */
  private void dialTarget(Call call, Transfer t, ReferTo target, String referredBy) {
    Side transferee = t.transferor.other();
    Dialog x = call.dialog(t.transferor);
    TrunkConfig source = legs.trunkOf(call, t.transferor);
    NameAddr transfereeId = NameAddr.parse(call.dialog(transferee).remoteUri()).orNull();
    String fromUser = transfereeId == null ? null : user(transfereeId.uri());
    RouteConfig route = router.route(x.listener(), source == null ? null : source.name(), target.user(), fromUser,
        ZonedDateTime.now());
    TrunkConfig trunk = route == null || route.trunks().isEmpty() ? null : router.trunk(route.trunk());
    if (trunk == null || transfereeId == null) {
      fail(call, t, 404, "Not Found (no route to the transfer target)");
      return;
    }
    String callId = Ids.callId(settings.shard());
    dispatcher.plan(trunk, callId).onComplete(ar -> {
      if (!t.running()) {
        return;
      }
      t.plan = new TargetPlan(trunk, ar.succeeded() ? ar.result() : List.of(), target, referredBy, transfereeId,
          callId);
      t.hopIndex = -1;
      nextHop(call, t);
    });
  }

  /** The new INVITE's plan: the target trunk's hops (tried in order, as a call's), and what each INVITE needs. */
  record TargetPlan(TrunkConfig trunk, List<Hop> hops, ReferTo target, String referredBy, NameAddr transferee,
      String callId) {}

  /** The INVITE to the plan's next hop; past the last one the transfer fails with the last status. */
  private void nextHop(Call call, Transfer t) {
    TargetPlan plan = t.plan;
    TrunkConfig trunk = plan.trunk();
    t.hopIndex++;
    Hop hop = t.hopIndex < plan.hops().size() ? plan.hops().get(t.hopIndex) : null;
    String listener = hop == null ? null : B2bua.outListener(trunk, hop, settings);
    ListenerAddress bound = listener == null ? null : sender.address(listener);
    if (bound == null) {
      if (hop != null) {
        nextHop(call, t);
      } else if (t.failureStatus != 0) {
        fail(call, t, t.failureStatus, t.failureReason);
      } else {
        fail(call, t, 503, "Service Unavailable (no usable target for the transfer)");
      }
      return;
    }
    ListenerAddress out = bound.as(trunk.signalling().fqdn());
    long cseq = t.hopIndex + 1L;
    ReferTo target = plan.target();
    Dialog leg = new Dialog(plan.callId(), t.targetTag, null, B2bua.rehost(plan.transferee(), out.hostPort()),
        B2bua.rehost(NameAddr.of(target.uri()), B2bua.hostPort(trunk)),
        B2bua.requestUriFor(target.user(), SipUri.parse(target.uri()).orNull(), trunk, hop), List.of(), cseq, -1,
        listener, hop.transport(), hop.host(), hop.port());
    SipRequest invite = LegMessages.inDialog(SipRequest.INVITE, leg, cseq, out, 70, null);
    if (plan.referredBy() != null) {
      invite = invite.withHeaders(invite.headers().add(REFERRED_BY, plan.referredBy()));
    }
    if (target.replaces() != null) {
      invite = invite.withHeaders(invite.headers().add(Replaces.HEADER, target.replaces().toString()));
    }
    invite = TrunkProfile.outgoingInvite(invite, trunk, null);
    var st = call.state();
    RuleOutcome ruled = call.book == null ? null : call.book.apply(new RuleContext(trunk.name(), Direction.OUTBOUND,
        st.sourceTrunk(), st.listener()), invite);
    if (ruled != null && ruled.rejected()) {
      fail(call, t, ruled.rejectStatus(), ruled.rejectReason());
      return;
    }
    SipRequest sent = ruled == null ? invite : (SipRequest) ruled.message();
    t.target = leg;
    t.targetTrunk = trunk.name();
    t.targetAddress = out;
    t.targetCSeq = cseq;
    t.targetProvisional = false;
    int attempt = ++t.attempt;
    call.apply((s, at) -> new CallEvent.TransferLegDialed(s, at, leg, trunk.name(), hop.toString()));
    t.targetInvite = layer.send(sent, B2bua.destination(leg), new TargetLeg(call, t, attempt, hop));
    legs.flush(call);
  }

  /**
   * Whether a failure of the target's INVITE moves it on to the next hop, as a call's would
   * (routing's failover codes, before any provisional; docs/routing.md): then it is tried.
   */
  private boolean hunt(Call call, Transfer t, Hop hop, int status, String reason) {
    TargetPlan plan = t.plan;
    if (plan == null || t.targetProvisional || t.hopIndex + 1 >= plan.hops().size()
        || !io.opensbc.config.model.routing.StatusRange.any(plan.trunk().dispatch().failover().codes(), status)) {
      return false;
    }
    t.failureStatus = status;
    t.failureReason = reason;
    call.apply((s, at) -> new CallEvent.TargetFailed(s, at, plan.trunk().name(), hop.toString(), status,
        status + " from " + hop + " (transfer target)"));
    nextHop(call, t);
    return true;
  }

  /** Attended transfer: the target's leg in another call is asked for an offer (re-INVITE without SDP). */
  private void takeLeg(Call call, Transfer t, Located replaced) {
    Call other = replaced.call();
    Side targetSide = replaced.side().other();
    Dialog d = other.dialog(targetSide);
    long seq = d.localCSeq() + 1;
    Dialog next = d.withLocalCSeq(seq);
    other.apply((s, at) -> new CallEvent.DialogUpdated(s, at, targetSide, next));
    other.inviteInProgress = true;
    TrunkConfig trunk = legs.trunkOf(other, targetSide);
    t.otherCall = other;
    t.otherSide = targetSide;
    t.target = next;
    t.targetTrunk = trunk == null ? null : trunk.name();
    t.targetAddress = legs.address(other, targetSide, d.listener());
    t.targetCSeq = seq;
    call.apply((s, at) -> new CallEvent.TransferLegDialed(s, at, next, t.targetTrunk,
        "leg of call " + other.state().callRef()));
    t.targetInvite = layer.send(LegMessages.inDialog(SipRequest.INVITE, next, seq, t.targetAddress, 70, null),
        B2bua.destination(next), new TargetLeg(call, t, ++t.attempt, null));
    legs.flush(other);
  }

  /** A failure before the target leg exists: the final NOTIFY and the rollback. */
  private void fail(Call call, Transfer t, int status, String reason) {
    t.failureStatus = status;
    t.failureReason = reason;
    step(call, t, new TransferFsm.TargetResponded(status));
  }

  // ------------------------------------------------------------------ the machine's effects

  private void step(Call call, Transfer t, TransferFsm.Input input) {
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

  /** Responses on the target leg. */
  private final class TargetLeg extends LegFailures {
    private final Call call;
    private final Transfer t;
    /** Which INVITE of the transfer this is (a blind transfer's hunting makes several); null hop: attended. */
    private final int attempt;
    private final Hop hop;

    TargetLeg(Call call, Transfer t, int attempt, Hop hop) {
      this.call = call;
      this.t = t;
      this.attempt = attempt;
      this.hop = hop;
    }

    private boolean stale() {
      return attempt != t.attempt;
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse r) {
      if (r.status() == 100 || stale() && !r.isSuccess()) {
        return;
      }
      if (r.isSuccess()) {
        if (t.targetAnswer != null || !t.running() || stale()) {
          lateAnswer(tx, r);
          return;
        }
        NameAddr to = r.to();
        String contact = B2bua.contactUri(r);
        Dialog d = t.target.withRemoteTag(to == null ? t.target.remoteTag() : to.tag());
        t.target = t.otherCall != null ? d : d.withRemoteTarget(contact == null ? d.remoteTarget() : contact,
            B2bua.recordRoutes(r, true));
        t.targetAnswer = r;
      } else if (r.isFinal()) {
        if (t.otherCall != null) {
          t.otherCall.inviteInProgress = false;
        }
        if (!call.released() && t.running() && hop != null && hunt(call, t, hop, r.status(), r.reason())) {
          return;
        }
        t.failureStatus = r.status();
        t.failureReason = r.reason();
      } else {
        t.targetProvisional = true;
      }
      if (!call.released() && t.running()) {
        step(call, t, new TransferFsm.TargetResponded(r.status()));
      }
    }

    /**
     * A retransmission of the 2xx we took (ACKed again once ACKed), or a 2xx we do not take (an
     * earlier hop's, or after the transfer ended): acknowledged and hung up (RFC 3261 §13.2.2.4).
     */
    private void lateAnswer(ClientTransaction tx, SipResponse r) {
      if (!stale() && t.targetAnswer != null) {
        if (t.targetAcked) {
          layer.sendStateless(LegMessages.ackFor2xx(t.target, t.targetCSeq, t.targetAddress, null),
              B2bua.destination(t.target));
        }
        return;
      }
      if (t.otherCall != null) {
        return; // the leg belongs to the other call: its own answer is that call's business
      }
      NameAddr to = r.to();
      Dialog d = t.target.withRemoteTag(to == null ? null : to.tag()).withRemoteTarget(B2bua.contactUri(r),
          B2bua.recordRoutes(r, true));
      long seq = tx.request().cseq().seq();
      layer.sendStateless(LegMessages.ackFor2xx(d, seq, t.targetAddress, null), tx.destination());
      layer.send(LegMessages.inDialog(SipRequest.BYE, d, seq + 1, t.targetAddress, 70, null), tx.destination(),
          B2bua.IGNORE);
    }

    @Override
    void failed(int status, String reason) {
      if (t.running() && t.targetAnswer == null && !call.released() && !stale()
          && (hop == null || !hunt(call, t, hop, status, reason))) {
        fail(call, t, status, reason);
      }
    }
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

  private static String user(String uri) {
    SipUri u = SipUri.parse(uri).orNull();
    return u == null ? null : u.user();
  }

}
