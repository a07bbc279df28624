package io.opensbc.sip.b2bua;

import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.CallEventCodec;
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
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.routing.Dispatcher;
import io.opensbc.sip.routing.Hop;
import io.opensbc.sip.routing.Router;
import io.opensbc.sip.rules.RuleBook;
import io.opensbc.sip.rules.RuleContext;
import io.opensbc.sip.rules.RuleOutcome;
import io.opensbc.sip.rules.RuleWorkspace;
import io.opensbc.config.model.rules.Direction;
import io.opensbc.sip.transaction.ClientTransaction;
import io.opensbc.sip.transaction.ClientTransactionUser;
import io.opensbc.sip.transaction.ServerTransaction;
import io.opensbc.sip.transaction.TransactionLayer;
import io.opensbc.sip.transaction.TransactionUser;
import io.opensbc.sip.transport.Destination;
import io.opensbc.sip.transport.ListenerAddress;
import io.opensbc.sip.transport.SipSender;
import io.opensbc.sip.transport.Source;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The B2BUA core of one shard: every call is two legs with their own Call-ID, tags, CSeq, Via
 * and Contact; requests and responses are re-made on the other leg, never proxied. Every state
 * change is an event on the call's log, written to the {@link CallLogStore} after each message.
 * Single-threaded: runs on the shard's event loop.
 */
public final class B2bua implements TransactionUser {
  private static final Logger LOG = Logger.getLogger(B2bua.class.getName());

  private final TransactionLayer layer;
  private final SipSender sender;
  private final Router router;
  private final CallLogStore store;
  private final B2buaSettings settings;
  private final CallStats stats;
  private final BooleanSupplier draining;
  private final RequestScreen screen;
  /** The rule book in force; read once per transaction, so a reload applies to new transactions. */
  private final Supplier<RuleBook> rules;
  private final Dispatcher dispatcher;
  private final AdmissionControl admission;
  private final MediaAnchoring media;
  /** Calls by A-side key (Call-ID|our To tag) and by B-side Call-ID. */
  private final Map<String, Call> byA = new HashMap<>();
  private final Map<String, Call> byB = new HashMap<>();
  /** This shard's scratch space for rule chains. */
  private final RuleWorkspace ruleWorkspace = new RuleWorkspace();
  private final CallWatch watch;
  private final MediaReanchoring reanchoring;
  private io.opensbc.sip.security.Registrar registrar;
  /** Call transfer: REFER handled here, INVITE with Replaces (docs/transfers.md). */
  private final Transfers transfers;
  private final ReplacesInvites replacing;

  public B2bua(TransactionLayer layer, SipSender sender, Router router, CallLogStore store,
      B2buaSettings settings, CallStats stats, BooleanSupplier draining, Supplier<RuleBook> rules,
      Dispatcher dispatcher, AdmissionControl admission, MediaAnchoring media) {
    this(layer, sender, router, store, settings, stats, draining, rules, dispatcher, admission, media,
        CallWatch.none());
  }

  public B2bua(TransactionLayer layer, SipSender sender, Router router, CallLogStore store,
      B2buaSettings settings, CallStats stats, BooleanSupplier draining, Supplier<RuleBook> rules,
      Dispatcher dispatcher, AdmissionControl admission, MediaAnchoring media, CallWatch watch) {
    this.watch = watch;
    this.media = media;
    media.onTimeout(c -> byeBoth(c, "media timeout", MediaAnchoring.TIMEOUT_REASON));
    media.onLogChanged(this::flush);
    this.dispatcher = dispatcher;
    this.admission = admission;
    this.layer = layer;
    this.sender = sender;
    this.router = router;
    this.store = store;
    this.settings = settings;
    this.stats = stats;
    this.draining = draining;
    this.rules = rules;
    this.screen = new RequestScreen();
    TransferLegs legs = new TransferLegs();
    this.transfers = new Transfers(layer, sender, router, dispatcher, media, settings, legs);
    this.replacing = new ReplacesInvites(layer, sender, router, media, transfers, legs);
    this.reanchoring = new MediaReanchoring(layer, media, (c, side) -> address(c, side, c.dialog(side).listener()),
        this::flush, c -> byeBoth(c, "media re-anchoring failed", null));
    layer.user(this);
  }

  /** The registrar (REGISTER, calls from phones, calls to registered users); null when disabled. */
  void registrar(io.opensbc.sip.security.Registrar r) {
    this.registrar = r;
  }

  private boolean registeredUsers(TrunkConfig trunk) {
    return registrar != null && registrar.servesTrunk(trunk.name());
  }

  public int callCount() {
    return byB.size();
  }

  /** A copy of the event log of every call in progress (for the admin API and the console). */
  public List<List<CallEvent>> liveCalls() {
    List<List<CallEvent>> out = new java.util.ArrayList<>(byB.size());
    for (Call c : byB.values()) {
      out.add(List.copyOf(c.log()));
    }
    return out;
  }

  /**
   * Takes over an established call from its log (its owner left the cluster; docs/cluster.md):
   * folds the events, puts {@code CallAdopted} on the log and carries the call on from here.
   * Returns false, changing nothing, when the log is not of an established call, the call is
   * already here, or this node lacks one of the call's listeners.
   */
  public boolean adopt(List<CallEvent> events, String previousOwner, long epoch) {
    Call call = CallAdoption.fold(events);
    if (call == null || byB.containsKey(call.state().callRef())) {
      return false;
    }
    Dialog a = call.dialog(Side.A);
    Dialog b = call.dialog(Side.B);
    if (sender.address(a.listener()) == null || sender.address(b.listener()) == null) {
      LOG.warning("callId=" + call.state().callRef() + ": not adopted, listener " + a.listener() + " or "
          + b.listener() + " is not on this node");
      return false;
    }
    call.bCallId = call.state().callRef();
    call.bTag = b.localTag();
    call.trunk = router.trunk(call.state().trunk());
    call.book = rules.get();
    call.sessionTimers = SessionTimers.restored(events, trunkOf(call, Side.A), call.trunk);
    call.apply((s, at) -> new CallEvent.CallAdopted(s, at, settings.node(), previousOwner, epoch));
    byA.put(aKey(a.callId(), a.localTag()), call);
    byB.put(call.bCallId, call);
    stats.started();
    armSessionTimer(call, Side.A);
    armSessionTimer(call, Side.B);
    long left = settings.maxCallDurationMillis() - (System.currentTimeMillis() - events.get(0).at());
    call.durationTimer = layer.timers().schedule(Math.max(1, left), () -> release(call, null, 0, "max call duration"));
    if (CallAdoption.initialInviteOnly(events, Side.B)) {
      // the ACK of B's 2xx may have died with the failed node (the caller's, or ours still queued
      // there): acknowledged again here; a UAS absorbs a repeated ACK (RFC 3261 §13.2.2.4, §17.2.1)
      layer.sendStateless(LegMessages.ackFor2xx(b, b.localCSeq(), address(call, Side.B, b.listener()), null),
          destination(b));
    }
    if (call.state().phase() == CallPhase.ANSWERED) {
      call.apply(CallEvent.CallConfirmed::new);
    }
    flush(call);
    if (MediaReanchoring.wasAnchored(events)) {
      reanchoring.start(call, MediaReanchoring.delayMillis(events));
    }
    return true;
  }

  /**
   * Lets go of a call another node owns now (after a network partition healed, both sides may have
   * carried it; docs/cluster.md, "Split brain"): no BYE, no store write, no record; the relay
   * session is given back. Returns false when the call is not here.
   */
  public boolean forget(String callRef) {
    Call call = byB.get(callRef);
    if (call == null || call.released()) {
      return false;
    }
    Dialog a = call.dialog(Side.A);
    byA.remove(aKey(a.callId(), a.localTag()), call);
    byB.remove(callRef, call);
    layer.timers().cancel(call.ackTimer);
    layer.timers().cancel(call.durationTimer);
    if (call.sessionTimers != null) {
      call.sessionTimers.cancel(layer.timers());
    }
    for (String t : call.admittedTrunks) {
      admission.trunks.ended(t);
    }
    call.admittedTrunks.clear();
    call.forgotten = true; // this copy is never written again: the owner's log is the call's
    call.apply((s, at) -> new CallEvent.CallReleased(s, at, null, 0, "owned by another node"));
    stats.ended();
    media.release(call);
    return true;
  }

  // ---------------------------------------------------------------- requests

  @Override
  public void onRequest(ServerTransaction tx) {
    SipRequest req = tx.request();
    SipResponse refusal = screen.check(req);
    if (refusal != null) {
      tx.respond(refusal);
      return;
    }
    NameAddr to = req.to();
    if (to != null && to.tag() != null) {
      inDialog(tx, to.tag());
      return;
    }
    switch (req.method()) {
      case SipRequest.INVITE -> {
        if (replacing.onInvite(tx)) {
          return; // an INVITE with Replaces takes an existing dialog's place
        }
        if (registrar != null && registrar.authenticateCalls()
            && router.sourceTrunk(tx.source().listener(), tx.source().host(), tx.source().port()) == null) {
          // a phone's call: digest first (docs/security.md)
          registrar.authorize(tx, () -> newCall(tx));
        } else {
          newCall(tx);
        }
      }
      case SipRequest.REGISTER -> {
        if (registrar != null) {
          registrar.onRegister(tx);
        } else {
          tx.respond(screen.notAllowed(req));
        }
      }
      case SipRequest.OPTIONS -> tx.respond(screen.optionsAnswer(req, referRelayable(tx.source())));
      case SipRequest.BYE, SipRequest.PRACK, SipRequest.UPDATE, SipRequest.INFO ->
          tx.respond(Responses.create(req, 481, "Call/Transaction Does Not Exist"));
      default -> tx.respond(screen.notAllowed(req));
    }
  }

  private void newCall(ServerTransaction tx) {
    SipRequest req = tx.request();
    Source src = tx.source();
    long now = System.nanoTime();
    // a re-sent INVITE (same Call-ID, From tag, CSeq) after its final response gets that response
    // again, never a new call (docs/flood-control.md)
    SipResponse replay = admission.responses.replayFor(req, now);
    if (replay != null) {
      stats.replayed();
      tx.respond(replay);
      return;
    }
    boolean overloaded = admission.overloaded();
    if (draining.getAsBoolean() || byB.size() >= settings.maxCalls() || overloaded) {
      stats.shed();
      tx.respond(serviceUnavailable(req, overloaded ? "overloaded" : null, null));
      return;
    }
    if (maxForwards(req) == 0) {
      refuse(tx, Responses.create(req, 483, "Too Many Hops"));
      return;
    }
    if (admission.damper.check(req, now) == io.opensbc.sip.admission.Admission.DAMP) {
      // the same caller calling the same callee again and again: answered here, never routed
      stats.damped();
      SipResponse damped = Responses.create(req, admission.damper.status(), null);
      int cause = io.opensbc.sip.rules.Q850.causeOf(damped.status());
      refuse(tx, cause == 0 ? damped : damped.withHeaders(damped.headers().add(HeaderNames.REASON,
          "Q.850;cause=" + cause + ";text=\"retry damping\"")));
      return;
    }
    String sourceTrunk = router.sourceTrunk(src.listener(), src.host(), src.port());
    if (sourceTrunk != null && admission.trunks.tryStart(sourceTrunk, now) != io.opensbc.sip.admission.Admission.ADMIT) {
      stats.shed();
      tx.respond(serviceUnavailable(req, "trunk limit", null));
      return;
    }
    newCallAdmitted(tx, sourceTrunk);
  }

  /** A final answer to a new INVITE without a call; remembered for a re-sent copy of it. */
  private void refuse(ServerTransaction tx, SipResponse r) {
    stats.rejected();
    admission.responses.put(tx.request(), r, System.nanoTime());
    tx.respond(r);
  }

  private void newCallAdmitted(ServerTransaction tx, String sourceTrunk) {
    SipRequest req = tx.request();
    Source src = tx.source();
    boolean started = false;
    try {
      started = setUpCall(tx, sourceTrunk);
    } finally {
      if (!started && sourceTrunk != null) {
        admission.trunks.ended(sourceTrunk);
      }
    }
  }

  /** Returns true when a call was created (it then holds the source trunk's admission). */
  private boolean setUpCall(ServerTransaction tx, String sourceTrunk) {
    SipRequest req = tx.request();
    Source src = tx.source();
    RuleBook book = rules.get();
    RuleContext inCtx = new RuleContext(sourceTrunk, Direction.INBOUND, sourceTrunk, src.listener());
    RuleOutcome inbound = book.apply(inCtx, req, ruleWorkspace);
    if (inbound != null && inbound.rejected()) {
      refuse(tx, Responses.create(req, inbound.rejectStatus(), inbound.rejectReason()));
      return false;
    }
    // the request as the rules left it: what routing and the B leg see (A's dialog keeps the original)
    SipRequest ruled = inbound == null ? req : (SipRequest) inbound.message();
    Parsed<SipUri> ruri = SipUri.parse(ruled.uri());
    String user = ruri.isOk() ? ruri.orNull().user() : null;
    NameAddr ruledFrom = ruled.from();
    SipUri fromUri = ruledFrom == null ? null : SipUri.parse(ruledFrom.uri()).orNull();
    RouteConfig route = router.route(src.listener(), sourceTrunk, user, fromUri == null ? null : fromUri.user(),
        ZonedDateTime.now());
    if (route == null || route.trunks().isEmpty() || router.trunk(route.trunk()) == null) {
      refuse(tx, Responses.create(req, 404, "Not Found (no route)"));
      return false;
    }
    RuleOutcome routed = book.applyRoute(route.name(), inCtx, ruled, ruleWorkspace);
    if (routed != null && routed.rejected()) {
      refuse(tx, Responses.create(req, routed.rejectStatus(), routed.rejectReason()));
      return false;
    }
    if (sender.address(src.listener()) == null) {
      tx.respond(serviceUnavailable(req, "no listener", null));
      return false;
    }
    SipRequest template = routed == null ? ruled : (SipRequest) routed.message();
    if (registrar != null) {
      template = registrar.withoutOwnCredentials(template);
    }
    String malformed = malformedOffer(template, sourceTrunk, route);
    if (malformed != null) {
      refuse(tx, MediaAnchoring.notAcceptable(req, malformed, null));
      return false;
    }
    TrunkConfig callerTrunk = sourceTrunk == null ? null : router.trunk(sourceTrunk);
    SipResponse tooSmall = SessionTimers.tooSmall(req, callerTrunk);
    if (tooSmall != null) {
      refuse(tx, tooSmall);
      return false;
    }
    NameAddr from = req.from();
    NameAddr to = req.to();
    String ownedCallId = Ids.callId(settings.shard(), settings.node());
    String aTag = Ids.aTagFor(ownedCallId);
    String aCallId = req.callId();
    Dialog a = new Dialog(aCallId, aTag, from.tag(), LegMessages.withoutTag(to),
        LegMessages.withoutTag(from), contactUri(req), recordRoutes(req, false), 0, req.cseq().seq(),
        src.listener(), src.transport(), src.host(), src.port());
    Call call = new Call();
    call.bCallId = ownedCallId;
    call.bTag = Ids.tag();
    call.book = book;
    call.route = route;
    call.template = template;
    call.sessionTimers = SessionTimers.of(req, callerTrunk);
    int mf = maxForwards(req);
    call.maxForwards = mf < 0 ? 70 : mf - 1;
    call.nextCSeq = req.cseq().seq();
    String bCallId = call.bCallId;
    call.apply((seq, at) -> new CallEvent.CallOffered(seq, at, bCallId, a, src.listener(), sourceTrunk));
    recordRules(call, Side.A, Direction.INBOUND, req, inbound);
    if (routed != null && routed.changed()) {
      List<String> ids = routed.changedBy();
      call.apply((s, at) -> new CallEvent.RulesApplied(s, at, Side.A, "route " + route.name(), "INVITE", ids));
    }
    call.aInvite = tx;
    call.inviteInProgress = true;
    tx.owner(call);
    byA.put(aKey(aCallId, aTag), call);
    byB.put(bCallId, call);
    stats.started();
    call.durationTimer = layer.timers().schedule(settings.maxCallDurationMillis(),
        () -> release(call, null, 0, "max call duration"));
    if (sourceTrunk != null) {
      call.admittedTrunks.add(sourceTrunk);
    }
    dispatchTrunk(call, 0);
    return true;
  }

  /**
   * Plans the hops of the route's {@code index}-th trunk and tries the first; past the last trunk
   * the caller gets the last failure, or 503 with Retry-After when nothing could be tried.
   */
  private void dispatchTrunk(Call call, int index) {
    List<String> trunks = call.route.trunks();
    TrunkConfig trunk = index < trunks.size() ? router.trunk(trunks.get(index)) : null;
    if (trunk == null) {
      if (call.lastFailure != null) {
        respondOutbound(call, Side.A, call.aInvite, LegMessages.relay(call.aInvite.request(), call.lastFailure,
            call.dialog(Side.A).localTag(), address(call, Side.A, call.dialog(Side.A).listener())), call.book);
        release(call, Side.B, call.lastFailure.status(), "every target failed");
      } else {
        stats.shed();
        respondOutbound(call, Side.A, call.aInvite, serviceUnavailable(call.aInvite.request(),
            "no usable target", call.dialog(Side.A).localTag()), call.book);
        release(call, null, 503, "no usable target");
      }
      return;
    }
    call.trunkIndex = index;
    call.trunk = trunk;
    if (!call.admittedTrunks.contains(trunk.name())) {
      if (admission.trunks.tryStart(trunk.name(), System.nanoTime()) != io.opensbc.sip.admission.Admission.ADMIT) {
        // over the trunk's limits: as if none of its targets were usable
        dispatchTrunk(call, index + 1);
        return;
      }
      call.admittedTrunks.add(trunk.name());
    }
    (registeredUsers(trunk) ? registrar.hops(trunk.name(), call.template)
        : dispatcher.plan(trunk, call.bCallId)).onComplete(ar -> {
      if (call.released()) {
        return;
      }
      call.hops = ar.succeeded() ? ar.result() : List.of();
      if (call.hops.isEmpty() && registeredUsers(trunk) && call.lastFailure == null) {
        // the user has no binding: 480, as a registrar's proxy answers (RFC 3261 §21.4.18)
        call.lastFailure = Responses.create(call.aInvite.request(), 480, "Temporarily Unavailable");
      }
      call.hopIndex = -1;
      nextHop(call);
    });
  }

  /** Sends the call's INVITE to its next hop (the next trunk's when this trunk's are used up). */
  private void nextHop(Call call) {
    if (call.released()) {
      return;
    }
    call.hopIndex++;
    if (call.hopIndex >= call.hops.size()) {
      dispatchTrunk(call, call.trunkIndex + 1);
      return;
    }
    TrunkConfig trunk = call.trunk;
    Hop hop = call.hops.get(call.hopIndex);
    String outListener = registeredUsers(trunk) ? io.opensbc.sip.security.Registrar.listenerOf(hop)
        : outListener(trunk, hop, settings);
    ListenerAddress out = outListener == null ? null : sender.address(outListener);
    if (out == null) {
      nextHop(call);
      return;
    }
    if (call.media.session == null && media.wanted(call.state().sourceTrunk(), trunk)) {
      // the relay ports go into the B-leg SDP: allocate them first (once per call)
      media.allocate(call).onComplete(ar -> {
        if (call.released()) {
          return;
        }
        if (ar.failed()) {
          mediaUnavailable(call, ar.cause());
          return;
        }
        dial(call, trunk, hop, outListener, out);
      });
      return;
    }
    dial(call, trunk, hop, outListener, out);
  }

  /** The listener a call to {@code trunk} leaves from towards {@code hop}. */
  static String outListener(TrunkConfig trunk, Hop hop, B2buaSettings settings) {
    return trunk.listener() != null && trunk.transport() == hop.transport()
        ? trunk.listener() : settings.listenerFor(hop.transport());
  }

  /** A relay session could not be had: 503 with Retry-After to the caller, and the call ends. */
  private void mediaUnavailable(Call call, Throwable cause) {
    String why = cause instanceof io.opensbc.media.control.MediaException me
        ? "media " + me.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : "media";
    stats.shed();
    respondOutbound(call, Side.A, call.aInvite, serviceUnavailable(call.aInvite.request(), why,
        call.dialog(Side.A).localTag()), call.book);
    release(call, null, 503, why);
  }

  /** Builds the INVITE for {@code hop} (its SDP anchored unless media bypasses) and sends it. */
  private void dial(Call call, TrunkConfig trunk, Hop hop, String outListener, ListenerAddress bound) {
    ListenerAddress out = bound.as(trunk.signalling().fqdn());
    SipRequest template = call.template;
    Parsed<SipUri> ruri = SipUri.parse(template.uri());
    String user = ruri.isOk() ? ruri.orNull().user() : null;
    NameAddr bFrom = template.from();
    NameAddr bTo = template.to();
    long cseq = call.nextCSeq++;
    Dialog dialed = new Dialog(call.bCallId, call.bTag, null,
        rehost(bFrom, out.hostPort()), registeredUsers(trunk) ? rehost(bTo, registrar.realm()) : rehost(bTo,
        hostPort(trunk)), registeredUsers(trunk) ? io.opensbc.sip.security.Registrar.contactOf(hop)
        : call.redirectUri != null ? call.redirectUri : requestUriFor(user, ruri.orNull(), trunk, hop),
        List.of(), cseq, -1, outListener, hop.transport(), hop.host(), hop.port());
    SipRequest built = LegMessages.inDialog(SipRequest.INVITE, dialed, cseq, out, call.maxForwards, template);
    built = TrunkProfile.outgoingInvite(built, trunk, call.sessionTimers);
    call.media.anchored = call.media.session != null && media.wanted(call.state().sourceTrunk(), trunk);
    if (call.media.anchored) {
      MediaAnchoring.Crossing c = media.offerToB(call, template, outListener);
      if (c.malformed() != null) {
        respondOutbound(call, Side.A, call.aInvite, MediaAnchoring.notAcceptable(call.aInvite.request(), c.malformed(),
            call.dialog(Side.A).localTag()), call.book);
        release(call, null, 488, "malformed SDP offer");
        return;
      }
      if (c.body() != null) {
        built = built.withBody(c.body());
      }
    }
    var st = call.state();
    RuleOutcome outbound = call.book.apply(new RuleContext(trunk.name(), Direction.OUTBOUND, st.sourceTrunk(),
        st.listener()), built, ruleWorkspace);
    if (outbound != null && outbound.rejected()) {
      stats.rejected();
      respondOutbound(call, Side.A, call.aInvite, Responses.create(call.aInvite.request(), outbound.rejectStatus(),
          outbound.rejectReason(), call.dialog(Side.A).localTag()), call.book);
      release(call, null, outbound.rejectStatus(), "rejected by a rule");
      return;
    }
    SipRequest invite = outbound == null ? built : (SipRequest) outbound.message();
    // the dialog as the INVITE went out: rules may have changed the From/To URIs or the target
    Dialog b = outbound == null ? dialed : sentAs(dialed, invite);
    call.apply((seq, at) -> new CallEvent.LegDialed(seq, at, b, trunk.name()));
    recordRules(call, Side.B, Direction.OUTBOUND, built, outbound);
    call.provisionalSeen = false;
    int attempt = ++call.attempt;
    call.bInvite = layer.send(invite, destination(b).withPeer(TrunkProfile.peerName(trunk, hop)),
        new InitialInvite(call, call.book, attempt, hop));
    flush(call);
  }

  private void inDialog(ServerTransaction tx, String toTag) {
    SipRequest req = tx.request();
    String callId = req.callId();
    Side from;
    Call call = byA.get(aKey(callId, toTag));
    if (call != null) {
      from = Side.A;
    } else {
      call = byB.get(callId);
      from = Side.B;
      if (call != null && (call.dialog(Side.B) == null || !toTag.equals(call.dialog(Side.B).localTag()))) {
        call = null;
      }
    }
    if (call == null || call.released()) {
      tx.respond(Responses.create(req, 481, "Call/Transaction Does Not Exist"));
      return;
    }
    RuleBook book = rules.get();
    RuleOutcome inbound = book.apply(context(call, from, Direction.INBOUND), req, ruleWorkspace);
    if (inbound != null && inbound.rejected()) {
      tx.respond(Responses.create(req, inbound.rejectStatus(), inbound.rejectReason(), call.dialog(from).localTag()));
      return;
    }
    SipRequest in = inbound == null ? req : (SipRequest) inbound.message();
    Dialog here = call.dialog(from);
    long seq = req.cseq().seq();
    if (here.remoteCSeq() >= 0 && seq < here.remoteCSeq()) {
      tx.respond(Responses.create(req, 500, "CSeq Out Of Order"));
      return;
    }
    int mf = maxForwards(req);
    if (mf == 0) {
      tx.respond(Responses.create(req, 483, "Too Many Hops"));
      return;
    }
    if (req.method().equals(SipRequest.REFER) && transfers.onRefer(call, from, tx, in)
        || req.method().equals(SipRequest.BYE) && transfers.onTransferorBye(call, from, tx)) {
      return; // handled by the SBC (docs/transfers.md)
    }
    if (req.isInvite()) {
      if (call.inviteInProgress) {
        SipResponse pending = Responses.create(req, 491, "Request Pending");
        tx.respond(pending);
        return;
      }
      call.inviteInProgress = true;
    }
    Side to = from.other();
    Dialog there = call.dialog(to);
    long outSeq = there.localCSeq() + 1;
    Dialog hereNext = here.withRemoteCSeq(seq);
    String contact = req.isInvite() || req.method().equals(SipRequest.UPDATE) ? contactUri(req) : null;
    if (contact != null) {
      hereNext = hereNext.withRemoteTarget(contact, here.routeSet());
    }
    Dialog hereUpdated = hereNext;
    Dialog thereUpdated = there.withLocalCSeq(outSeq);
    ListenerAddress l = address(call, to, there.listener());
    SipRequest built = call.sessionTimers.crossing(
        LegMessages.inDialog(req.method(), there, outSeq, l, mf < 0 ? 70 : mf - 1, in), to);
    if (!req.method().equals(SipRequest.BYE)) {
      boolean offer = req.isInvite() || req.method().equals(SipRequest.UPDATE);
      if (req.isInvite() && !MediaAnchoring.hasSdp(in)) {
        call.media.offerer = null; // an offerless re-INVITE: its 2xx brings the offer, the ACK the answer
      }
      MediaAnchoring.Crossing c = media.cross(call, from, in, !offer, there.listener());
      if (c.malformed() != null) {
        if (req.isInvite()) {
          call.inviteInProgress = false;
        }
        tx.respond(MediaAnchoring.notAcceptable(req, c.malformed(), here.localTag()));
        return;
      }
      if (c.body() != null) {
        built = built.withBody(c.body());
      }
    }
    RuleOutcome outbound = book.apply(context(call, to, Direction.OUTBOUND), built, ruleWorkspace);
    if (outbound != null && outbound.rejected()) {
      if (req.isInvite()) {
        call.inviteInProgress = false;
      }
      tx.respond(Responses.create(req, outbound.rejectStatus(), outbound.rejectReason(), here.localTag()));
      return;
    }
    SipRequest out = outbound == null ? built : (SipRequest) outbound.message();
    recordRules(call, from, Direction.INBOUND, req, inbound);
    recordRules(call, to, Direction.OUTBOUND, built, outbound);
    tx.owner(call);
    if (req.method().equals(SipRequest.BYE)) {
      call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, to, thereUpdated));
      layer.send(out, destination(there), new Relay(call, tx, from, true, book));
      release(call, from, 0, "BYE");
      return;
    }
    call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, from, hereUpdated));
    call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, to, thereUpdated));
    if (req.isInvite() || req.method().equals(SipRequest.UPDATE)) {
      // a session refresh (RFC 4028 §10) on the leg it came from, passed on as one on the other
      armSessionTimer(call, from);
      armSessionTimer(call, to);
    }
    layer.send(out, destination(there), new Relay(call, tx, from, false, book));
    flush(call);
  }

  @Override
  public void onAck(SipRequest ack, Source source) {
    NameAddr to = ack.to();
    if (to == null || to.tag() == null) {
      return;
    }
    Side from = Side.A;
    Call call = byA.get(aKey(ack.callId(), to.tag()));
    if (call == null) {
      call = byB.get(ack.callId());
      from = Side.B;
    }
    if (call == null || call.released()) {
      return;
    }
    Side other = from.other();
    long pending = call.pendingAck[other.ordinal()];
    if (pending == 0) {
      return;
    }
    call.pendingAck[other.ordinal()] = 0;
    Dialog there = call.dialog(other);
    SipRequest relayed = LegMessages.ackFor2xx(there, pending, address(call, other, there.listener()), ack);
    MediaAnchoring.Crossing c = media.cross(call, from, ack, true, there.listener());
    if (c.body() != null) {
      relayed = relayed.withBody(c.body());
    } else if (c.malformed() != null) {
      relayed = MediaAnchoring.withoutSdp(relayed, call, c.malformed());
    }
    layer.sendStateless(relayed, destination(there));
    if (call.state().phase() == CallPhase.ANSWERED) {
      layer.timers().cancel(call.ackTimer);
      call.apply(CallEvent.CallConfirmed::new);
      flush(call);
    }
  }

  @Override
  public void onCancel(ServerTransaction invite, SipRequest cancel) {
    if (!(invite.owner() instanceof Call call) || invite.answered() || call.released()) {
      return;
    }
    invite.respond(Responses.create(invite.request(), 487, "Request Terminated", call.dialog(Side.A).localTag()));
    admission.damper.ended(invite.request());
    if (call.bInvite != null && call.bInvite.provisionalSeen()) {
      call.bInvite.cancel(IGNORE);
    } else if (call.bInvite != null) {
      call.cancelPending = true;
    }
    release(call, Side.A, 487, "CANCEL");
  }

  @Override
  public void onStrayResponse(SipResponse response, Source source) {
    // RFC 4475 §3.1.1.12/13, §3.3.10: responses matching no transaction are dropped.
    LOG.finest(() -> "dropped a response matching no transaction from " + source.host() + ":" + source.port());
  }

  @Override
  public void onServerTerminated(ServerTransaction tx, boolean timedOut) {
    if (timedOut && tx.owner() instanceof Call call && !call.released()) {
      release(call, null, 408, "no ACK");
    }
  }

  // ---------------------------------------------------------------- responses

  /** The client-transaction user of the initial INVITE on B. */
  private final class InitialInvite implements ClientTransactionUser {
    private final Call call;
    private final RuleBook book;
    /** Which attempt of the call this INVITE is (hunting makes several); a stale one is ignored. */
    private final int attempt;
    private final Hop hop;

    InitialInvite(Call call, RuleBook book, int attempt, Hop hop) {
      this.call = call;
      this.book = book;
      this.attempt = attempt;
      this.hop = hop;
    }

    private boolean stale() {
      return attempt != call.attempt;
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse received) {
      if (received.status() == 100 || stale() && !received.isSuccess()) {
        return;
      }
      SipResponse r = received;
      if (!call.released() && io.opensbc.sip.clock.ClockSkew.identityFailure(received.status())) {
        recordSkew(call, received, hop.host(), hop.port());
      }
      if (!call.released()) {
        RuleOutcome o = book.apply(context(call, Side.B, Direction.INBOUND), received, ruleWorkspace);
        if (o != null) {
          r = (SipResponse) o.message();
          recordRules(call, Side.B, Direction.INBOUND, received, o);
        }
      }
      onRuledResponse(tx, r);
    }

    /** Whether the 2xx is from the dialog that answered this call (not another fork, not after CANCEL). */
    private boolean answeredDialog(SipResponse r) {
      NameAddr to = r.to();
      Dialog b = call.dialog(Side.B);
      return to != null && b != null && to.tag() != null && to.tag().equals(b.remoteTag())
          && call.log().stream().anyMatch(e -> e instanceof CallEvent.CallAnswered);
    }

    /** A response from B as the rules left it. */
    private void onRuledResponse(ClientTransaction tx, SipResponse r) {
      if (call.released()) {
        if (call.cancelPending && r.isProvisional()) {
          call.cancelPending = false;
          tx.cancel(IGNORE);
        } else if (r.isSuccess() && answeredDialog(r)) {
          // a late retransmission of the 2xx that answered the call (its ACK crossed it): ACK it
          // again; the call's own BYE has gone already
          Dialog bd = call.dialog(Side.B);
          layer.sendStateless(LegMessages.ackFor2xx(bd, tx.request().cseq().seq(), sender.address(bd.listener()),
              null), destination(bd));
        } else if (r.isSuccess()) {
          // answered after CANCEL or release: acknowledge and hang up B (RFC 3261 §9.1 race)
          hangUpAnsweredB(r);
        }
        return;
      }
      Dialog b = call.dialog(Side.B);
      NameAddr to = r.to();
      String remoteTag = to == null ? null : to.tag();
      if (r.isProvisional()) {
        call.provisionalSeen = true;
        if (remoteTag != null && call.state().phase() == CallPhase.OFFERED) {
          call.apply((s, at) -> new CallEvent.EarlyDialogCreated(s, at, remoteTag, r.status()));
        }
        SipResponse toA = TrunkProfile.provisionalToCaller(r, trunkOf(call, Side.A), call.provisionalRelayed);
        if (toA != null) {
          call.provisionalRelayed = true;
          relayToA(toA);
        }
        flush(call);
        return;
      }
      if (r.isSuccess()) {
        CallPhase phase = call.state().phase();
        boolean otherFork = (phase == CallPhase.ANSWERED || phase == CallPhase.CONFIRMED)
            && remoteTag != null && !remoteTag.equals(b.remoteTag());
        if (otherFork) {
          // RFC 3261 §13.2.2.4: a 2xx from another fork creates another dialog; the call has its
          // answer already, so that dialog is acknowledged and released
          hangUpAnsweredB(r);
          return;
        }
        if (phase == CallPhase.ANSWERED) {
          relayToA(r); // B retransmits its 2xx until ACKed: our retransmission towards A
          return;
        }
        if (phase == CallPhase.CONFIRMED) {
          Dialog bd = call.dialog(Side.B);
          layer.sendStateless(LegMessages.ackFor2xx(bd, bd.localCSeq(), address(call, Side.B, bd.listener()), null),
              destination(bd));
          return;
        }
        Dialog answered = b.withRemoteTag(remoteTag).withRemoteTarget(contactUri(r), recordRoutes(r, true));
        Dialog a = call.dialog(Side.A);
        call.apply((s, at) -> new CallEvent.CallAnswered(s, at, a, answered));
        call.pendingAck[Side.B.ordinal()] = answered.localCSeq();
        call.inviteInProgress = false;
        stats.answered();
        call.sessionTimers.answeredByCallee(r);
        call.sessionTimers.record(call);
        relayToA(r);
        armSessionTimer(call, Side.A);
        armSessionTimer(call, Side.B);
        media.armTimeout(call);
        call.ackTimer = layer.timers().schedule(64 * settings.t1Millis(), () -> {
          if (call.state().phase() == CallPhase.ANSWERED) {
            byeBoth(call, "no ACK from caller", null);
          }
        });
        flush(call);
        return;
      }
      if (hunt(r.status(), r) || r.status() >= 300 && r.status() < 400 && recurse(r)) {
        return;
      }
      relayToA(r);
      release(call, Side.B, r.status(), "final response " + r.status());
    }

    /**
     * Serial hunting: before any provisional other than 100, a failover code (or a transport error
     * or timeout) moves the call to the next hop; a 503 with Retry-After also marks the target busy.
     */
    private boolean hunt(int status, SipResponse r) {
      if (call.provisionalSeen || call.released() || stale()) {
        return false;
      }
      Integer retryAfter = r == null ? null : retryAfterSeconds(r);
      boolean busy = status == 503 && retryAfter != null;
      if (busy) {
        dispatcher.availability().busyFor(hop.target(), retryAfter * 1000L);
      }
      if (!busy && !io.opensbc.config.model.routing.StatusRange.any(call.trunk.dispatch().failover().codes(), status)) {
        return false;
      }
      call.lastFailure = r != null ? r : call.lastFailure;
      String why = (r == null ? status + " (local)" : Integer.toString(status)) + " from " + hop;
      call.apply((s, at) -> new CallEvent.TargetFailed(s, at, hop.trunk(), hop.toString(), status, why));
      nextHop(call);
      return true;
    }

    /** A 3xx the trunk's redirect policy follows: the INVITE goes to the Contact (docs/transfers.md). */
    private boolean recurse(SipResponse r) {
      TrunkConfig trunk = call.trunk;
      String contact = io.opensbc.sip.b2bua.transfer.Redirects.next(trunk.signalling().transfer().redirect(),
          r.status(), r.headers().values(HeaderNames.CONTACT), call.redirectsFollowed, trunk.host(),
          call.redirectUri == null ? List.of() : List.of(call.redirectUri));
      Hop next = contact == null ? null : io.opensbc.sip.b2bua.transfer.Redirects.hop(trunk, contact, hop.transport());
      String listener = next == null ? null : outListener(trunk, next, settings);
      ListenerAddress out = listener == null ? null : sender.address(listener);
      if (out == null) {
        return false;
      }
      int followed = ++call.redirectsFollowed;
      call.redirectUri = contact;
      call.apply((s, at) -> new CallEvent.RedirectFollowed(s, at, trunk.name(), r.status(), contact, followed));
      dial(call, trunk, next, listener, out);
      return true;
    }

    private void relayToA(SipResponse received) {
      SipResponse r = received.isSuccess() ? call.sessionTimers.toCaller(received) : received;
      Dialog a = call.dialog(Side.A);
      respondOutbound(call, Side.A, call.aInvite, media.anchored(call, Side.B, r, LegMessages.relay(call.aInvite.request(),
          r, a.localTag(), address(call, Side.A, a.listener())), a.listener()), book);
    }

    private void hangUpAnsweredB(SipResponse r) {
      NameAddr to = r.to();
      Dialog b = call.dialog(Side.B).withRemoteTag(to == null ? null : to.tag())
          .withRemoteTarget(contactUri(r), recordRoutes(r, true));
      ListenerAddress l = address(call, Side.B, b.listener());
      layer.sendStateless(LegMessages.ackFor2xx(b, b.localCSeq(), l, null), destination(b));
      layer.send(LegMessages.inDialog(SipRequest.BYE, b, b.localCSeq() + 1, l, 70, null), destination(b), IGNORE);
    }

    @Override
    public void onTimeout(ClientTransaction tx) {
      fail(408, "Request Timeout");
    }

    @Override
    public void onTransportError(ClientTransaction tx) {
      fail(503, "Service Unavailable");
    }

    private void fail(int status, String reason) {
      if (call.released() || stale()) {
        return;
      }
      if (!call.provisionalSeen) {
        // a target that does not answer (or cannot be reached) is a reason to try the next one,
        // and new calls try that address last for a while
        dispatcher.availability().unreachable(hop);
        if (call.lastFailure == null) {
          call.lastFailure = Responses.create(call.aInvite.request(), status, reason);
        }
        String why = status + " (" + reason + ") at " + hop;
        call.apply((s, at) -> new CallEvent.TargetFailed(s, at, hop.trunk(), hop.toString(), status, why));
        nextHop(call);
        return;
      }
      Dialog a = call.dialog(Side.A);
      respondOutbound(call, Side.A, call.aInvite, Responses.create(call.aInvite.request(), status, reason,
          a.localTag()), book);
      release(call, null, status, reason);
    }
  }

  /** Relays the response to a request forwarded within a dialog back to where it came from. */
  private final class Relay implements ClientTransactionUser {
    private final Call call;
    private final ServerTransaction origin;
    private final Side from;
    private final boolean bye;
    private final RuleBook book;

    Relay(Call call, ServerTransaction origin, Side from, boolean bye, RuleBook book) {
      this.call = call;
      this.origin = origin;
      this.from = from;
      this.bye = bye;
      this.book = book;
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse received) {
      if (received.status() == 100) {
        return;
      }
      SipResponse r = received;
      if (!call.released() && io.opensbc.sip.clock.ClockSkew.identityFailure(received.status())) {
        Dialog there = call.dialog(from.other());
        recordSkew(call, received, there.host(), there.port());
      }
      RuleOutcome o = book.apply(context(call, from.other(), Direction.INBOUND), received, ruleWorkspace);
      if (o != null) {
        r = (SipResponse) o.message();
        recordRules(call, from.other(), Direction.INBOUND, received, o);
      }
      onRuledResponse(tx, r);
    }

    /** A response from the other side as the rules left it. */
    private void onRuledResponse(ClientTransaction tx, SipResponse ruled) {
      Dialog here = call.dialog(from);
      SipRequest req = origin.request();
      boolean refresh = req.isInvite() || req.method().equals(SipRequest.UPDATE);
      SipResponse r = refresh ? call.sessionTimers.answering(ruled, from) : ruled;
      if (req.isInvite() && r.isFinal()) {
        call.inviteInProgress = false;
        if (r.isSuccess() && !call.released()) {
          Side to = from.other();
          Dialog there = call.dialog(to);
          if (origin.answered()) {
            // a retransmitted 2xx: re-send the ACK if the originator already acknowledged,
            // else pass the 2xx on again as our own retransmission towards the originator
            if (call.pendingAck[to.ordinal()] == 0) {
              layer.sendStateless(LegMessages.ackFor2xx(there, tx.request().cseq().seq(),
                  address(call, to, there.listener()), null), destination(there));
            } else {
              respondOutbound(call, from, origin, media.anchored(call, from.other(), r, LegMessages.relay(req, r,
                  here.localTag(), address(call, from, here.listener())), here.listener()), book);
            }
            return;
          }
          call.pendingAck[to.ordinal()] = tx.request().cseq().seq();
          String target = contactUri(r);
          if (target != null && !target.equals(there.remoteTarget())) {
            Dialog refreshed = there.withRemoteTarget(target, there.routeSet());
            call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, to, refreshed));
            flush(call);
          }
        }
      }
      if (!origin.answered() || (r.isSuccess() && req.isInvite())) {
        respondOutbound(call, from, origin, media.anchored(call, from.other(), r, LegMessages.relay(req, r,
            here.localTag(), address(call, from, here.listener())), here.listener()), book);
      }
      if (call.dirty()) {
        flush(call);
      }
    }

    @Override
    public void onTimeout(ClientTransaction tx) {
      answerLocally(bye ? 200 : 408, bye ? "OK" : "Request Timeout");
    }

    @Override
    public void onTransportError(ClientTransaction tx) {
      answerLocally(bye ? 200 : 503, bye ? "OK" : "Service Unavailable");
    }

    private void answerLocally(int status, String reason) {
      if (origin.request().isInvite()) {
        call.inviteInProgress = false;
      }
      if (!origin.answered()) {
        origin.respond(Responses.create(origin.request(), status, reason, call.dialog(from).localTag()));
      }
    }
  }

  /**
   * Whether REFER from this peer could be relayed: every trunk its calls may go to accepts REFER as
   * far as its OPTIONS answers tell (a trunk whose capabilities are not known is given the benefit
   * of the doubt). Seed 000: a carrier without REFER makes the SBC stop advertising it to the PBX,
   * which then transfers with re-INVITEs the SBC relays.
   */
  private boolean referRelayable(Source src) {
    String sourceTrunk = router.sourceTrunk(src.listener(), src.host(), src.port());
    for (String t : router.destinations(src.listener(), sourceTrunk)) {
      if (!transfers.referAccepted(t)) {
        return false;
      }
    }
    return true;
  }

  /**
   * On an identity/authentication failure from a peer, puts its clock offset on the call's log:
   * from the response's Date header, else the last offset seen from that peer (seed 003: a clock
   * 30 s ahead made every transfer fail with 429).
   */
  private void recordSkew(Call call, SipResponse received, String host, int port) {
    var clock = watch.clock();
    Long offset = clock.offsetOf(received);
    String peer = "sip:" + host + ":" + port;
    if (offset == null) {
      offset = clock.offset(peer);
    } else {
      clock.record(peer, offset);
    }
    if (offset != null) {
      long skew = offset;
      int status = received.status();
      call.apply((s, at) -> new CallEvent.ClockSkewObserved(s, at, peer, status, skew));
    }
  }

  // ---------------------------------------------------------------- rules

  /** Where a message on {@code side} of the call crosses: that side's trunk, in {@code d}. */
  private static RuleContext context(Call call, Side side, Direction d) {
    var st = call.state();
    return new RuleContext(side == Side.A ? st.sourceTrunk() : st.trunk(), d, st.sourceTrunk(), st.listener());
  }

  /** Sends a response on {@code side} after that side's outbound rules. */
  private void respondOutbound(Call call, Side side, ServerTransaction tx, SipResponse built, RuleBook book) {
    RuleOutcome o = call.released() ? null : book.apply(context(call, side, Direction.OUTBOUND), built, ruleWorkspace);
    if (o != null) {
      recordRules(call, side, Direction.OUTBOUND, built, o);
    }
    SipResponse sent = o == null ? built : (SipResponse) o.message();
    if (tx == call.aInvite && sent.status() >= 300) {
      // a re-sent copy of the INVITE gets this answer again instead of a new call; a failed call
      // counts towards its caller/callee pair's retry damping
      long now = System.nanoTime();
      admission.responses.put(tx.request(), sent, now);
      if (sent.status() != 487) {
        admission.damper.failed(tx.request(), now);
      } else {
        admission.damper.ended(tx.request());
      }
    } else if (tx == call.aInvite && sent.isSuccess()) {
      admission.damper.answered(tx.request());
    }
    tx.respond(sent);
  }

  /** Puts the rules that changed a message on the call's log (nothing when none did). */
  private static void recordRules(Call call, Side side, Direction d, SipMessage before, RuleOutcome o) {
    if (o == null || !o.changed()) {
      return;
    }
    String message;
    if (before instanceof SipResponse r) {
      int now = ((SipResponse) o.message()).status();
      message = r.status() + (now != r.status() ? "->" + now : "") + " " + r.method();
    } else {
      message = ((SipRequest) before).method() + (o.rejected() ? " rejected " + o.rejectStatus() : "");
    }
    String dir = d.configName();
    List<String> ids = o.changedBy();
    call.apply((s, at) -> new CallEvent.RulesApplied(s, at, side, dir, message, ids));
  }

  /** The dialog of a leg as its initial INVITE went out after the rules (From/To URIs, target). */
  private static Dialog sentAs(Dialog d, SipRequest invite) {
    NameAddr f = invite.from();
    NameAddr t = invite.to();
    return new Dialog(d.callId(), d.localTag(), d.remoteTag(),
        f == null ? d.localUri() : LegMessages.withoutTag(f), t == null ? d.remoteUri() : LegMessages.withoutTag(t),
        invite.uri(), d.routeSet(), d.localCSeq(), d.remoteCSeq(), d.listener(), d.transport(), d.host(), d.port());
  }

  // ---------------------------------------------------------------- session timers (RFC 4028)

  /** (Re)starts a leg's session timer: a refresh by us at half time, or the wait for the peer's. */
  private void armSessionTimer(Call call, Side side) {
    SessionTimers timers = call.sessionTimers;
    if (timers == null || call.released()) {
      return;
    }
    SessionTimers.Leg leg = timers.leg(side);
    if (leg.timerId >= 0) {
      layer.timers().cancel(leg.timerId);
      leg.timerId = -1;
    }
    if (leg.seconds <= 0) {
      return;
    }
    int generation = ++leg.generation;
    leg.timerId = layer.timers().schedule(leg.delayMillis(), () -> {
      if (call.released() || generation != leg.generation) {
        return;
      }
      leg.timerId = -1;
      if (leg.sbcRefreshes) {
        refreshSession(call, side);
      } else {
        LOG.info(() -> "callId=" + call.bCallId + " leg=" + side + ": no session refresh in " + leg.seconds
            + " s; ending the call");
        byeBoth(call, "session timer expired on leg " + side, SessionTimers.EXPIRED_REASON);
      }
    });
  }

  /** Our refresh of a leg: UPDATE without an offer (RFC 4028 §9); 408/481 or no answer ends the call. */
  private void refreshSession(Call call, Side side) {
    Dialog d = call.dialog(side);
    long seq = d.localCSeq() + 1;
    Dialog next = d.withLocalCSeq(seq);
    call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, side, next));
    SipRequest update = LegMessages.inDialog(SipRequest.UPDATE, next, seq, address(call, side, d.listener()), 70, null);
    update = update.withHeaders(call.sessionTimers.refreshHeaders(update.headers(), side));
    layer.send(update, destination(next), new ClientTransactionUser() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse r) {
        if (!r.isFinal() || call.released()) {
          return;
        }
        if (r.isSuccess()) {
          call.sessionTimers.refreshed(side, r);
          armSessionTimer(call, side);
        } else if (r.status() == 408 || r.status() == 481) {
          byeBoth(call, "session refresh on leg " + side + " failed with " + r.status(), SessionTimers.EXPIRED_REASON);
        } else {
          armSessionTimer(call, side); // the session goes on (RFC 4028 §10); try again at the next half
        }
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        if (!call.released()) {
          byeBoth(call, "session refresh on leg " + side + " timed out", SessionTimers.EXPIRED_REASON);
        }
      }

      @Override
      public void onTransportError(ClientTransaction tx) {
        onTimeout(tx);
      }
    });
    flush(call);
  }

  // ---------------------------------------------------------------- call end

  /** Ends the call with a BYE on each leg; {@code reasonHeader} (RFC 3326) is added when not null. */
  private void byeBoth(Call call, String reason, String reasonHeader) {
    for (Side side : Side.values()) {
      Dialog d = call.dialog(side);
      if (d != null && d.remoteTag() != null) {
        ListenerAddress l = address(call, side, d.listener());
        SipRequest bye = LegMessages.inDialog(SipRequest.BYE, d, d.localCSeq() + 1, l, 70, null);
        if (reasonHeader != null) {
          bye = bye.withHeaders(bye.headers().add(HeaderNames.REASON, reasonHeader));
        }
        layer.send(bye, destination(d), IGNORE);
      }
    }
    release(call, null, 0, reason);
  }

  private void release(Call call, Side by, int status, String reason) {
    if (call.released()) {
      return;
    }
    call.apply((s, at) -> new CallEvent.CallReleased(s, at, by, status, reason));
    transfers.onReleased(call);
    for (String t : call.admittedTrunks) {
      admission.trunks.ended(t);
    }
    layer.timers().cancel(call.ackTimer);
    layer.timers().cancel(call.durationTimer);
    if (call.sessionTimers != null) {
      call.sessionTimers.cancel(layer.timers());
    }
    Dialog a = call.dialog(Side.A);
    byA.remove(aKey(a.callId(), a.localTag()), call);
    byB.remove(call.bCallId, call);
    stats.ended();
    // the log's last write, and the call record and meters, wait for the final media statistics
    // (bounded by MediaAnchoring.STATS_WAIT)
    call.media.finalStatsPending = call.media.session != null;
    media.release(call).onComplete(done -> {
      call.media.finalStatsPending = false;
      flush(call);
      watch.ended(call.log());
    });
    flush(call);
  }

  /**
   * Writes the call's log after a message changed it; an ended call's log is removed. A call is
   * written from the moment it is answered (what a surviving node needs to carry it on); the
   * events before that go with the first write, and a call that ends unanswered is never written
   * (ADR 0002).
   */
  private void flush(Call call) {
    if (!call.dirty() || call.forgotten || call.released() && call.media.finalStatsPending) {
      return;
    }
    CallPhase phase = call.state().phase();
    if (phase == CallPhase.OFFERED || phase == CallPhase.EARLY) {
      return;
    }
    long version = call.state().version();
    String ref = call.state().callRef();
    boolean everStored = call.everStored();
    call.stored();
    Runnable logFailure = () -> LOG.warning("callId=" + ref + ": call log write failed");
    if (call.released()) {
      if (everStored) {
        store.ended(ref, version, CallEventCodec.encode(call.log())).onFailure(e -> logFailure.run());
      }
    } else {
      store.put(ref, version, CallEventCodec.encode(call.log())).onFailure(e -> logFailure.run());
    }
  }

  // ---------------------------------------------------------------- media

  /**
   * Why the INVITE's SDP offer cannot be anchored (null: it can, or it has none, or no trunk of
   * the route anchors media with the source): malformed, or plain from an SRTP-only trunk.
   * Answered with 488 before anything goes to B.
   */
  private String malformedOffer(SipRequest invite, String sourceTrunk, RouteConfig route) {
    if (!media.enabled() || !MediaAnchoring.hasSdp(invite)
        || route.trunks().stream().noneMatch(t -> media.wanted(sourceTrunk, router.trunk(t)))) {
      return null;
    }
    return media.refusal(invite, sourceTrunk);
  }

  // ---------------------------------------------------------------- helpers

  static final ClientTransactionUser IGNORE = new ClientTransactionUser() {
    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {}

    @Override
    public void onTimeout(ClientTransaction tx) {}

    @Override
    public void onTransportError(ClientTransaction tx) {}
  };

  /** The address a leg's messages carry: the listener's, or the FQDN of that side's trunk. */
  private ListenerAddress address(Call call, Side side, String listener) {
    ListenerAddress l = sender.address(listener);
    TrunkConfig t = trunkOf(call, side);
    return l == null || t == null ? l : l.as(t.signalling().fqdn());
  }

  /** The trunk on a side of the call (A: where it came from, B: where it went), or null. */
  private TrunkConfig trunkOf(Call call, Side side) {
    if (side == Side.B) {
      return call.trunk;
    }
    String source = call.state().sourceTrunk();
    return source == null ? null : router.trunk(source);
  }

  private static String aKey(String callId, String tag) {
    return callId + '|' + tag;
  }

  static Destination destination(Dialog d) {
    return Destination.of(d.listener(), d.transport(), d.host(), d.port());
  }

  private static int maxForwards(SipRequest r) {
    String v = r.headers().first(HeaderNames.MAX_FORWARDS);
    if (v == null) {
      return -1;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The URI of the first Contact, or null. */
  static String contactUri(io.opensbc.sip.message.SipMessage m) {
    String c = m.headers().first(HeaderNames.CONTACT);
    if (c == null) {
      return null;
    }
    NameAddr a = NameAddr.parse(c).orNull();
    return a == null ? null : a.uri();
  }

  /** Record-Route values in order (UAS view), or reversed (UAC view, RFC 3261 §12.1.2). */
  static List<String> recordRoutes(io.opensbc.sip.message.SipMessage m, boolean reverse) {
    List<String> rr = m.headers().values(HeaderNames.RECORD_ROUTE);
    if (rr.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(rr);
    if (reverse) {
      Collections.reverse(out);
    }
    return out;
  }

  /** 503 with Retry-After: we are full, draining, overloaded, or have nowhere to send. */
  private SipResponse serviceUnavailable(SipRequest req, String why, String toTag) {
    return Responses.serviceUnavailable(req, why, settings.retryAfterSeconds(), toTag);
  }

  /** The delta-seconds of a Retry-After header, or null. */
  private static Integer retryAfterSeconds(SipResponse r) {
    String v = r.headers().first(HeaderNames.RETRY_AFTER);
    if (v == null) {
      return null;
    }
    int end = 0;
    String t = v.trim();
    while (end < t.length() && Character.isDigit(t.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 6) {
      return null;
    }
    return Integer.parseInt(t.substring(0, end));
  }

  static String hostPort(TrunkConfig t) {
    String h = t.host().indexOf(':') >= 0 ? "[" + t.host() + "]" : t.host();
    return h + ":" + t.port();
  }

  /**
   * The B-leg Request-URI: the called user at the trunk's host (its domain; the hop is only where
   * the request is sent); tel URIs keep their number.
   */
  static String requestUriFor(String user, SipUri ruri, TrunkConfig trunk, Hop hop) {
    StringBuilder sb = new StringBuilder("sip:");
    if (user != null && !user.isEmpty()) {
      sb.append(user).append('@');
    }
    sb.append(hostPort(trunk));
    if (ruri != null && ruri.isTel() || ruri != null && "phone".equals(ruri.params().get("user"))
        || trunk.signalling().userPhone()) {
      sb.append(";user=phone");
    }
    if (hop.transport() != io.opensbc.config.model.Transport.UDP) {
      sb.append(";transport=").append(hop.transport().yamlName());
    }
    return sb.toString();
  }

  /** The name-addr with its host replaced (topology hiding); tel URIs and unparsable ones kept. */
  static String rehost(NameAddr a, String hostPort) {
    NameAddr clean = a.withParams(a.params().without("tag"));
    SipUri u = SipUri.parse(clean.uri()).orNull();
    if (u == null || u.isTel()) {
      return clean.toString();
    }
    SipUri moved = new SipUri(u.scheme(), u.user(), null, hostPort, -1, u.params(), null);
    return clean.withUri(moved.toString()).toString();
  }

  /** What the transfer shell may do with this shard's calls (docs/transfers.md). */
  private final class TransferLegs implements Transfers.Legs {
    @Override
    public ListenerAddress address(Call call, Side side, String listener) {
      return B2bua.this.address(call, side, listener);
    }

    @Override
    public TrunkConfig trunkOf(Call call, Side side) {
      return B2bua.this.trunkOf(call, side);
    }

    @Override
    public void flush(Call call) {
      B2bua.this.flush(call);
    }

    @Override
    public void release(Call call, Side by, int status, String reason) {
      B2bua.this.release(call, by, status, reason);
    }

    @Override
    public void replaceLeg(Call call, Side side, Dialog dialog, String trunk, String reason) {
      Dialog old = call.dialog(side);
      call.apply((s, at) -> new CallEvent.LegReplaced(s, at, side, dialog, trunk, reason));
      if (call.sessionTimers != null) {
        call.sessionTimers.stopLeg(side, layer.timers());
      }
      if (side == Side.A) {
        byA.remove(aKey(old.callId(), old.localTag()), call);
        byA.put(aKey(dialog.callId(), dialog.localTag()), call);
      } else {
        byB.remove(call.bCallId, call);
        call.replaceB(dialog, trunk == null ? null : router.trunk(trunk));
        byB.put(call.bCallId, call);
      }
    }

    @Override
    public java.util.Collection<Call> calls() {
      return byB.values();
    }
  }
}
