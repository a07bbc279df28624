package io.opensbc.sip.b2bua;

import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.CallPhase;
import io.opensbc.sip.dialog.CallState;
import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.transaction.ClientTransaction;
import io.opensbc.sip.transaction.ServerTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * One call on one shard: its event log and the state folded from it, plus the runtime handles
 * that are not state (open transactions, timers). Touched only on the owning shard's thread.
 */
final class Call {
  private final List<CallEvent> log = new ArrayList<>(8);
  private CallState state = CallState.EMPTY;
  private long storedVersion;

  ServerTransaction aInvite;
  ClientTransaction bInvite;
  /** CANCEL arrived before B sent a provisional: send it when one comes. */
  boolean cancelPending;
  /** An INVITE (initial or re-INVITE) is in progress: a second one gets 491 (RFC 3261 §14.2). */
  boolean inviteInProgress;
  /** CSeq of an INVITE we sent on that side whose 2xx still needs the other side's ACK relayed (0: none). */
  final long[] pendingAck = new long[2];
  long ackTimer;
  /** Another node owns the call now: this copy is dropped and never written (B2bua#forget). */
  boolean forgotten;
  long durationTimer;

  // call set-up: the route's trunks, the current trunk's hops, and what each new attempt needs
  String bCallId;
  String bTag;
  io.opensbc.sip.rules.RuleBook book;
  io.opensbc.config.model.RouteConfig route;
  io.opensbc.config.model.TrunkConfig trunk;
  int trunkIndex;
  List<io.opensbc.sip.routing.Hop> hops = List.of();
  int hopIndex;
  /** Counts INVITE attempts on B; responses to an earlier attempt are stale. */
  int attempt;
  /** The A-side request after inbound and route rules: each attempt's INVITE is built from it. */
  io.opensbc.sip.message.SipRequest template;
  int maxForwards;
  long nextCSeq;
  /** The call's anchored media (relay session, SDP origins, pending offer). */
  final CallMedia media = new CallMedia();
  /** A provisional other than 100 arrived for the current attempt: no more hunting. */
  boolean provisionalSeen;
  /** A provisional response went to the caller (a trunk's {@code provisional: first-only}). */
  boolean provisionalRelayed;
  /** Session timers (RFC 4028) of the two legs; null when neither trunk uses them. */
  SessionTimers sessionTimers;
  /** Trunks whose admission limits this call holds (released when the call ends). */
  final List<String> admittedTrunks = new ArrayList<>(2);
  /** The failure of the last attempt, relayed to A when every target failed. */
  io.opensbc.sip.message.SipResponse lastFailure;
  /** 3xx recursion: redirects followed so far, and the Contact the current INVITE went to (else null). */
  int redirectsFollowed;
  String redirectUri;
  /** The transfer handled by the SBC (the last one), or null (docs/transfers.md). */
  Transfer transfer;

  /**
   * The B leg is now {@code leg} on {@code newTrunk} (a transfer moved another party there; the
   * LegReplaced event carries the dialog): the B-side Call-ID and tag follow it.
   */
  void replaceB(Dialog leg, io.opensbc.config.model.TrunkConfig newTrunk) {
    bCallId = leg.callId();
    bTag = leg.localTag();
    trunk = newTrunk;
  }

  /** Appends an event (its seq is assigned here) and folds it into the state. */
  CallState apply(EventFactory f) {
    CallEvent e = f.create(state.version() + 1, System.currentTimeMillis());
    log.add(e);
    state = CallState.evolve(state, e);
    return state;
  }

  /**
   * Folds an event of a log read back from the store (a call taken over from another node): kept
   * with its own sequence number, and counted as stored.
   */
  void replay(CallEvent e) {
    log.add(e);
    state = CallState.evolve(state, e);
    storedVersion = state.version();
  }

  CallState state() {
    return state;
  }

  Dialog dialog(Side side) {
    return state.dialog(side);
  }

  boolean released() {
    return state.phase() == CallPhase.RELEASED;
  }

  List<CallEvent> log() {
    return log;
  }

  /** True when events were added since the last store write. */
  boolean dirty() {
    return state.version() > storedVersion;
  }

  void stored() {
    storedVersion = state.version();
  }

  /** True once any version of the log went to the store. */
  boolean everStored() {
    return storedVersion > 0;
  }

  /** Creates an event with the sequence number and time the log assigns. */
  @FunctionalInterface
  interface EventFactory {
    CallEvent create(long seq, long at);
  }
}
