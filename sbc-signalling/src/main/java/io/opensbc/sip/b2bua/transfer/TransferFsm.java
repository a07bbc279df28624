package io.opensbc.sip.b2bua.transfer;

import java.util.List;

/**
 * One transfer handled by the SBC, as a pure function {@code (state, input) -> (next, effects)}
 * (docs/transfers.md has the ladders). The REFER was answered with 202 and NOTIFY 100 before the
 * machine starts; the target leg is asked for an offer (an INVITE without SDP, or a re-INVITE
 * without SDP on the leg taken from another call), then the transferee is re-INVITEd with it (RFC
 * 3725 flow I). Until the transferee is re-INVITEd nothing of the original call has changed, so
 * every failure before that leaves the transferee with the transferor.
 */
public final class TransferFsm {
  private TransferFsm() {}

  public enum State {
    /** The target leg is being set up (or asked for an offer). */
    DIALING_TARGET,
    /** The target answered with an offer; the transferee is re-INVITEd with it. */
    REINVITING_TRANSFEREE,
    /** Transferee and target talk; the transferor's leg is ended. Final. */
    BRIDGED,
    /** The transfer failed; the transferee stays with the transferor (if still there). Final. */
    ROLLED_BACK;

    public boolean isFinal() {
      return this == BRIDGED || this == ROLLED_BACK;
    }
  }

  /** What the shell does, in this order. */
  public enum Effect {
    /** RFC 3515 §2.4.5: a NOTIFY with the target's provisional status (sipfrag), subscription active. */
    NOTIFY_PROGRESS,
    /** Re-INVITE the transferee with the target's offer. */
    REINVITE_TRANSFEREE,
    /** ACK the target's 2xx, with the transferee's answer. */
    ACK_TARGET,
    /** ACK the transferee's 2xx to the re-INVITE. */
    ACK_TRANSFEREE,
    /** CANCEL the INVITE to the target (it has not answered). */
    CANCEL_TARGET,
    /** BYE on the target's leg. */
    BYE_TARGET,
    /** The target's leg takes the transferor's place in the call (LegReplaced on the log). */
    REPLACE_LEG,
    /** Final NOTIFY: 200, subscription terminated. */
    NOTIFY_SUCCESS,
    /** Final NOTIFY: the failure status, subscription terminated. */
    NOTIFY_FAILURE,
    /** BYE on the transferor's leg. */
    BYE_TRANSFEROR,
    /** TransferRolledBack on the log. */
    RECORD_ROLLBACK
  }

  /** What happened. */
  public sealed interface Input permits TargetResponded, TransfereeResponded, CallEnded {}

  /** A response on the target leg to the INVITE (or offerless re-INVITE) we sent it. */
  public record TargetResponded(int status) implements Input {}

  /** A final response from the transferee to our re-INVITE. */
  public record TransfereeResponded(int status) implements Input {}

  /** The call ended (a BYE from the transferee, a timer, a CANCEL) while the transfer ran. */
  public record CallEnded() implements Input {}

  public record Transition(State next, List<Effect> effects) {
    static Transition stay(State s) {
      return new Transition(s, List.of());
    }
  }

  public static Transition on(State state, Input input) {
    return switch (state) {
      case DIALING_TARGET -> dialing(input);
      case REINVITING_TRANSFEREE -> reinviting(input);
      case BRIDGED, ROLLED_BACK -> Transition.stay(state);
    };
  }

  private static Transition dialing(Input input) {
    if (input instanceof TargetResponded r) {
      if (r.status() < 200) {
        // 100 is hop-by-hop; the first 18x tells the transferor the target rings
        return new Transition(State.DIALING_TARGET, r.status() == 100 ? List.of() : List.of(Effect.NOTIFY_PROGRESS));
      }
      if (r.status() < 300) {
        return new Transition(State.REINVITING_TRANSFEREE, List.of(Effect.REINVITE_TRANSFEREE));
      }
      // RFC 3515 §2.4.5: the final NOTIFY carries the failure; the transferee was never touched
      return new Transition(State.ROLLED_BACK, List.of(Effect.NOTIFY_FAILURE, Effect.RECORD_ROLLBACK));
    }
    if (input instanceof CallEnded) {
      return new Transition(State.ROLLED_BACK, List.of(Effect.CANCEL_TARGET, Effect.RECORD_ROLLBACK));
    }
    return Transition.stay(State.DIALING_TARGET);
  }

  private static Transition reinviting(Input input) {
    if (input instanceof TransfereeResponded r) {
      if (r.status() < 200) {
        return Transition.stay(State.REINVITING_TRANSFEREE);
      }
      if (r.status() < 300) {
        return new Transition(State.BRIDGED, List.of(Effect.ACK_TRANSFEREE, Effect.ACK_TARGET, Effect.REPLACE_LEG,
            Effect.NOTIFY_SUCCESS, Effect.BYE_TRANSFEROR));
      }
      // the transferee refused the target's session: the target's 2xx still needs its ACK
      return new Transition(State.ROLLED_BACK, List.of(Effect.ACK_TARGET, Effect.BYE_TARGET, Effect.NOTIFY_FAILURE,
          Effect.RECORD_ROLLBACK));
    }
    if (input instanceof CallEnded) {
      return new Transition(State.ROLLED_BACK, List.of(Effect.ACK_TARGET, Effect.BYE_TARGET, Effect.RECORD_ROLLBACK));
    }
    return Transition.stay(State.REINVITING_TRANSFEREE);
  }
}
