package io.opensbc.sip.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opensbc.config.model.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transfer events (codec types 22 to 28): round trip, and what LegReplaced does to the state. */
class TransferEventsTest {
  private static final Dialog A = new Dialog("a-call", "ours", "theirs", "<sip:a@x>", "<sip:b@y>",
      "sip:a@10.0.0.1", List.of(), 0, 1, "teams-udp", Transport.UDP, "10.0.0.1", 5060);
  private static final Dialog B = new Dialog("b-call", "ours-b", "theirs-b", "<sip:c@x>", "<sip:d@y>",
      "sip:d@10.0.0.2", List.of(), 1, 0, "carrier-udp", Transport.UDP, "10.0.0.2", 5060);
  private static final Dialog TARGET = new Dialog("t-call", "ours-t", "theirs-t", "<sip:e@x>", "<sip:f@y>",
      "sip:f@10.0.0.3", List.of("<sip:10.0.0.9;lr>"), 1, -1, "carrier-udp", Transport.UDP, "10.0.0.3", 5060);

  private static List<CallEvent> transferLog(Side replaced) {
    return List.of(
        new CallEvent.CallOffered(1, 10, "b-call", A, "teams-udp", "teams"),
        new CallEvent.CallAnswered(2, 11, A, B),
        new CallEvent.TransferRequested(3, 12, replaced, "<sip:+44207@h;x-m=1>", "<sip:alice@c>", "handle-locally"),
        new CallEvent.TransferAccepted(4, 13, replaced, 202, "blind"),
        new CallEvent.TransferNotified(5, 14, replaced, 100, false),
        new CallEvent.TransferLegDialed(6, 15, TARGET, "carrier", "udp:10.0.0.3:5060"),
        new CallEvent.LegReplaced(7, 16, replaced, TARGET, "carrier", "blind transfer"),
        new CallEvent.TransferNotified(8, 17, replaced, 200, true),
        new CallEvent.TransferRolledBack(9, 18, 486, "Busy Here"),
        new CallEvent.RedirectFollowed(10, 19, "carrier", 302, "sip:x@10.0.0.4", 1));
  }

  @Test
  void everyTransferEventRoundTrips() {
    List<CallEvent> log = transferLog(Side.A);
    assertEquals(log, CallEventCodec.decode(CallEventCodec.encode(log)));
  }

  @Test
  void legReplacedOnAMovesTheLegAndItsTrunk() {
    CallState s = fold(transferLog(Side.A));
    assertEquals(TARGET, s.a());
    assertEquals(B, s.b());
    assertEquals("carrier", s.sourceTrunk());
    assertEquals(10, s.version());
    assertEquals(CallPhase.ANSWERED, s.phase());
  }

  @Test
  void legReplacedOnBMovesTheLegAndItsTrunk() {
    CallState s = fold(transferLog(Side.B));
    assertEquals(A, s.a());
    assertEquals(TARGET, s.b());
    assertEquals("teams", s.sourceTrunk());
    assertEquals("carrier", s.trunk());
  }

  @Test
  void aLegReplacedByAPeerThatIsNoTrunkHasNoTrunk() {
    CallState s = fold(List.of(new CallEvent.CallOffered(1, 10, "b-call", A, "teams-udp", "teams"),
        new CallEvent.CallAnswered(2, 11, A, B), new CallEvent.LegReplaced(3, 12, Side.A, TARGET, null, "x")));
    assertNull(s.sourceTrunk());
    assertEquals(List.of(new CallEvent.LegReplaced(3, 12, Side.A, TARGET, null, "x")),
        CallEventCodec.decode(CallEventCodec.encode(List.of(new CallEvent.LegReplaced(3, 12, Side.A, TARGET, null,
            "x")))));
  }

  private static CallState fold(List<CallEvent> log) {
    CallState s = CallState.EMPTY;
    for (CallEvent e : log) {
      s = CallState.evolve(s, e);
    }
    return s;
  }
}
