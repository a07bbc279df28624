package io.opensbc.sip.b2bua;

import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.rules.Direction;
import io.opensbc.sip.b2bua.transfer.ReferTo;
import io.opensbc.sip.b2bua.transfer.Replaces;
import io.opensbc.sip.b2bua.transfer.TransferFsm;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.SipUri;
import io.opensbc.sip.routing.Dispatcher;
import io.opensbc.sip.routing.Hop;
import io.opensbc.sip.routing.Router;
import io.opensbc.sip.rules.RuleContext;
import io.opensbc.sip.rules.RuleOutcome;
import io.opensbc.sip.transaction.ClientTransaction;
import io.opensbc.sip.transaction.TransactionLayer;
import io.opensbc.sip.transport.ListenerAddress;
import io.opensbc.sip.transport.SipSender;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The target leg of a transfer handled by the SBC (docs/transfers.md): a blind transfer's new
 * INVITE through normal routing, hunting over the target trunk's hops like a call; an attended
 * transfer's leg taken from another call with a re-INVITE without SDP. Its responses are the
 * {@link TransferFsm} inputs {@link Transfers} steps on.
 */
final class TransferTargets {
  private static final String REFERRED_BY = Transfers.REFERRED_BY;

  private final Transfers transfers;
  private final TransactionLayer layer;
  private final SipSender sender;
  private final Router router;
  private final Dispatcher dispatcher;
  private final B2buaSettings settings;
  private final Transfers.Legs legs;

  TransferTargets(Transfers transfers, TransactionLayer layer, SipSender sender, Router router, Dispatcher dispatcher,
      B2buaSettings settings, Transfers.Legs legs) {
    this.transfers = transfers;
    this.layer = layer;
    this.sender = sender;
    this.router = router;
    this.dispatcher = dispatcher;
    this.settings = settings;
    this.legs = legs;
  }

  /** Blind transfer (or attended to a dialog held elsewhere): a new INVITE through normal routing. */
  void dial(Call call, Transfer t, ReferTo target, String referredBy) {
    Side transferee = t.transferor.other();
    Dialog x = call.dialog(t.transferor);
    TrunkConfig source = legs.trunkOf(call, t.transferor);
    NameAddr transfereeId = NameAddr.parse(call.dialog(transferee).remoteUri()).orNull();
    String fromUser = transfereeId == null ? null : user(transfereeId.uri());
    RouteConfig route = router.route(x.listener(), source == null ? null : source.name(), target.user(), fromUser,
        ZonedDateTime.now());
    TrunkConfig trunk = route == null || route.trunks().isEmpty() ? null : router.trunk(route.trunk());
    if (trunk == null || transfereeId == null) {
      transfers.fail(call, t, 404, "Not Found (no route to the transfer target)");
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
        transfers.fail(call, t, t.failureStatus, t.failureReason);
      } else {
        transfers.fail(call, t, 503, "Service Unavailable (no usable target for the transfer)");
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
      transfers.fail(call, t, ruled.rejectStatus(), ruled.rejectReason());
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
  void takeLeg(Call call, Transfer t, Transfers.Located replaced) {
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
        transfers.step(call, t, new TransferFsm.TargetResponded(r.status()));
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
        transfers.fail(call, t, status, reason);
      }
    }
  }

  private static String user(String uri) {
    SipUri u = SipUri.parse(uri).orNull();
    return u == null ? null : u.user();
  }
}
