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
 * The INVITE client transaction: RFC 3261 §17.1.1 (figure 5) as corrected by RFC 6026 §7.2
 * (figure 5 there: the "Accepted" state and timer M).
 *
 * @param state the RFC state
 * @param invite the INVITE this transaction sends
 * @param reliable true on TCP/TLS/SCTP, false on UDP
 * @param timerA the interval timer A was last started with
 * @param ack the ACK sent for a 300-699 response, once in COMPLETED; else null
 * @param timers T1, T2, T4
 */
public record ClientInviteTransaction(
    State state,
    SipRequest invite,
    boolean reliable,
    Duration timerA,
    SipRequest ack,
    TimerConfig timers) {

  public enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

  /**
   * "The initial state, "calling", MUST be entered when the TU initiates a new client transaction
   * with an INVITE request. The client transaction MUST pass the request to the transport layer
   * for transmission. If an unreliable transport is being used, the client transaction MUST start
   * timer A with a value of T1. For any transport, the client transaction MUST start timer B with
   * a value of 64*T1 seconds."
   */
  public static Transition<ClientInviteTransaction> start(
      SipRequest invite, boolean reliable, TimerConfig t) {
    ClientInviteTransaction tx =
        new ClientInviteTransaction(State.CALLING, invite, reliable, t.timerA(), null, t);
    List<TxEffect> fx = new ArrayList<>(3);
    fx.add(new SendRequest(invite));
    if (!reliable) {
      fx.add(new StartTimer(TimerName.A, t.timerA()));
    }
    fx.add(new StartTimer(TimerName.B, t.timerB()));
    return new Transition<>(tx, fx);
  }

  public Transition<ClientInviteTransaction> on(TxInput input) {
    return switch (state) {
      case CALLING -> calling(input);
      case PROCEEDING -> proceeding(input);
      case COMPLETED -> completed(input);
      case ACCEPTED -> accepted(input);
      case TERMINATED -> Transition.stay(this);
    };
  }

  private Transition<ClientInviteTransaction> calling(TxInput input) {
    if (input instanceof TimerFired f && f.timer() == TimerName.A) {
      // "When timer A fires, the client transaction MUST retransmit the request by passing it to
      // the transport layer, and MUST reset the timer with a value of 2*T1. ... This process MUST
      // continue so that the request is retransmitted with intervals that double after each
      // transmission."
      Duration next = timerA.multipliedBy(2);
      return Transition.of(
          with(State.CALLING, next), new SendRequest(invite), new StartTimer(TimerName.A, next));
    }
    if (input instanceof TimerFired f && f.timer() == TimerName.B) {
      // "If the client transaction is still in the "Calling" state when timer B fires, the client
      // transaction SHOULD inform the TU that a timeout has occurred."
      return terminate(new Timeout());
    }
    if (input instanceof ResponseReceived r && r.response().isProvisional()) {
      // "If the client transaction receives a provisional response while in the "Calling" state,
      // it transitions to the "Proceeding" state. In the "Proceeding" state, the client
      // transaction SHOULD NOT retransmit the request any longer. Furthermore, the provisional
      // response MUST be passed to the TU."
      // Figure 5 runs timer B in "Calling" only, so it stops here as well.
      List<TxEffect> fx = new ArrayList<>(3);
      fx.add(new PassToTu(r.response()));
      cancelAAndB(fx);
      return new Transition<>(with(State.PROCEEDING, timerA), fx);
    }
    if (input instanceof ResponseReceived r) {
      return finalResponse(r.response());
    }
    if (input instanceof TransportError) {
      return transportError();
    }
    return Transition.stay(this);
  }

  private Transition<ClientInviteTransaction> proceeding(TxInput input) {
    if (input instanceof ResponseReceived r && r.response().isProvisional()) {
      // "Any further provisional responses MUST be passed up to the TU while in the "Proceeding"
      // state."
      return Transition.of(this, new PassToTu(r.response()));
    }
    if (input instanceof ResponseReceived r) {
      return finalResponse(r.response());
    }
    if (input instanceof TransportError) {
      return transportError();
    }
    // Timers A and B were cancelled on leaving "Calling" (figure 5).
    return Transition.stay(this);
  }

  private Transition<ClientInviteTransaction> completed(TxInput input) {
    if (input instanceof ResponseReceived r && r.response().status() >= 300) {
      // "Any retransmissions of the final response that are received while in the "Completed"
      // state MUST cause the ACK to be re-passed to the transport layer for retransmission, but
      // the newly received response MUST NOT be passed up to the TU."
      return Transition.of(this, new SendRequest(ack));
    }
    if (input instanceof TimerFired f && f.timer() == TimerName.D) {
      // "If timer D fires while the client transaction is in the "Completed" state, the client
      // transaction MUST move to the terminated state."
      return terminate();
    }
    if (input instanceof TransportError) {
      // Figure 5: "Completed" --Transport Err. / Inform TU--> "Terminated".
      return transportError();
    }
    return Transition.stay(this);
  }

  private Transition<ClientInviteTransaction> accepted(TxInput input) {
    if (input instanceof ResponseReceived r && r.response().isSuccess()) {
      // RFC 6026 §7.2: "A 2xx response received while in the "Accepted" state MUST be passed to
      // the TU and the machine remains in the "Accepted" state. The client transaction MUST NOT
      // generate an ACK to any 2xx response on its own."
      return Transition.of(this, new PassToTu(r.response()));
    }
    if (input instanceof TimerFired f && f.timer() == TimerName.M) {
      // RFC 6026 §7.2: "If Timer M fires while the client INVITE transaction is in the
      // "Accepted" state, the client transaction MUST move to the "Terminated" state."
      return terminate();
    }
    return Transition.stay(this);
  }

  /** Calling or Proceeding: a 2xx or a 300-699 response. */
  private Transition<ClientInviteTransaction> finalResponse(SipResponse response) {
    List<TxEffect> fx = new ArrayList<>(5);
    if (response.isSuccess()) {
      // RFC 6026 §7.2: "If a 2xx response is received while the client INVITE state machine is in
      // the "Calling" or "Proceeding" states, it MUST transition to the "Accepted" state, pass
      // the 2xx response to the TU, and set Timer M to 64*T1."
      fx.add(new PassToTu(response));
      cancelAAndB(fx);
      fx.add(new StartTimer(TimerName.M, timers.timerM()));
      return new Transition<>(with(State.ACCEPTED, timerA), fx);
    }
    // "When in either the "Calling" or "Proceeding" states, reception of a response with status
    // code from 300-699 MUST cause the client transaction to transition to "Completed". The
    // client transaction MUST pass the received response up to the TU, and the client transaction
    // MUST generate an ACK request, even if the transport is reliable."
    SipRequest newAck = AckFactory.ackFor(invite, response);
    fx.add(new PassToTu(response));
    fx.add(new SendRequest(newAck));
    // "The client transaction SHOULD start timer D when it enters the "Completed" state, with a
    // value of at least 32 seconds for unreliable transports, and a value of zero seconds for
    // reliable transports."
    if (reliable) {
      fx.add(new Terminated());
      return new Transition<>(terminated(), fx);
    }
    cancelAAndB(fx);
    fx.add(new StartTimer(TimerName.D, timers.timerD()));
    return new Transition<>(
        new ClientInviteTransaction(State.COMPLETED, invite, reliable, timerA, newAck, timers), fx);
  }

  /** Leaving "Calling": stop retransmitting (A) and the "Calling" timeout (B). */
  private void cancelAAndB(List<TxEffect> fx) {
    if (state != State.CALLING) {
      return;
    }
    if (!reliable) {
      fx.add(new CancelTimer(TimerName.A));
    }
    fx.add(new CancelTimer(TimerName.B));
  }

  /**
   * RFC 3261 §17.1.4: "the client transaction SHOULD inform the TU that a transport failure has
   * occurred, and the client transaction SHOULD transition directly to the "Terminated" state."
   */
  private Transition<ClientInviteTransaction> transportError() {
    return terminate(new TransportFailure());
  }

  private Transition<ClientInviteTransaction> terminate(TxEffect... before) {
    List<TxEffect> fx = new ArrayList<>(List.of(before));
    fx.add(new Terminated());
    return new Transition<>(terminated(), fx);
  }

  private ClientInviteTransaction terminated() {
    return new ClientInviteTransaction(State.TERMINATED, invite, reliable, timerA, ack, timers);
  }

  private ClientInviteTransaction with(State s, Duration a) {
    return new ClientInviteTransaction(s, invite, reliable, a, ack, timers);
  }
}
