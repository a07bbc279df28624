package io.opensbc.sip.transaction.fsm;

import static io.opensbc.sip.transaction.fsm.Msgs.describe;
import static io.opensbc.sip.transaction.fsm.Msgs.input;
import static io.opensbc.sip.transaction.fsm.Msgs.request;
import static io.opensbc.sip.transaction.fsm.Msgs.started;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.transaction.fsm.ServerNonInviteTransaction.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §17.2.2 (figure 8): the non-INVITE server transaction. */
class ServerNonInviteTransactionTest {
  private static final TimerConfig T = TimerConfig.DEFAULTS;

  static ServerNonInviteTransaction in(State state, boolean reliable) {
    SipRequest bye = request(SipRequest.BYE);
    ServerNonInviteTransaction tx = ServerNonInviteTransaction.start(bye, reliable, T).next();
    List<String> path = switch (state) {
      case TRYING -> List.of();
      case PROCEEDING -> List.of("TU 100");
      case COMPLETED -> List.of("TU 200");
      case TERMINATED -> List.of("transport error");
    };
    for (String step : path) {
      tx = tx.on(input(step, bye)).next();
    }
    assertEquals(state, tx.state(), "setup");
    return tx;
  }

  @DisplayName("state | transport | input -> next state | effects")
  @ParameterizedTest(name = "{0} | {1} | {2} -> {3} | {4}")
  @CsvSource(delimiter = '|', textBlock = """
      TRYING     | UDP | BYE             | TRYING     | -
      TRYING     | UDP | TU 100          | PROCEEDING | SendResponse 100
      TRYING     | UDP | TU 200          | COMPLETED  | SendResponse 200, StartTimer J
      TRYING     | UDP | TU 481          | COMPLETED  | SendResponse 481, StartTimer J
      TRYING     | TCP | TU 200          | TERMINATED | SendResponse 200, Terminated
      TRYING     | UDP | transport error | TERMINATED | TransportFailure, Terminated
      TRYING     | UDP | timer J         | TRYING     | -
      PROCEEDING | UDP | BYE             | PROCEEDING | SendResponse 100
      PROCEEDING | UDP | TU 180          | PROCEEDING | SendResponse 180
      PROCEEDING | UDP | TU 200          | COMPLETED  | SendResponse 200, StartTimer J
      PROCEEDING | TCP | TU 200          | TERMINATED | SendResponse 200, Terminated
      PROCEEDING | UDP | transport error | TERMINATED | TransportFailure, Terminated
      COMPLETED  | UDP | BYE             | COMPLETED  | SendResponse 200
      COMPLETED  | UDP | TU 200          | COMPLETED  | -
      COMPLETED  | UDP | TU 500          | COMPLETED  | -
      COMPLETED  | UDP | TU 180          | COMPLETED  | -
      COMPLETED  | UDP | timer J         | TERMINATED | Terminated
      COMPLETED  | UDP | transport error | TERMINATED | TransportFailure, Terminated
      TERMINATED | UDP | BYE             | TERMINATED | -
      TERMINATED | UDP | TU 200          | TERMINATED | -
      """)
  void transition(State from, String transport, String in, State to, String effects) {
    ServerNonInviteTransaction tx = in(from, transport.equals("TCP"));
    Transition<ServerNonInviteTransaction> t = tx.on(input(in, tx.request()));
    assertEquals(to, t.next().state());
    assertEquals(effects, describe(t.effects()));
  }

  @Test
  void startSendsNothing() {
    Transition<ServerNonInviteTransaction> t =
        ServerNonInviteTransaction.start(request(SipRequest.BYE), false, T);
    assertEquals(State.TRYING, t.next().state());
    assertEquals("-", describe(t.effects()));
  }

  @Test
  void timerJIs64T1OnUdp() {
    ServerNonInviteTransaction tx = in(State.TRYING, false);
    Transition<ServerNonInviteTransaction> t = tx.on(input("TU 200", tx.request()));
    assertEquals(Duration.ofSeconds(32), started(t.effects(), TimerName.J));
  }
}
