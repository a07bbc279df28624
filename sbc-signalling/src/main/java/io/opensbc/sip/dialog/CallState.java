package io.opensbc.sip.dialog;

/**
 * A call as the fold of its events: {@code evolve} is the only way state changes, so a peer that
 * replays the log gets the same state.
 */
public record CallState(
    String callRef, CallPhase phase, Dialog a, Dialog b, String listener, String sourceTrunk,
    String trunk, long version, int finalStatus, String releaseReason) {

  public static final CallState EMPTY =
      new CallState(null, null, null, null, null, null, null, 0, 0, null);

  public Dialog dialog(Side side) {
    return side == Side.A ? a : b;
  }

  /** Applies one event; events out of sequence are a programming error. */
  public static CallState evolve(CallState s, CallEvent e) {
    if (e.seq() != s.version + 1) {
      throw new IllegalStateException("event " + e.seq() + " does not follow version " + s.version
          + " of call " + s.callRef);
    }
    long v = e.seq();
    if (e instanceof CallEvent.CallOffered o) {
      return new CallState(o.callRef(), CallPhase.OFFERED, o.a(), null, o.listener(), o.sourceTrunk(),
          null, v, 0, null);
    } else if (e instanceof CallEvent.LegDialed d) {
      return new CallState(s.callRef, s.phase, s.a, d.b(), s.listener, s.sourceTrunk, d.trunk(), v,
          s.finalStatus, s.releaseReason);
    } else if (e instanceof CallEvent.EarlyDialogCreated ed) {
      return new CallState(s.callRef, CallPhase.EARLY, s.a, s.b.withRemoteTag(ed.remoteTag()),
          s.listener, s.sourceTrunk, s.trunk, v, s.finalStatus, s.releaseReason);
    } else if (e instanceof CallEvent.CallAnswered an) {
      return new CallState(s.callRef, CallPhase.ANSWERED, an.a(), an.b(), s.listener, s.sourceTrunk,
          s.trunk, v, 200, s.releaseReason);
    } else if (e instanceof CallEvent.CallConfirmed) {
      return new CallState(s.callRef, CallPhase.CONFIRMED, s.a, s.b, s.listener, s.sourceTrunk,
          s.trunk, v, s.finalStatus, s.releaseReason);
    } else if (e instanceof CallEvent.DialogUpdated du) {
      Dialog na = du.side() == Side.A ? du.dialog() : s.a;
      Dialog nb = du.side() == Side.B ? du.dialog() : s.b;
      return new CallState(s.callRef, s.phase, na, nb, s.listener, s.sourceTrunk, s.trunk, v,
          s.finalStatus, s.releaseReason);
    } else if (e instanceof CallEvent.RulesApplied || e instanceof CallEvent.TargetFailed
        || e instanceof CallEvent.MediaAnchored || e instanceof CallEvent.MediaRelayAllocated
        || e instanceof CallEvent.MediaPeerLatched || e instanceof CallEvent.MediaKeysChanged
        || e instanceof CallEvent.MediaStatsRecorded || e instanceof CallEvent.ClockSkewObserved
        || e instanceof CallEvent.CallAdopted || e instanceof CallEvent.SessionTimerAgreed || isTransferStep(e)) {
      return new CallState(s.callRef, s.phase, s.a, s.b, s.listener, s.sourceTrunk, s.trunk, v,
          s.finalStatus, s.releaseReason);
    } else if (e instanceof CallEvent.LegReplaced lr) {
      boolean a = lr.side() == Side.A;
      return new CallState(s.callRef, s.phase, a ? lr.dialog() : s.a, a ? s.b : lr.dialog(), s.listener,
          a ? lr.trunk() : s.sourceTrunk, a ? s.trunk : lr.trunk(), v, s.finalStatus, s.releaseReason);
    } else if (e instanceof CallEvent.CallReleased r) {
      return new CallState(s.callRef, CallPhase.RELEASED, s.a, s.b, s.listener, s.sourceTrunk,
          s.trunk, v, r.status(), r.reason());
    }
    throw new IllegalArgumentException("unknown event " + e);
  }

  /** Transfer steps that are on the log for the record only (the state changes with LegReplaced). */
  private static boolean isTransferStep(CallEvent e) {
    return e instanceof CallEvent.TransferRequested || e instanceof CallEvent.TransferAccepted
        || e instanceof CallEvent.TransferLegDialed || e instanceof CallEvent.TransferNotified
        || e instanceof CallEvent.TransferRolledBack || e instanceof CallEvent.RedirectFollowed;
  }
}
