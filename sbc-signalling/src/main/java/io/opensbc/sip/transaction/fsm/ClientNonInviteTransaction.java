package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.fsm.TxEffect.CancelTimer;
import io.opensbc.sip.transaction.fsm.TxEffect.PassToTu;
import io.opensbc.sip.transaction.fsm.TxEffect.SendRequest;
import io.opensbc.sip.transaction.fsm.TxEffect.StartTimer;
import io.opensbc.sip.transaction.fsm.TxEffect.Terminated;
import io.opensbc.sip.transaction.fsm.TxEffect.Timeout;
import io.opensbc.sip.transaction.fsm.TxEffect.TransportFailure;
import io.opensbc.sip.transaction.fsm.TxInput.ResponseReceived;
import io.opensbc.sip.transaction.fsm.TxInput.TimerFired;
import io.opensbc.sip.transaction.fsm.TxInput.TransportError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The non-INVITE client transaction: RFC 3261 §17.1.2 (figure 6).
 *
 * @param state the RFC state
 * @param request the request this transaction sends
 * @param reliable true on TCP/TLS/SCTP, false on UDP
 * @param timerE the interval timer E was last started with
 * @param timers T1, T2, T4
 */
public record ClientNonInviteTransaction(
    State state, SipRequest request, boolean reliable, Duration timerE, TimerConfig timers) {

  public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

  /**
   * "The "Trying" state is entered when the TU initiates a new client transaction with a request.
   * When entering this state, the client transaction SHOULD set timer F to fire in 64*T1 seconds.
   * The request MUST be passed to the transport layer for transmission. If an unreliable
   * transport is in use, the client transaction MUST set timer E to fire in T1 seconds."
   */
  public static Transition<ClientNonInviteTransaction> start(
      SipRequest request, boolean reliable, TimerConfig t) {
    ClientNonInviteTransaction tx =
        new ClientNonInviteTransaction(State.TRYING, request, reliable, t.timerE(), t);
    List<TxEffect> fx = new ArrayList<>(3);
    fx.add(new SendRequest(request));
    if (!reliable) {
      fx.add(new StartTimer(TimerName.E, t.timerE()));
    }
    fx.add(new StartTimer(TimerName.F, t.timerF()));
    return new Transition<>(tx, fx);
  }

  public Transition<ClientNonInviteTransaction> on(TxInput input) {
    return switch (state) {
      case TRYING -> trying(input);
      case PROCEEDING -> proceeding(input);
      case COMPLETED -> completed(input);
      case TERMINATED -> Transition.stay(this);
    };
  }

  private Transition<ClientNonInviteTransaction> trying(TxInput input) {
    if (input instanceof TimerFired f && f.timer() == TimerName.E) {
      // "If timer E fires while still in this state, the timer is reset, but this time with a
      // value of MIN(2*T1, T2). When the timer fires again, it is reset to a MIN(4*T1, T2)."
      Duration next = timers.doubledUpToT2(timerE);
      return Transition.of(
          with(State.TRYING, next), new SendRequest(request), new StartTimer(TimerName.E, next));
    }
    if (input instanceof ResponseReceived r && r.response().isProvisional()) {
      // "If a provisional response is received while in the "Trying" state, the response MUST be
      // passed to the TU, and then the client transaction SHOULD move to the "Proceeding" state."
      return Transition.of(with(State.PROCEEDING, timerE), new PassToTu(r.response()));
    }
    return common(input);
  }

  private Transition<ClientNonInviteTransaction> proceeding(TxInput input) {
    if (input instanceof TimerFired f && f.timer() == TimerName.E) {
      // "If Timer E fires while in the "Proceeding" state, the request MUST be passed to the
      // transport layer for retransmission, and Timer E MUST be reset with a value of T2
      // seconds."
      Duration t2 = timers.t2();
      return Transition.of(
          with(State.PROCEEDING, t2), new SendRequest(request), new StartTimer(TimerName.E, t2));
    }
    if (input instanceof ResponseReceived r && r.response().isProvisional()) {
      // Figure 6: "Proceeding" --1xx / resp. to TU--> "Proceeding".
      return Transition.of(this, new PassToTu(r.response()));
    }
    return common(input);
  }

  /** What "Trying" and "Proceeding" share: final responses, timer F, transport errors. */
  private Transition<ClientNonInviteTransaction> common(TxInput input) {
    if (input instanceof ResponseReceived r && r.response().isFinal()) {
      return finalResponse(r.response());
    }
    if (input instanceof TimerFired f && f.timer() == TimerName.F) {
      // "If Timer F fires while the client transaction is still in the "Trying" state, the client
      // transaction SHOULD inform the TU about the timeout, and then it SHOULD enter the
      // "Terminated" state." (Likewise in "Proceeding".)
      return terminate(new Timeout());
    }
    if (input instanceof TransportError) {
      // "If a fatal transport error is reported by the transport layer (because the request
      // cannot be sent), the client transaction SHOULD inform the TU of the error, and then it
      // SHOULD enter the "Terminated" state."
      return terminate(new TransportFailure());
    }
    return Transition.stay(this);
  }

  private Transition<ClientNonInviteTransaction> finalResponse(SipResponse response) {
    // "If a final response (status codes 200-699) is received while the client transaction is
    // in the "Trying" state, the response MUST be passed to the TU, and then the client
    // transaction MUST transition to the "Completed" state." (Likewise in "Proceeding".)
    // "Once the client transaction enters the "Completed" state, it MUST set Timer K to fire in T4
    // seconds for unreliable transports, and zero seconds for reliable transports."
    if (reliable) {
      return terminate(new PassToTu(response));
    }
    return Transition.of(
        with(State.COMPLETED, timerE),
        new PassToTu(response),
        new CancelTimer(TimerName.E),
        new CancelTimer(TimerName.F),
        new StartTimer(TimerName.K, timers.timerK()));
  }

  private Transition<ClientNonInviteTransaction> completed(TxInput input) {
    if (input instanceof TimerFired f && f.timer() == TimerName.K) {
      // "If Timer K fires while in this state, the client transaction MUST transition to the
      // "Terminated" state."
      return terminate();
    }
    // "The "Completed" state exists to buffer any additional response retransmissions that may
    // be received (which is why the client transaction remains there only for unreliable
    // transports)." Retransmissions are absorbed.
    return Transition.stay(this);
  }

  private Transition<ClientNonInviteTransaction> terminate(TxEffect... before) {
    List<TxEffect> fx = new ArrayList<>(List.of(before));
    fx.add(new Terminated());
    return new Transition<>(with(State.TERMINATED, timerE), fx);
  }

  private ClientNonInviteTransaction with(State s, Duration e) {
    return new ClientNonInviteTransaction(s, request, reliable, e, timers);
  }
}
