package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/** The non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8). */
public record ServerNonInviteTransaction(State state, SipRequest request, boolean reliable,
    TimerConfig timers, SipResponse last) {

  public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

  /** "The state machine is initialized in the 'Trying' state." */
  public static Transition<ServerNonInviteTransaction> start(SipRequest req, boolean reliable, TimerConfig t) {
    return Transition.of(new ServerNonInviteTransaction(State.TRYING, req, reliable, t, null));
  }

  public Transition<ServerNonInviteTransaction> on(TxInput in) {
    if (in instanceof TxInput.TransportError && state != State.TERMINATED) {
      return terminate(new TxEffect.TransportFailure());
    }
    return switch (state) {
      case TRYING, PROCEEDING -> active(in);
      case COMPLETED -> completed(in);
      case TERMINATED -> Transition.of(this);
    };
  }

  private Transition<ServerNonInviteTransaction> active(TxInput in) {
    if (in instanceof TxInput.RequestReceived) {
      // Trying: "Once in the 'Trying' state, any further request retransmissions are discarded."
      // Proceeding: "If a retransmission of the request is received while in the 'Proceeding'
      // state, the most recently sent provisional response MUST be passed to the transport layer"
      return state == State.TRYING ? Transition.of(this) : Transition.of(this, new TxEffect.SendResponse(last));
    }
    if (in instanceof TxInput.TuResponse t) {
      SipResponse r = t.response();
      if (r.isProvisional()) {
        return Transition.of(with(State.PROCEEDING, r), new TxEffect.SendResponse(r));
      }
      // "If the TU passes a final response (status codes 200-699) to the server while in the
      // 'Proceeding' state, the transaction MUST enter the 'Completed' state ... When the server
      // transaction enters the 'Completed' state, it MUST set Timer J to fire in 64*T1 seconds for
      // unreliable transports, and zero seconds for reliable transports."
      List<TxEffect> fx = new ArrayList<>(2);
      fx.add(new TxEffect.SendResponse(r));
      if (reliable) {
        fx.add(new TxEffect.Terminated());
        return new Transition<>(with(State.TERMINATED, r), fx);
      }
      fx.add(new TxEffect.StartTimer(TimerName.J, timers.t64()));
      return new Transition<>(with(State.COMPLETED, r), fx);
    }
    return Transition.of(this);
  }

  private Transition<ServerNonInviteTransaction> completed(TxInput in) {
    if (in instanceof TxInput.RequestReceived) {
      // "While in the 'Completed' state, the server transaction MUST pass the final response to
      // the transport layer for retransmission whenever a retransmission of the request is received."
      return Transition.of(this, new TxEffect.SendResponse(last));
    }
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.J) {
      return terminate();
    }
    // "Any other final responses passed by the TU to the server transaction MUST be discarded"
    return Transition.of(this);
  }

  private Transition<ServerNonInviteTransaction> terminate(TxEffect... before) {
    List<TxEffect> fx = new ArrayList<>(List.of(before));
    fx.add(new TxEffect.Terminated());
    return new Transition<>(with(State.TERMINATED, last), fx);
  }

  private ServerNonInviteTransaction with(State s, SipResponse r) {
    return new ServerNonInviteTransaction(s, request, reliable, timers, r);
  }
}
