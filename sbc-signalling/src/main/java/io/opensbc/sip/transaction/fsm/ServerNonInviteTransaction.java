package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.fsm.TxEffect.SendResponse;
import io.opensbc.sip.transaction.fsm.TxEffect.StartTimer;
import io.opensbc.sip.transaction.fsm.TxEffect.Terminated;
import io.opensbc.sip.transaction.fsm.TxEffect.TransportFailure;
import io.opensbc.sip.transaction.fsm.TxInput.RequestReceived;
import io.opensbc.sip.transaction.fsm.TxInput.TimerFired;
import io.opensbc.sip.transaction.fsm.TxInput.TransportError;
import io.opensbc.sip.transaction.fsm.TxInput.TuResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The non-INVITE server transaction: RFC 3261 §17.2.2 (figure 8).
 *
 * @param state the RFC state
 * @param request the request that created this transaction
 * @param reliable true on TCP/TLS/SCTP, false on UDP
 * @param lastResponse the most recent response sent, or null in TRYING
 * @param timers T1, T2, T4
 */
public record ServerNonInviteTransaction(
    State state, SipRequest request, boolean reliable, SipResponse lastResponse,
    TimerConfig timers) {

  public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

  /**
   * "The state machine is initialized in the "Trying" state and is passed a request other than
   * INVITE or ACK when initialized. This request is passed up to the TU." Nothing is sent yet.
   */
  public static Transition<ServerNonInviteTransaction> start(
      SipRequest request, boolean reliable, TimerConfig t) {
    return Transition.stay(
        new ServerNonInviteTransaction(State.TRYING, request, reliable, null, t));
  }

  public Transition<ServerNonInviteTransaction> on(TxInput input) {
    return switch (state) {
      case TRYING -> trying(input);
      case PROCEEDING -> proceeding(input);
      case COMPLETED -> completed(input);
      case TERMINATED -> Transition.stay(this);
    };
  }

  private Transition<ServerNonInviteTransaction> trying(TxInput input) {
    if (input instanceof TuResponse r && r.response().isProvisional()) {
      // "While in the "Trying" state, if the TU passes a provisional response to the server
      // transaction, the server transaction MUST enter the "Proceeding" state. The response MUST
      // be passed to the transport layer for transmission."
      return Transition.of(with(State.PROCEEDING, r.response()), new SendResponse(r.response()));
    }
    if (input instanceof TuResponse r) {
      return finalResponse(r.response());
    }
    // "Once in the "Trying" state, any further request retransmissions are discarded."
    return transportError(input);
  }

  private Transition<ServerNonInviteTransaction> proceeding(TxInput input) {
    if (input instanceof TuResponse r && r.response().isProvisional()) {
      // "Any further provisional responses that are received from the TU while in the
      // "Proceeding" state MUST be passed to the transport layer for transmission."
      return Transition.of(with(State.PROCEEDING, r.response()), new SendResponse(r.response()));
    }
    if (input instanceof TuResponse r) {
      return finalResponse(r.response());
    }
    if (input instanceof RequestReceived) {
      // "If a retransmission of the request is received while in the "Proceeding" state, the most
      // recently sent provisional response MUST be passed to the transport layer for
      // retransmission."
      return Transition.of(this, new SendResponse(lastResponse));
    }
    return transportError(input);
  }

  /**
   * "If the TU passes a final response (status codes 200-699) to the server while in the
   * "Trying" state [or the "Proceeding" state], the transaction MUST enter the "Completed" state,
   * and the response MUST be passed to the transport layer for transmission." "When the server
   * transaction enters the "Completed" state, it MUST set Timer J to fire in 64*T1 seconds for
   * unreliable transports, and zero seconds for reliable transports."
   */
  private Transition<ServerNonInviteTransaction> finalResponse(SipResponse response) {
    if (reliable) {
      return Transition.of(
          with(State.TERMINATED, response), new SendResponse(response), new Terminated());
    }
    return Transition.of(
        with(State.COMPLETED, response),
        new SendResponse(response),
        new StartTimer(TimerName.J, timers.timerJ()));
  }

  private Transition<ServerNonInviteTransaction> completed(TxInput input) {
    if (input instanceof RequestReceived) {
      // "While in the "Completed" state, the server transaction MUST pass the final response to
      // the transport layer for retransmission whenever a retransmission of the request is
      // received."
      return Transition.of(this, new SendResponse(lastResponse));
    }
    if (input instanceof TimerFired f && f.timer() == TimerName.J) {
      // "The server transaction remains in this state until Timer J fires, at which point it MUST
      // transition to the "Terminated" state."
      return Transition.of(with(State.TERMINATED, lastResponse), new Terminated());
    }
    // "Any other final responses passed by the TU to the server transaction MUST be discarded
    // while in the "Completed" state."
    return transportError(input);
  }

  /**
   * RFC 3261 §17.2.4 and figure 8: on a transport error in "Trying"... "Completed", "the server
   * transaction ... SHOULD inform the TU" and moves to "Terminated".
   */
  private Transition<ServerNonInviteTransaction> transportError(TxInput input) {
    if (input instanceof TransportError) {
      return Transition.of(
          with(State.TERMINATED, lastResponse), new TransportFailure(), new Terminated());
    }
    return Transition.stay(this);
  }

  private ServerNonInviteTransaction with(State s, SipResponse last) {
    return new ServerNonInviteTransaction(s, request, reliable, last, timers);
  }
}
