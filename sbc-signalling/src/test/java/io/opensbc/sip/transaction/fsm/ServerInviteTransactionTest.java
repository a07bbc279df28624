package io.opensbc.sip.transaction.fsm;

import static io.opensbc.sip.transaction.fsm.Msgs.describe;
import static io.opensbc.sip.transaction.fsm.Msgs.input;
import static io.opensbc.sip.transaction.fsm.Msgs.invite;
import static io.opensbc.sip.transaction.fsm.Msgs.response;
import static io.opensbc.sip.transaction.fsm.Msgs.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.fsm.ServerInviteTransaction.State;
import io.opensbc.sip.transaction.fsm.TxEffect.SendResponse;
import io.opensbc.sip.transaction.fsm.TxInput.RequestReceived;
import io.opensbc.sip.transaction.fsm.TxInput.TimerFired;
import io.opensbc.sip.transaction.fsm.TxInput.TuResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §17.2.1 with RFC 6026 §7.1 (figure 7): the INVITE server transaction. */
class ServerInviteTransactionTest {
  private static final TimerConfig T = TimerConfig.DEFAULTS;

  static ServerInviteTransaction in(State state, boolean reliable) {
    SipRequest invite = invite();
    ServerInviteTransaction tx = ServerInviteTransaction.start(invite, reliable, T).next();
    List<String> path = switch (state) {
      case PROCEEDING -> List.of();
      case COMPLETED -> List.of("TU 486");
      case CONFIRMED -> List.of("TU 486", "ACK");
      case ACCEPTED -> List.of("TU 200");
      case TERMINATED -> List.of("TU 486", "timer H");
    };
    for (String step : path) {
      tx = tx.on(input(step, invite)).next();
    }
    assertEquals(state, tx.state(), "setup");
    return tx;
  }

  @DisplayName("state | transport | input -> next state | effects")
  @ParameterizedTest(name = "{0} | {1} | {2} -> {3} | {4}")
  @CsvSource(delimiter = '|', textBlock = """
      PROCEEDING | UDP | TU 180          | PROCEEDING | SendResponse 180
      PROCEEDING | UDP | TU 200          | ACCEPTED   | SendResponse 200, StartTimer L
      PROCEEDING | TCP | TU 200          | ACCEPTED   | SendResponse 200, StartTimer L
      PROCEEDING | UDP | TU 486          | COMPLETED  | SendResponse 486, StartTimer G, StartTimer H
      PROCEEDING | TCP | TU 486          | COMPLETED  | SendResponse 486, StartTimer H
      PROCEEDING | UDP | TU 302          | COMPLETED  | SendResponse 302, StartTimer G, StartTimer H
      PROCEEDING | UDP | INVITE          | PROCEEDING | SendResponse 100
      PROCEEDING | UDP | ACK             | PROCEEDING | -
      PROCEEDING | UDP | transport error | PROCEEDING | TransportFailure
      PROCEEDING | UDP | timer G         | PROCEEDING | -
      PROCEEDING | UDP | timer H         | PROCEEDING | -
      COMPLETED  | UDP | INVITE          | COMPLETED  | SendResponse 486
      COMPLETED  | UDP | timer G         | COMPLETED  | SendResponse 486, StartTimer G
      COMPLETED  | UDP | ACK             | CONFIRMED  | CancelTimer G, CancelTimer H, StartTimer I
      COMPLETED  | TCP | ACK             | TERMINATED | Terminated
      COMPLETED  | UDP | timer H         | TERMINATED | Timeout, Terminated
      COMPLETED  | TCP | timer H         | TERMINATED | Timeout, Terminated
      COMPLETED  | UDP | transport error | TERMINATED | TransportFailure, Terminated
      COMPLETED  | UDP | TU 200          | COMPLETED  | -
      COMPLETED  | UDP | TU 486          | COMPLETED  | -
      COMPLETED  | UDP | TU 180          | COMPLETED  | -
      CONFIRMED  | UDP | ACK             | CONFIRMED  | -
      CONFIRMED  | UDP | INVITE          | CONFIRMED  | -
      CONFIRMED  | UDP | timer G         | CONFIRMED  | -
      CONFIRMED  | UDP | timer H         | CONFIRMED  | -
      CONFIRMED  | UDP | timer I         | TERMINATED | Terminated
      ACCEPTED   | UDP | TU 200          | ACCEPTED   | SendResponse 200
      ACCEPTED   | UDP | INVITE          | ACCEPTED   | -
      ACCEPTED   | UDP | ACK             | ACCEPTED   | -
      ACCEPTED   | UDP | TU 180          | ACCEPTED   | -
      ACCEPTED   | UDP | TU 486          | ACCEPTED   | -
      ACCEPTED   | UDP | transport error | ACCEPTED   | TransportFailure
      ACCEPTED   | UDP | timer L         | TERMINATED | Terminated
      TERMINATED | UDP | INVITE          | TERMINATED | -
      TERMINATED | UDP | ACK             | TERMINATED | -
      TERMINATED | UDP | TU 200          | TERMINATED | -
      """)
  void transition(State from, String transport, String in, State to, String effects) {
    ServerInviteTransaction tx = in(from, transport.equals("TCP"));
    Transition<ServerInviteTransaction> t = tx.on(input(in, tx.invite()));
    assertEquals(to, t.next().state());
    assertEquals(effects, describe(t.effects()));
  }

  @Test
  void startSends100TryingWithoutAToTag() {
    SipRequest invite = invite();
    Transition<ServerInviteTransaction> t = ServerInviteTransaction.start(invite, false, T);
    assertEquals(State.PROCEEDING, t.next().state());
    assertEquals("SendResponse 100", describe(t.effects()));
    SipResponse trying = ((SendResponse) t.effects().get(0)).response();
    assertEquals("Trying", trying.reason());
    assertNull(trying.to().tag());
    assertEquals(invite.headers().values("Via"), trying.headers().values("Via"));
  }

  @Test
  void aRetransmittedInviteGetsTheMostRecentProvisional() {
    SipRequest invite = invite();
    ServerInviteTransaction tx = ServerInviteTransaction.start(invite, false, T).next();
    assertEquals(100, resent(tx.on(new RequestReceived(invite))).status());
    SipResponse ringing = response(invite, 180);
    SipResponse progress = response(invite, 183);
    tx = tx.on(new TuResponse(ringing)).next().on(new TuResponse(progress)).next();
    assertEquals(progress, resent(tx.on(new RequestReceived(invite))));
  }

  @Test
  void a486IsRetransmittedOnTimerGWithIntervalsDoublingUpToT2UntilTheAck() {
    SipRequest invite = invite();
    SipResponse busy = response(invite, 486);
    Transition<ServerInviteTransaction> t =
        ServerInviteTransaction.start(invite, false, T).next().on(new TuResponse(busy));
    assertEquals(Duration.ofMillis(500), started(t.effects(), TimerName.G));
    assertEquals(Duration.ofSeconds(32), started(t.effects(), TimerName.H));

    List<Long> intervals = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      t = t.next().on(new TimerFired(TimerName.G));
      assertEquals(busy, resent(t));
      intervals.add(started(t.effects(), TimerName.G).toMillis());
    }
    assertEquals(List.of(1000L, 2000L, 4000L, 4000L, 4000L, 4000L), intervals);

    // "If an ACK is received while the server transaction is in the "Completed" state, the server
    // transaction MUST transition to the "Confirmed" state."
    t = t.next().on(new RequestReceived(AckFactory.ackFor(invite, busy)));
    assertEquals(State.CONFIRMED, t.next().state());
    assertEquals(Duration.ofSeconds(5), started(t.effects(), TimerName.I));
    t = t.next().on(new TimerFired(TimerName.I));
    assertEquals(State.TERMINATED, t.next().state());
    assertEquals("Terminated", describe(t.effects()));
  }

  @Test
  void onAReliableTransportTimerGNeverRunsAndTheAckTerminatesAtOnce() {
    SipRequest invite = invite();
    Transition<ServerInviteTransaction> t =
        ServerInviteTransaction.start(invite, true, T).next().on(input("TU 486", invite));
    assertEquals("SendResponse 486, StartTimer H", describe(t.effects()));
    t = t.next().on(input("ACK", invite));
    assertEquals(State.TERMINATED, t.next().state());
    assertEquals("Terminated", describe(t.effects()));
  }

  @Test
  void a2xxMovesToAcceptedWhereTheTuRetransmitsItAndInviteRetransmissionsAreAbsorbed() {
    SipRequest invite = invite();
    SipResponse ok = response(invite, 200);
    Transition<ServerInviteTransaction> t =
        ServerInviteTransaction.start(invite, false, T).next().on(new TuResponse(ok));
    assertEquals(State.ACCEPTED, t.next().state());
    assertEquals(Duration.ofSeconds(32), started(t.effects(), TimerName.L));
    assertEquals(List.of(new SendResponse(ok)), t.next().on(new TuResponse(ok)).effects());
    assertEquals(List.of(), t.next().on(new RequestReceived(invite)).effects());
  }

  private static SipResponse resent(Transition<ServerInviteTransaction> t) {
    return t.effects().stream()
        .filter(e -> e instanceof SendResponse)
        .map(e -> ((SendResponse) e).response())
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing sent: " + describe(t.effects())));
  }
}
