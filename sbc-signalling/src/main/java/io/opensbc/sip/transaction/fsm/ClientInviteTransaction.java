package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The INVITE client transaction (RFC 3261 §17.1.1, Figure 5, as amended by RFC 6026 §7.2). */
public record ClientInviteTransaction(State state, SipRequest request, boolean reliable,
    TimerConfig timers, Duration intervalA) {

  public enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

  /**
   * "The initial state, 'calling', MUST be entered when the TU initiates a new client transaction
   * with an INVITE request. The client transaction MUST pass the request to the transport layer
   * for transmission. If an unreliable transport is being used, the client transaction MUST start
   * timer A with a value of T1. For any transport, the client transaction MUST start timer B with
   * a value of 64*T1 seconds."
   */
  public static Transition<ClientInviteTransaction> start(SipRequest invite, boolean reliable, TimerConfig t) {
    List<TxEffect> fx = new ArrayList<>(3);
    fx.add(new TxEffect.SendRequest(invite));
    if (!reliable) {
      fx.add(new TxEffect.StartTimer(TimerName.A, t.t1()));
    }
    fx.add(new TxEffect.StartTimer(TimerName.B, t.t64()));
    return new Transition<>(new ClientInviteTransaction(State.CALLING, invite, reliable, t, t.t1()), fx);
  }

  public Transition<ClientInviteTransaction> on(TxInput in) {
    return switch (state) {
      case CALLING -> calling(in);
      case PROCEEDING -> proceeding(in);
      case COMPLETED -> completed(in);
      case ACCEPTED -> accepted(in);
      case TERMINATED -> Transition.of(this);
    };
  }

  private Transition<ClientInviteTransaction> calling(TxInput in) {
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.A) {
      // "When timer A fires, the client transaction MUST retransmit the request by passing it to
      // the transport layer, and MUST reset the timer with a value of 2*T1."
      Duration next = intervalA.multipliedBy(2);
      return Transition.of(with(State.CALLING, next), new TxEffect.SendRequest(request),
          new TxEffect.StartTimer(TimerName.A, next));
    }
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.B) {
      // "If the client transaction is still in the 'Calling' state when timer B fires, the client
      // transaction SHOULD inform the TU that a timeout has occurred."
      return terminate(new TxEffect.Timeout());
    }
    if (in instanceof TxInput.ResponseReceived r) {
      return response(r.response());
    }
    if (in instanceof TxInput.TransportError) {
      return terminate(new TxEffect.TransportFailure());
    }
    return Transition.of(this);
  }

  private Transition<ClientInviteTransaction> proceeding(TxInput in) {
    if (in instanceof TxInput.ResponseReceived r) {
      return response(r.response());
    }
    if (in instanceof TxInput.TransportError) {
      return terminate(new TxEffect.TransportFailure());
    }
    return Transition.of(this);
  }

  /** Responses in Calling or Proceeding. */
  private Transition<ClientInviteTransaction> response(SipResponse r) {
    if (r.isProvisional()) {
      // "If the client transaction receives a provisional response while in the 'Calling' state,
      // it transitions to the 'Proceeding' state ... Furthermore, the provisional response MUST be
      // passed to the TU."
      return Transition.of(with(State.PROCEEDING, intervalA), new TxEffect.CancelTimer(TimerName.A),
          new TxEffect.CancelTimer(TimerName.B), new TxEffect.PassToTu(r));
    }
    if (r.isSuccess()) {
      // RFC 6026 §7.2: "a 2xx response ... MUST cause the client transaction to enter the
      // 'Accepted' state ... and start timer M with a value of 64*T1."
      return Transition.of(with(State.ACCEPTED, intervalA), new TxEffect.CancelTimer(TimerName.A),
          new TxEffect.CancelTimer(TimerName.B), new TxEffect.PassToTu(r),
          new TxEffect.StartTimer(TimerName.M, timers.t64()));
    }
    // "When in either the 'Calling' or 'Proceeding' states, reception of a response with status
    // code from 300-699 MUST cause the client transaction to transition to 'Completed'. The client
    // transaction MUST pass the received response up to the TU, and the client transaction MUST
    // generate an ACK request ... set timer D ... For reliable transports, ... zero seconds."
    List<TxEffect> fx = new ArrayList<>(5);
    fx.add(new TxEffect.CancelTimer(TimerName.A));
    fx.add(new TxEffect.CancelTimer(TimerName.B));
    fx.add(new TxEffect.PassToTu(r));
    fx.add(new TxEffect.SendRequest(AckFactory.forNon2xx(request, r)));
    if (reliable) {
      fx.add(new TxEffect.Terminated());
      return new Transition<>(with(State.TERMINATED, intervalA), fx);
    }
    fx.add(new TxEffect.StartTimer(TimerName.D, timers.timerD()));
    return new Transition<>(with(State.COMPLETED, intervalA), fx);
  }

  private Transition<ClientInviteTransaction> completed(TxInput in) {
    if (in instanceof TxInput.ResponseReceived r && r.response().status() >= 300) {
      // "Any retransmissions of the final response that are received while in the 'Completed'
      // state MUST cause the ACK to be re-passed to the transport layer for retransmission, but the
      // newly generated ACK MUST NOT be passed up to the TU."
      return Transition.of(this, new TxEffect.SendRequest(AckFactory.forNon2xx(request, r.response())));
    }
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.D) {
      // "If timer D fires while the client transaction is in the 'Completed' state, the client
      // transaction MUST move to the 'Terminated' state."
      return terminate();
    }
    if (in instanceof TxInput.TransportError) {
      return terminate(new TxEffect.TransportFailure());
    }
    return Transition.of(this);
  }

  private Transition<ClientInviteTransaction> accepted(TxInput in) {
    if (in instanceof TxInput.ResponseReceived r && r.response().isSuccess()) {
      // RFC 6026 §7.2: "any 2xx responses that match this client transaction and that are
      // received while in the 'Accepted' state MUST be passed up to the TU."
      return Transition.of(this, new TxEffect.PassToTu(r.response()));
    }
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.M) {
      // "If timer M fires while the client transaction is in the 'Accepted' state, the client
      // transaction MUST move to the 'Terminated' state."
      return terminate();
    }
    return Transition.of(this);
  }

  private Transition<ClientInviteTransaction> terminate(TxEffect... before) {
    List<TxEffect> fx = new ArrayList<>(List.of(before));
    fx.add(new TxEffect.Terminated());
    return new Transition<>(with(State.TERMINATED, intervalA), fx);
  }

  private ClientInviteTransaction with(State s, Duration a) {
    return new ClientInviteTransaction(s, request, reliable, timers, a);
  }
}
