package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6). */
public record ClientNonInviteTransaction(State state, SipRequest request, boolean reliable,
    TimerConfig timers, Duration intervalE) {

  public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

  /**
   * "The 'Trying' state is entered when the TU initiates a new client transaction with a request.
   * When entering this state, the client transaction SHOULD set timer F to fire in 64*T1 seconds.
   * The request MUST be passed to the transport layer for transmission. If an unreliable
   * transport is in use, the client transaction MUST set timer E to fire in T1 seconds."
   */
  public static Transition<ClientNonInviteTransaction> start(SipRequest req, boolean reliable, TimerConfig t) {
    List<TxEffect> fx = new ArrayList<>(3);
    fx.add(new TxEffect.SendRequest(req));
    if (!reliable) {
      fx.add(new TxEffect.StartTimer(TimerName.E, t.t1()));
    }
    fx.add(new TxEffect.StartTimer(TimerName.F, t.t64()));
    return new Transition<>(new ClientNonInviteTransaction(State.TRYING, req, reliable, t, t.t1()), fx);
  }

  public Transition<ClientNonInviteTransaction> on(TxInput in) {
    return switch (state) {
      case TRYING, PROCEEDING -> active(in);
      case COMPLETED -> completed(in);
      case TERMINATED -> Transition.of(this);
    };
  }

  private Transition<ClientNonInviteTransaction> active(TxInput in) {
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.E) {
      // Trying: "timer E ... reset with a value of MIN(2*T1, T2)"; Proceeding: "reset with T2".
      Duration next = state == State.TRYING ? TimerConfig.doubled(intervalE, timers.t2()) : timers.t2();
      return Transition.of(with(state, next), new TxEffect.SendRequest(request),
          new TxEffect.StartTimer(TimerName.E, next));
    }
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.F) {
      // "If Timer F fires while the client transaction is still in the 'Trying'/'Proceeding'
      // state, the client transaction SHOULD inform the TU about the timeout"
      return terminate(new TxEffect.Timeout());
    }
    if (in instanceof TxInput.TransportError) {
      return terminate(new TxEffect.TransportFailure());
    }
    if (in instanceof TxInput.ResponseReceived r) {
      SipResponse resp = r.response();
      if (resp.isProvisional()) {
        // "If a provisional response is received while in the 'Trying' state, the response MUST be
        // passed to the TU, and then the client transaction SHOULD move to the 'Proceeding' state."
        return Transition.of(with(State.PROCEEDING, intervalE), new TxEffect.PassToTu(resp));
      }
      // "If a final response (status codes 200-699) is received while in the 'Trying' state, the
      // response MUST be passed to the TU, and the client transaction MUST transition to the
      // 'Completed' state ... timer K ... T4 for unreliable transports, and zero for reliable"
      List<TxEffect> fx = new ArrayList<>(5);
      fx.add(new TxEffect.CancelTimer(TimerName.E));
      fx.add(new TxEffect.CancelTimer(TimerName.F));
      fx.add(new TxEffect.PassToTu(resp));
      if (reliable) {
        fx.add(new TxEffect.Terminated());
        return new Transition<>(with(State.TERMINATED, intervalE), fx);
      }
      fx.add(new TxEffect.StartTimer(TimerName.K, timers.t4()));
      return new Transition<>(with(State.COMPLETED, intervalE), fx);
    }
    return Transition.of(this);
  }

  private Transition<ClientNonInviteTransaction> completed(TxInput in) {
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.K) {
      // "If Timer K fires while in this state, the client transaction MUST transition to the
      // 'Terminated' state." Retransmitted responses are absorbed meanwhile.
      return terminate();
    }
    return Transition.of(this);
  }

  private Transition<ClientNonInviteTransaction> terminate(TxEffect... before) {
    List<TxEffect> fx = new ArrayList<>(List.of(before));
    fx.add(new TxEffect.Terminated());
    return new Transition<>(with(State.TERMINATED, intervalE), fx);
  }

  private ClientNonInviteTransaction with(State s, Duration e) {
    return new ClientNonInviteTransaction(s, request, reliable, timers, e);
  }
}
