package io.opensbc.sip.b2bua.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.b2bua.transfer.TransferFsm.CallEnded;
import io.opensbc.sip.b2bua.transfer.TransferFsm.Effect;
import io.opensbc.sip.b2bua.transfer.TransferFsm.Input;
import io.opensbc.sip.b2bua.transfer.TransferFsm.State;
import io.opensbc.sip.b2bua.transfer.TransferFsm.TargetResponded;
import io.opensbc.sip.b2bua.transfer.TransferFsm.TransfereeResponded;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The transfer's transition table, row by row (docs/transfers.md has the ladders). */
class TransferFsmTest {
  static Stream<Arguments> table() {
    return Stream.of(
        // the target leg is being set up: nothing of the call has changed yet
        row(State.DIALING_TARGET, new TargetResponded(100), State.DIALING_TARGET),
        row(State.DIALING_TARGET, new TargetResponded(180), State.DIALING_TARGET, Effect.NOTIFY_PROGRESS),
        row(State.DIALING_TARGET, new TargetResponded(200), State.REINVITING_TRANSFEREE, Effect.REINVITE_TRANSFEREE),
        row(State.DIALING_TARGET, new TargetResponded(486), State.ROLLED_BACK, Effect.NOTIFY_FAILURE,
            Effect.RECORD_ROLLBACK),
        row(State.DIALING_TARGET, new TargetResponded(408), State.ROLLED_BACK, Effect.NOTIFY_FAILURE,
            Effect.RECORD_ROLLBACK),
        row(State.DIALING_TARGET, new TargetResponded(603), State.ROLLED_BACK, Effect.NOTIFY_FAILURE,
            Effect.RECORD_ROLLBACK),
        row(State.DIALING_TARGET, new CallEnded(), State.ROLLED_BACK, Effect.CANCEL_TARGET, Effect.RECORD_ROLLBACK),
        row(State.DIALING_TARGET, new TransfereeResponded(200), State.DIALING_TARGET),
        // the transferee is re-INVITEd with the target's offer
        row(State.REINVITING_TRANSFEREE, new TransfereeResponded(100), State.REINVITING_TRANSFEREE),
        row(State.REINVITING_TRANSFEREE, new TransfereeResponded(200), State.BRIDGED, Effect.ACK_TRANSFEREE,
            Effect.ACK_TARGET, Effect.REPLACE_LEG, Effect.NOTIFY_SUCCESS, Effect.BYE_TRANSFEROR),
        row(State.REINVITING_TRANSFEREE, new TransfereeResponded(488), State.ROLLED_BACK, Effect.ACK_TARGET,
            Effect.BYE_TARGET, Effect.NOTIFY_FAILURE, Effect.RECORD_ROLLBACK),
        row(State.REINVITING_TRANSFEREE, new CallEnded(), State.ROLLED_BACK, Effect.ACK_TARGET, Effect.BYE_TARGET,
            Effect.RECORD_ROLLBACK),
        row(State.REINVITING_TRANSFEREE, new TargetResponded(200), State.REINVITING_TRANSFEREE),
        // final states absorb everything
        row(State.BRIDGED, new CallEnded(), State.BRIDGED),
        row(State.BRIDGED, new TargetResponded(200), State.BRIDGED),
        row(State.ROLLED_BACK, new TransfereeResponded(200), State.ROLLED_BACK),
        row(State.ROLLED_BACK, new CallEnded(), State.ROLLED_BACK));
  }

  private static Arguments row(State from, Input in, State to, Effect... effects) {
    return Arguments.of(from, in, to, List.of(effects));
  }

  @ParameterizedTest(name = "{0} + {1} -> {2} {3}")
  @MethodSource("table")
  void transition(State from, Input in, State to, List<Effect> effects) {
    TransferFsm.Transition t = TransferFsm.on(from, in);
    assertEquals(to, t.next());
    assertEquals(effects, t.effects());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void aFailureNeverTouchesTheTransfereeBeforeItWasReinvited(State from, Input in, State to, List<Effect> effects) {
    if (from == State.DIALING_TARGET) {
      assertTrue(effects.stream().noneMatch(e -> e == Effect.REPLACE_LEG || e == Effect.ACK_TRANSFEREE
          || e == Effect.BYE_TRANSFEROR), "before the target answered the call is as it was: " + effects);
    }
  }
}
