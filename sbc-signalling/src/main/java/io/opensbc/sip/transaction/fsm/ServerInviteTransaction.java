package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.fsm.TxEffect.CancelTimer;
import io.opensbc.sip.transaction.fsm.TxEffect.SendResponse;
import io.opensbc.sip.transaction.fsm.TxEffect.StartTimer;
import io.opensbc.sip.transaction.fsm.TxEffect.Terminated;
import io.opensbc.sip.transaction.fsm.TxEffect.Timeout;
import io.opensbc.sip.transaction.fsm.TxEffect.TransportFailure;
import io.opensbc.sip.transaction.fsm.TxInput.RequestReceived;
import io.opensbc.sip.transaction.fsm.TxInput.TimerFired;
import io.opensbc.sip.transaction.fsm.TxInput.TransportError;
import io.opensbc.sip.transaction.fsm.TxInput.TuResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The INVITE server transaction: RFC 3261 §17.2.1 as corrected by RFC 6026 §7.1 (figure 7 there:
 * the "Accepted" state, timer L, and transport errors in "Proceeding" and "Accepted" that inform
 * the TU without ending the transaction).
 *
 * <p>The ACK for a 2xx is not part of this transaction (RFC 3261 §17): it carries its own branch,
 * matches no server transaction, and the shell hands it to the dialog. An ACK that does reach
 * "Accepted" is absorbed here.
 *
 * @param state the RFC state
 * @param invite the INVITE that created this transaction
 * @param reliable true on TCP/TLS/SCTP, false on UDP
 * @param lastResponse the most recent response sent: a provisional in PROCEEDING, the final after
 * @param timerG the interval timer G was last started with
 * @param timers T1, T2, T4
 */
public record ServerInviteTransaction(
    State state,
    SipRequest invite,
    boolean reliable,
    SipResponse lastResponse,
    Duration timerG,
    TimerConfig timers) {

  public enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

  /**
   * "When a server transaction is constructed for a request, it enters the "Proceeding" state.
   * The server transaction MUST generate a 100 (Trying) response unless it knows that the TU will
   * generate a provisional or final response within 200 ms". A B2BUA forwards the INVITE before it
   * answers, so the machine always sends 100 Trying. "the insertion of tags in the To header field
   * of the response (when none was present in the request) is downgraded from MAY to SHOULD NOT":
   * the 100 carries no To tag, so {@code start} takes none.
   */
  public static Transition<ServerInviteTransaction> start(
      SipRequest invite, boolean reliable, TimerConfig t) {
    SipResponse trying = Responses.create(invite, 100, "Trying");
    ServerInviteTransaction tx =
        new ServerInviteTransaction(State.PROCEEDING, invite, reliable, trying, t.timerG(), t);
    return Transition.of(tx, new SendResponse(trying));
  }

  public Transition<ServerInviteTransaction> on(TxInput input) {
    return switch (state) {
      case PROCEEDING -> proceeding(input);
      case COMPLETED -> completed(input);
      case CONFIRMED -> confirmed(input);
      case ACCEPTED -> accepted(input);
      case TERMINATED -> Transition.stay(this);
    };
  }

  private Transition<ServerInviteTransaction> proceeding(TxInput input) {
    if (input instanceof TuResponse r && r.response().isProvisional()) {
      // "The TU passes any number of provisional responses to the server transaction. So long as
      // the server transaction is in the "Proceeding" state, each of these MUST be passed to the
      // transport layer for transmission."
      return Transition.of(with(State.PROCEEDING, r.response()), new SendResponse(r.response()));
    }
    if (input instanceof TuResponse r && r.response().isSuccess()) {
      // RFC 6026 §7.1: "If, while in the "Proceeding" state, the TU passes a 2xx response to the
      // server transaction, the server transaction MUST pass this response to the transport layer
      // for transmission ... the server transaction MUST then transition to the "Accepted" state
      // and set Timer L to 64*T1."
      return Transition.of(
          with(State.ACCEPTED, r.response()),
          new SendResponse(r.response()),
          new StartTimer(TimerName.L, timers.timerL()));
    }
    if (input instanceof TuResponse r) {
      return rejected(r.response());
    }
    if (input instanceof RequestReceived r && isInviteRetransmission(r.request())) {
      // "If a request retransmission is received while in the "Proceeding" state, the most recent
      // provisional response that was received from the TU MUST be passed to the transport layer
      // for retransmission."
      return Transition.of(this, new SendResponse(lastResponse));
    }
    if (input instanceof TransportError) {
      // RFC 6026 figure 7: "Proceeding" --Transport Err. / Inform TU--> "Proceeding".
      return Transition.of(this, new TransportFailure());
    }
    return Transition.stay(this);
  }

  /**
   * "While in the "Proceeding" state, if the TU passes a response with status code from 300 to 699
   * to the server transaction, the response MUST be passed to the transport layer for
   * transmission, and the state machine MUST enter the "Completed" state. For unreliable
   * transports, timer G is set to fire in T1 seconds, and is not set to fire for reliable
   * transports. ... When the "Completed" state is entered, timer H MUST be set to fire in 64*T1
   * seconds for all transports."
   */
  private Transition<ServerInviteTransaction> rejected(SipResponse response) {
    List<TxEffect> fx = new ArrayList<>(3);
    fx.add(new SendResponse(response));
    if (!reliable) {
      fx.add(new StartTimer(TimerName.G, timers.timerG()));
    }
    fx.add(new StartTimer(TimerName.H, timers.timerH()));
    return new Transition<>(
        new ServerInviteTransaction(
            State.COMPLETED, invite, reliable, response, timers.timerG(), timers),
        fx);
  }

  private Transition<ServerInviteTransaction> completed(TxInput input) {
    if (input instanceof TimerFired f && f.timer() == TimerName.G) {
      // "If timer G fires, the response is passed to the transport layer once more for
      // retransmission, and timer G is set to fire in MIN(2*T1, T2) seconds. From then on, when
      // timer G fires, the response is passed to the transport again for transmission, and timer
      // G is reset with a value that doubles, unless that value exceeds T2, in which case it is
      // reset with the value of T2."
      Duration next = timers.doubledUpToT2(timerG);
      return Transition.of(
          new ServerInviteTransaction(state, invite, reliable, lastResponse, next, timers),
          new SendResponse(lastResponse),
          new StartTimer(TimerName.G, next));
    }
    if (input instanceof RequestReceived r && r.request().isAck()) {
      // "If an ACK is received while the server transaction is in the "Completed" state, the
      // server transaction MUST transition to the "Confirmed" state. As Timer G is ignored in
      // this state, any retransmissions of the response will cease."
      // "When this state is entered, timer I is set to fire in T4 seconds for unreliable
      // transports, and zero seconds for reliable transports."
      if (reliable) {
        return terminate();
      }
      return Transition.of(
          with(State.CONFIRMED, lastResponse),
          new CancelTimer(TimerName.G),
          new CancelTimer(TimerName.H),
          new StartTimer(TimerName.I, timers.timerI()));
    }
    if (input instanceof RequestReceived r && isInviteRetransmission(r.request())) {
      // "Furthermore, while in the "Completed" state, if a request retransmission is received,
      // the server SHOULD pass the response to the transport for retransmission."
      return Transition.of(this, new SendResponse(lastResponse));
    }
    if (input instanceof TimerFired f && f.timer() == TimerName.H) {
      // "If timer H fires while in the "Completed" state, it implies that the ACK was never
      // received. In this case, the server transaction MUST transition to the "Terminated" state,
      // and MUST indicate to the TU that a transaction failure has occurred."
      return terminate(new Timeout());
    }
    if (input instanceof TransportError) {
      // Figure 7: "Completed" --Transport Err. / Inform TU--> "Terminated".
      return terminate(new TransportFailure());
    }
    return Transition.stay(this);
  }

  private Transition<ServerInviteTransaction> confirmed(TxInput input) {
    if (input instanceof TimerFired f && f.timer() == TimerName.I) {
      // "Once timer I fires, the server MUST transition to the "Terminated" state."
      return terminate();
    }
    // "The purpose of the "Confirmed" state is to absorb any additional ACK messages that arrive,
    // triggered from retransmissions of the final response."
    return Transition.stay(this);
  }

  private Transition<ServerInviteTransaction> accepted(TxInput input) {
    if (input instanceof TuResponse r && r.response().isSuccess()) {
      // RFC 6026 §7.1: "The server transaction MUST NOT generate 2xx retransmissions on its own.
      // Any retransmission of the 2xx response passed from the TU to the transaction while in the
      // "Accepted" state MUST be passed to the transport layer for transmission."
      return Transition.of(with(State.ACCEPTED, r.response()), new SendResponse(r.response()));
    }
    if (input instanceof TimerFired f && f.timer() == TimerName.L) {
      // RFC 6026 §7.1: "If Timer L fires while the INVITE server transaction is in the "Accepted"
      // state, the transaction MUST transition to the "Terminated" state."
      return terminate();
    }
    if (input instanceof TransportError) {
      // RFC 6026 figure 7: "Accepted" --Transport Err. / Inform TU--> "Accepted".
      return Transition.of(this, new TransportFailure());
    }
    // RFC 6026 §7.1: "While in the "Accepted" state, any retransmissions of the INVITE received
    // will match this transaction state machine and will be absorbed by the machine without
    // changing its state. These retransmissions are not passed onto the TU."
    return Transition.stay(this);
  }

  private boolean isInviteRetransmission(SipRequest request) {
    return request.method().equals(invite.method());
  }

  private Transition<ServerInviteTransaction> terminate(TxEffect... before) {
    List<TxEffect> fx = new ArrayList<>(List.of(before));
    fx.add(new Terminated());
    return new Transition<>(with(State.TERMINATED, lastResponse), fx);
  }

  private ServerInviteTransaction with(State s, SipResponse last) {
    return new ServerInviteTransaction(s, invite, reliable, last, timerG, timers);
  }
}
