package io.opensbc.sip.transaction.fsm;

import static io.opensbc.sip.transaction.fsm.Msgs.describe;
import static io.opensbc.sip.transaction.fsm.Msgs.input;
import static io.opensbc.sip.transaction.fsm.Msgs.request;
import static io.opensbc.sip.transaction.fsm.Msgs.started;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.transaction.fsm.ClientNonInviteTransaction.State;
import io.opensbc.sip.transaction.fsm.TxInput.TimerFired;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §17.1.2 (figure 6): the non-INVITE client transaction. */
class ClientNonInviteTransactionTest {
  private static final TimerConfig T = TimerConfig.DEFAULTS;

  static ClientNonInviteTransaction in(State state, boolean reliable) {
    SipRequest options = request(SipRequest.OPTIONS);
    ClientNonInviteTransaction tx = ClientNonInviteTransaction.start(options, reliable, T).next();
    String via = switch (state) {
      case TRYING -> null;
      case PROCEEDING -> "100";
      case COMPLETED -> "200";
      case TERMINATED -> "transport error";
    };
    if (via != null) {
      tx = tx.on(input(via, options)).next();
    }
    assertEquals(state, tx.state(), "setup");
    return tx;
  }

  @DisplayName("state | transport | input -> next state | effects")
  @ParameterizedTest(name = "{0} | {1} | {2} -> {3} | {4}")
  @CsvSource(delimiter = '|', textBlock = """
      TRYING     | UDP | 100             | PROCEEDING | PassToTu 100
      TRYING     | UDP | 200             | COMPLETED  | PassToTu 200, CancelTimer E, CancelTimer F, StartTimer K
      TRYING     | UDP | 404             | COMPLETED  | PassToTu 404, CancelTimer E, CancelTimer F, StartTimer K
      TRYING     | TCP | 200             | TERMINATED | PassToTu 200, Terminated
      TRYING     | UDP | timer E         | TRYING     | SendRequest OPTIONS, StartTimer E
      TRYING     | UDP | timer F         | TERMINATED | Timeout, Terminated
      TRYING     | TCP | timer F         | TERMINATED | Timeout, Terminated
      TRYING     | UDP | transport error | TERMINATED | TransportFailure, Terminated
      TRYING     | UDP | timer K         | TRYING     | -
      PROCEEDING | UDP | 180             | PROCEEDING | PassToTu 180
      PROCEEDING | UDP | 200             | COMPLETED  | PassToTu 200, CancelTimer E, CancelTimer F, StartTimer K
      PROCEEDING | TCP | 486             | TERMINATED | PassToTu 486, Terminated
      PROCEEDING | UDP | timer E         | PROCEEDING | SendRequest OPTIONS, StartTimer E
      PROCEEDING | UDP | timer F         | TERMINATED | Timeout, Terminated
      PROCEEDING | UDP | transport error | TERMINATED | TransportFailure, Terminated
      COMPLETED  | UDP | 200             | COMPLETED  | -
      COMPLETED  | UDP | 180             | COMPLETED  | -
      COMPLETED  | UDP | timer E         | COMPLETED  | -
      COMPLETED  | UDP | timer F         | COMPLETED  | -
      COMPLETED  | UDP | timer K         | TERMINATED | Terminated
      COMPLETED  | UDP | transport error | COMPLETED  | -
      TERMINATED | UDP | 200             | TERMINATED | -
      TERMINATED | UDP | timer F         | TERMINATED | -
      """)
  void transition(State from, String transport, String in, State to, String effects) {
    ClientNonInviteTransaction tx = in(from, transport.equals("TCP"));
    Transition<ClientNonInviteTransaction> t = tx.on(input(in, tx.request()));
    assertEquals(to, t.next().state());
    assertEquals(effects, describe(t.effects()));
  }

  @Test
  void startSendsTheRequestWithTimerEAtT1AndTimerFAt64T1() {
    Transition<ClientNonInviteTransaction> t =
        ClientNonInviteTransaction.start(request(SipRequest.OPTIONS), false, T);
    assertEquals("SendRequest OPTIONS, StartTimer E, StartTimer F", describe(t.effects()));
    assertEquals(Duration.ofMillis(500), started(t.effects(), TimerName.E));
    assertEquals(Duration.ofSeconds(32), started(t.effects(), TimerName.F));
  }

  @Test
  void onAReliableTransportTimerENeverRuns() {
    Transition<ClientNonInviteTransaction> t =
        ClientNonInviteTransaction.start(request(SipRequest.OPTIONS), true, T);
    assertEquals("SendRequest OPTIONS, StartTimer F", describe(t.effects()));
  }

  @Test
  void inTryingTimerEDoublesUpToT2AndStaysThere() {
    // "the timer is reset, but this time with a value of MIN(2*T1, T2). When the timer fires
    // again, it is reset to a MIN(4*T1, T2). This process continues so that retransmissions occur
    // with an exponentially increasing interval that caps at T2."
    ClientNonInviteTransaction tx = in(State.TRYING, false);
    List<Long> intervals = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Transition<ClientNonInviteTransaction> t = tx.on(new TimerFired(TimerName.E));
      intervals.add(started(t.effects(), TimerName.E).toMillis());
      tx = t.next();
    }
    assertEquals(List.of(1000L, 2000L, 4000L, 4000L, 4000L, 4000L), intervals);
  }

  @Test
  void inProceedingTimerEIsResetToT2() {
    // "If Timer E fires while in the "Proceeding" state, the request MUST be passed to the
    // transport layer for retransmission, and Timer E MUST be reset with a value of T2 seconds."
    ClientNonInviteTransaction tx = in(State.PROCEEDING, false);
    Transition<ClientNonInviteTransaction> t = tx.on(new TimerFired(TimerName.E));
    assertEquals(Duration.ofSeconds(4), started(t.effects(), TimerName.E));
    t = t.next().on(new TimerFired(TimerName.E));
    assertEquals(Duration.ofSeconds(4), started(t.effects(), TimerName.E));
  }

  @Test
  void inCompletedTimerKIsT4AndAbsorbsResponseRetransmissions() {
    ClientNonInviteTransaction tx = in(State.PROCEEDING, false);
    Transition<ClientNonInviteTransaction> t = tx.on(input("200", tx.request()));
    assertEquals(Duration.ofSeconds(5), started(t.effects(), TimerName.K));
    assertEquals("-", describe(t.next().on(input("200", tx.request())).effects()));
    assertEquals(State.TERMINATED, t.next().on(new TimerFired(TimerName.K)).next().state());
  }

  @Test
  void withACustomT2TheCapFollowsIt() {
    TimerConfig fast = new TimerConfig(Duration.ofMillis(100), Duration.ofMillis(300),
        Duration.ofMillis(1000));
    ClientNonInviteTransaction tx =
        ClientNonInviteTransaction.start(request(SipRequest.OPTIONS), false, fast).next();
    Transition<ClientNonInviteTransaction> t = tx.on(new TimerFired(TimerName.E));
    assertEquals(Duration.ofMillis(200), started(t.effects(), TimerName.E));
    t = t.next().on(new TimerFired(TimerName.E));
    assertEquals(Duration.ofMillis(300), started(t.effects(), TimerName.E));
  }
}
