package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The INVITE server transaction (RFC 3261 §17.2.1, Figure 7, as amended by RFC 6026 §7.1). */
public record ServerInviteTransaction(State state, SipRequest request, boolean reliable,
    TimerConfig timers, SipResponse last, Duration intervalG) {

  public enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

  /**
   * "When a server transaction is constructed for a request, it enters the 'Proceeding' state.
   * The server transaction MUST generate a 100 (Trying) response unless it knows that the TU will
   * generate a provisional or final response within 200 ms" — a B2BUA does not know, so it
   * always sends one.
   */
  public static Transition<ServerInviteTransaction> start(SipRequest invite, boolean reliable, TimerConfig t) {
    SipResponse trying = Responses.create(invite, 100, "Trying");
    return Transition.of(new ServerInviteTransaction(State.PROCEEDING, invite, reliable, t, trying, t.t1()),
        new TxEffect.SendResponse(trying));
  }

  public Transition<ServerInviteTransaction> on(TxInput in) {
    if (in instanceof TxInput.TransportError && state != State.TERMINATED) {
      return terminate(new TxEffect.TransportFailure());
    }
    return switch (state) {
      case PROCEEDING -> proceeding(in);
      case COMPLETED -> completed(in);
      case CONFIRMED -> confirmed(in);
      case ACCEPTED -> accepted(in);
      case TERMINATED -> Transition.of(this);
    };
  }

  private Transition<ServerInviteTransaction> proceeding(TxInput in) {
    if (in instanceof TxInput.RequestReceived r && r.request().isInvite()) {
      // "If a request retransmission is received while in the 'Proceeding' state, the most recent
      // provisional response that was received from the TU MUST be passed to the transport layer"
      return Transition.of(this, new TxEffect.SendResponse(last));
    }
    if (in instanceof TxInput.TuResponse t) {
      SipResponse r = t.response();
      if (r.isProvisional()) {
        return Transition.of(with(State.PROCEEDING, r, intervalG), new TxEffect.SendResponse(r));
      }
      if (r.isSuccess()) {
        // RFC 6026 §7.1: "If, while in the 'Proceeding' state, the TU passes a 2xx response to the
        // server transaction, the server transaction MUST pass this response to the transport
        // layer for transmission ... then transition to the 'Accepted' state ... and start timer L"
        return Transition.of(with(State.ACCEPTED, r, intervalG), new TxEffect.SendResponse(r),
            new TxEffect.StartTimer(TimerName.L, timers.t64()));
      }
      // "While in the 'Proceeding' state, if the TU passes a response with status code from 300 to
      // 699 to the server transaction, the response MUST be passed to the transport layer for
      // transmission, and the state machine MUST enter the 'Completed' state. For unreliable
      // transports, timer G is set to fire in T1 seconds ... timer H MUST be set to fire in 64*T1"
      List<TxEffect> fx = new ArrayList<>(3);
      fx.add(new TxEffect.SendResponse(r));
      if (!reliable) {
        fx.add(new TxEffect.StartTimer(TimerName.G, timers.t1()));
      }
      fx.add(new TxEffect.StartTimer(TimerName.H, timers.t64()));
      return new Transition<>(with(State.COMPLETED, r, timers.t1()), fx);
    }
    return Transition.of(this);
  }

  private Transition<ServerInviteTransaction> completed(TxInput in) {
    if (in instanceof TxInput.RequestReceived r) {
      if (r.request().isAck()) {
        // "If an ACK is received while the server transaction is in the 'Completed' state, the
        // server transaction MUST transition to the 'Confirmed' state ... timer I is set to fire in
        // T4 seconds for unreliable transports, and zero seconds for reliable transports."
        if (reliable) {
          return terminate(new TxEffect.CancelTimer(TimerName.G), new TxEffect.CancelTimer(TimerName.H));
        }
        return Transition.of(with(State.CONFIRMED, last, intervalG), new TxEffect.CancelTimer(TimerName.G),
            new TxEffect.CancelTimer(TimerName.H), new TxEffect.StartTimer(TimerName.I, timers.t4()));
      }
      // "Furthermore, while in the 'Completed' state, if a request retransmission is received, the
      // server SHOULD pass the response to the transport for retransmission."
      return Transition.of(this, new TxEffect.SendResponse(last));
    }
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.G) {
      // "If timer G fires, the response is passed to the transport layer once more for
      // retransmission, and timer G is set to fire in MIN(2*T1, T2) seconds."
      Duration next = TimerConfig.doubled(intervalG, timers.t2());
      return Transition.of(with(State.COMPLETED, last, next), new TxEffect.SendResponse(last),
          new TxEffect.StartTimer(TimerName.G, next));
    }
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.H) {
      // "If timer H fires while in the 'Completed' state, it implies that the ACK was never
      // received. In this case, the server transaction MUST transition to the 'Terminated' state,
      // and MUST indicate to the TU that a transaction failure has occurred."
      return terminate(new TxEffect.CancelTimer(TimerName.G), new TxEffect.Timeout());
    }
    return Transition.of(this);
  }

  private Transition<ServerInviteTransaction> confirmed(TxInput in) {
    // "The purpose of the 'Confirmed' state is to absorb any additional ACK messages ... When this
    // timer [I] fires, the server MUST transition to the 'Terminated' state."
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.I) {
      return terminate();
    }
    return Transition.of(this);
  }

  private Transition<ServerInviteTransaction> accepted(TxInput in) {
    if (in instanceof TxInput.TuResponse t && t.response().isSuccess()) {
      // RFC 6026 §7.1: "While in the 'Accepted' state, if the TU passes a 2xx response, the server
      // transaction MUST pass the response to the transport layer for transmission."
      return Transition.of(with(State.ACCEPTED, t.response(), intervalG), new TxEffect.SendResponse(t.response()));
    }
    if (in instanceof TxInput.TimerFired f && f.timer() == TimerName.L) {
      // "If timer L fires while the INVITE server transaction is in the 'Accepted' state, the
      // transaction MUST transition to the 'Terminated' state."
      return terminate();
    }
    // a retransmitted INVITE is absorbed (RFC 6026 §8.7)
    return Transition.of(this);
  }

  private Transition<ServerInviteTransaction> terminate(TxEffect... before) {
    List<TxEffect> fx = new ArrayList<>(List.of(before));
    fx.add(new TxEffect.Terminated());
    return new Transition<>(with(State.TERMINATED, last, intervalG), fx);
  }

  private ServerInviteTransaction with(State s, SipResponse r, Duration g) {
    return new ServerInviteTransaction(s, request, reliable, timers, r, g);
  }
}
