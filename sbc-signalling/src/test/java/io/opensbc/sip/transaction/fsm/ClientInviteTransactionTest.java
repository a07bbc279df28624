package io.opensbc.sip.transaction.fsm;

import static io.opensbc.sip.transaction.fsm.Msgs.describe;
import static io.opensbc.sip.transaction.fsm.Msgs.input;
import static io.opensbc.sip.transaction.fsm.Msgs.invite;
import static io.opensbc.sip.transaction.fsm.Msgs.response;
import static io.opensbc.sip.transaction.fsm.Msgs.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.fsm.ClientInviteTransaction.State;
import io.opensbc.sip.transaction.fsm.TxEffect.PassToTu;
import io.opensbc.sip.transaction.fsm.TxEffect.SendRequest;
import io.opensbc.sip.transaction.fsm.TxEffect.StartTimer;
import io.opensbc.sip.transaction.fsm.TxInput.ResponseReceived;
import io.opensbc.sip.transaction.fsm.TxInput.TimerFired;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §17.1.1 (figure 5) with RFC 6026 §7.2: the INVITE client transaction. */
class ClientInviteTransactionTest {
  private static final TimerConfig T = TimerConfig.DEFAULTS;

  /** Puts a fresh transaction into {@code state} along the shortest RFC path. */
  static ClientInviteTransaction in(State state, boolean reliable) {
    SipRequest invite = invite();
    ClientInviteTransaction tx = ClientInviteTransaction.start(invite, reliable, T).next();
    String via = switch (state) {
      case CALLING -> null;
      case PROCEEDING -> "180";
      case COMPLETED -> "486";
      case ACCEPTED -> "200";
      case TERMINATED -> "transport error";
    };
    if (via != null) {
      tx = tx.on(input(via, invite)).next();
    }
    assertEquals(state, tx.state(), "setup");
    return tx;
  }

  @DisplayName("state | transport | input -> next state | effects")
  @ParameterizedTest(name = "{0} | {1} | {2} -> {3} | {4}")
  @CsvSource(delimiter = '|', textBlock = """
      CALLING    | UDP | 100             | PROCEEDING | PassToTu 100, CancelTimer A, CancelTimer B
      CALLING    | UDP | 180             | PROCEEDING | PassToTu 180, CancelTimer A, CancelTimer B
      CALLING    | TCP | 180             | PROCEEDING | PassToTu 180, CancelTimer B
      CALLING    | UDP | 200             | ACCEPTED   | PassToTu 200, CancelTimer A, CancelTimer B, StartTimer M
      CALLING    | TCP | 200             | ACCEPTED   | PassToTu 200, CancelTimer B, StartTimer M
      CALLING    | UDP | 486             | COMPLETED  | PassToTu 486, SendRequest ACK, CancelTimer A, CancelTimer B, StartTimer D
      CALLING    | TCP | 486             | TERMINATED | PassToTu 486, SendRequest ACK, Terminated
      CALLING    | UDP | 302             | COMPLETED  | PassToTu 302, SendRequest ACK, CancelTimer A, CancelTimer B, StartTimer D
      CALLING    | UDP | 603             | COMPLETED  | PassToTu 603, SendRequest ACK, CancelTimer A, CancelTimer B, StartTimer D
      CALLING    | UDP | timer A         | CALLING    | SendRequest INVITE, StartTimer A
      CALLING    | UDP | timer B         | TERMINATED | Timeout, Terminated
      CALLING    | TCP | timer B         | TERMINATED | Timeout, Terminated
      CALLING    | UDP | transport error | TERMINATED | TransportFailure, Terminated
      CALLING    | UDP | timer D         | CALLING    | -
      CALLING    | UDP | timer M         | CALLING    | -
      CALLING    | UDP | INVITE          | CALLING    | -
      PROCEEDING | UDP | 183             | PROCEEDING | PassToTu 183
      PROCEEDING | UDP | 200             | ACCEPTED   | PassToTu 200, StartTimer M
      PROCEEDING | UDP | 486             | COMPLETED  | PassToTu 486, SendRequest ACK, StartTimer D
      PROCEEDING | TCP | 486             | TERMINATED | PassToTu 486, SendRequest ACK, Terminated
      PROCEEDING | UDP | timer A         | PROCEEDING | -
      PROCEEDING | UDP | timer B         | PROCEEDING | -
      PROCEEDING | UDP | transport error | TERMINATED | TransportFailure, Terminated
      COMPLETED  | UDP | 486             | COMPLETED  | SendRequest ACK
      COMPLETED  | UDP | 404             | COMPLETED  | SendRequest ACK
      COMPLETED  | UDP | 180             | COMPLETED  | -
      COMPLETED  | UDP | 200             | COMPLETED  | -
      COMPLETED  | UDP | timer A         | COMPLETED  | -
      COMPLETED  | UDP | timer B         | COMPLETED  | -
      COMPLETED  | UDP | timer D         | TERMINATED | Terminated
      COMPLETED  | UDP | transport error | TERMINATED | TransportFailure, Terminated
      ACCEPTED   | UDP | 200             | ACCEPTED   | PassToTu 200
      ACCEPTED   | TCP | 200             | ACCEPTED   | PassToTu 200
      ACCEPTED   | UDP | 180             | ACCEPTED   | -
      ACCEPTED   | UDP | 486             | ACCEPTED   | -
      ACCEPTED   | UDP | timer A         | ACCEPTED   | -
      ACCEPTED   | UDP | timer B         | ACCEPTED   | -
      ACCEPTED   | UDP | timer M         | TERMINATED | Terminated
      ACCEPTED   | UDP | transport error | ACCEPTED   | -
      TERMINATED | UDP | 200             | TERMINATED | -
      TERMINATED | UDP | 486             | TERMINATED | -
      TERMINATED | UDP | timer B         | TERMINATED | -
      TERMINATED | UDP | transport error | TERMINATED | -
      """)
  void transition(State from, String transport, String in, State to, String effects) {
    ClientInviteTransaction tx = in(from, transport.equals("TCP"));
    Transition<ClientInviteTransaction> t = tx.on(input(in, tx.invite()));
    assertEquals(to, t.next().state());
    assertEquals(effects, describe(t.effects()));
  }

  @Test
  void startOnUdpSendsTheInviteAndStartsTimersAAtT1AndBAt64T1() {
    SipRequest invite = invite();
    Transition<ClientInviteTransaction> t = ClientInviteTransaction.start(invite, false, T);
    assertEquals(State.CALLING, t.next().state());
    assertEquals("SendRequest INVITE, StartTimer A, StartTimer B", describe(t.effects()));
    assertEquals(new SendRequest(invite), t.effects().get(0));
    assertEquals(Duration.ofMillis(500), started(t.effects(), TimerName.A));
    assertEquals(Duration.ofSeconds(32), started(t.effects(), TimerName.B));
  }

  @Test
  void onAReliableTransportTimerANeverRuns() {
    Transition<ClientInviteTransaction> t = ClientInviteTransaction.start(invite(), true, T);
    assertEquals("SendRequest INVITE, StartTimer B", describe(t.effects()));
  }

  @Test
  void overUdpTimerARetransmitsAtT1Then2T1Then4T1UntilTimerBTimesOut() {
    Transition<ClientInviteTransaction> t = ClientInviteTransaction.start(invite(), false, T);
    Duration timerB = started(t.effects(), TimerName.B);
    Duration a = started(t.effects(), TimerName.A);
    Duration now = Duration.ZERO;
    int transmissions = 1;
    // "the request is retransmitted with intervals that double after each transmission"
    while (now.plus(a).compareTo(timerB) < 0) {
      now = now.plus(a);
      t = t.next().on(new TimerFired(TimerName.A));
      assertEquals("SendRequest INVITE, StartTimer A", describe(t.effects()));
      assertEquals(a.multipliedBy(2), started(t.effects(), TimerName.A));
      a = started(t.effects(), TimerName.A);
      transmissions++;
    }
    assertEquals(Duration.ofMillis(31_500), now, "A fired at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s");
    assertEquals(7, transmissions, "RFC 3261 §17.1.1.2: a maximum of 7 request transmissions");

    Transition<ClientInviteTransaction> b = t.next().on(new TimerFired(TimerName.B));
    assertEquals(State.TERMINATED, b.next().state());
    assertEquals("Timeout, Terminated", describe(b.effects()));
  }

  @Test
  void a486IsAcknowledgedByTheTransactionWithAnAckBuiltPerSection17_1_1_3() {
    SipRequest invite = invite();
    ClientInviteTransaction tx = ClientInviteTransaction.start(invite, false, T).next();
    SipResponse busy = response(invite, 486);

    Transition<ClientInviteTransaction> t = tx.on(new ResponseReceived(busy));

    assertEquals(new PassToTu(busy), t.effects().get(0));
    SipRequest ack = ((SendRequest) t.effects().get(1)).request();
    assertEquals(ack, t.next().ack());
    assertEquals(Duration.ofSeconds(32), started(t.effects(), TimerName.D));
    assertEquals("ACK", ack.method());
    assertEquals(invite.uri(), ack.uri());
    assertEquals(List.of(Msgs.TOP_VIA), ack.headers().values(HeaderNames.VIA));
    assertEquals(invite.headers().values(HeaderNames.ROUTE), ack.headers().values(HeaderNames.ROUTE));
    assertEquals(2, ack.headers().values(HeaderNames.ROUTE).size());
    assertEquals("70", ack.header(HeaderNames.MAX_FORWARDS));
    assertEquals(invite.header(HeaderNames.FROM), ack.header(HeaderNames.FROM));
    assertEquals(busy.header(HeaderNames.TO), ack.header(HeaderNames.TO));
    assertEquals(Msgs.TO_TAG, ack.to().tag());
    assertEquals(invite.callId(), ack.callId());
    assertEquals(new io.opensbc.sip.message.CSeq(1, "ACK"), ack.cseq());
    assertEquals(0, ack.body().length());
    assertEquals("0", ack.header(HeaderNames.CONTENT_LENGTH));
    assertFalse(ack.headers().contains(HeaderNames.CONTACT));
    assertFalse(ack.headers().contains(HeaderNames.CONTENT_TYPE));
    assertEquals(9, ack.headers().size(), "Via, 2 Route, Max-Forwards, From, To, Call-ID, CSeq, C-L");
  }

  @Test
  void aRetransmitted486GetsTheSameAckAgainAndIsNotPassedUpTwice() {
    SipRequest invite = invite();
    ClientInviteTransaction tx = ClientInviteTransaction.start(invite, false, T).next();
    Transition<ClientInviteTransaction> first = tx.on(new ResponseReceived(response(invite, 486)));
    SipRequest ack = first.next().ack();

    Transition<ClientInviteTransaction> again =
        first.next().on(new ResponseReceived(response(invite, 486)));

    assertEquals(List.of(new SendRequest(ack)), again.effects());
    assertEquals(State.COMPLETED, again.next().state());
    assertFalse(again.effects().stream().anyMatch(e -> e instanceof PassToTu));
  }

  @Test
  void a2xxMovesToAcceptedForTimerMAndEveryRetransmitted2xxIsPassedUpWithoutAck() {
    SipRequest invite = invite();
    ClientInviteTransaction tx = ClientInviteTransaction.start(invite, false, T).next();
    tx = tx.on(new ResponseReceived(response(invite, 180))).next();
    SipResponse ok = response(invite, 200);

    Transition<ClientInviteTransaction> t = tx.on(new ResponseReceived(ok));
    assertEquals(State.ACCEPTED, t.next().state());
    assertEquals(Duration.ofSeconds(32), started(t.effects(), TimerName.M));

    for (int i = 0; i < 3; i++) {
      Transition<ClientInviteTransaction> r = t.next().on(new ResponseReceived(ok));
      assertEquals(List.of(new PassToTu(ok)), r.effects());
      assertEquals(State.ACCEPTED, r.next().state());
    }
    assertEquals(State.TERMINATED, t.next().on(new TimerFired(TimerName.M)).next().state());
  }

  @Test
  void theMachineIsImmutable() {
    ClientInviteTransaction tx = ClientInviteTransaction.start(invite(), false, T).next();
    tx.on(new TimerFired(TimerName.A));
    assertEquals(Duration.ofMillis(500), tx.timerA());
    assertEquals(State.CALLING, tx.state());
    assertNotNull(tx.invite());
  }

  @Test
  void startTimerDurationsArePositive() {
    ClientInviteTransaction tx = ClientInviteTransaction.start(invite(), true, T).next();
    Transition<ClientInviteTransaction> t = tx.on(input("486", tx.invite()));
    assertFalse(
        t.effects().stream().anyMatch(e -> e instanceof StartTimer s && (s.after().isZero() || s.after().isNegative())));
  }
}
