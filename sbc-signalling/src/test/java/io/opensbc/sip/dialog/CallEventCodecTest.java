package io.opensbc.sip.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.config.model.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallEventCodecTest {
  private static final Dialog A = new Dialog("a-call", "ours", "theirs", "<sip:a@x>", "<sip:b@y>",
      "sip:a@10.0.0.1", List.of(), 0, 1, "udp", Transport.UDP, "10.0.0.1", 5060);

  @Test
  void mediaAnchoredRoundTripsAndLeavesTheStateAlone() {
    List<CallEvent> log = List.of(
        new CallEvent.CallOffered(1, 10, "b-call", A, "udp", null),
        new CallEvent.MediaAnchored(2, 11, Side.A, "31000/31001", "10.0.0.1:4000/4001"),
        new CallEvent.MediaAnchored(3, 12, Side.B, "31002/31003", "10.0.0.2:5000/5000"));
    List<CallEvent> back = CallEventCodec.decode(CallEventCodec.encode(log));
    assertEquals(log, back);
    CallState s = CallState.EMPTY;
    for (CallEvent e : back) {
      s = CallState.evolve(s, e);
    }
    assertEquals(CallPhase.OFFERED, s.phase());
    assertEquals(3, s.version());
  }

  @Test
  void clockSkewObservedRoundTripsAndLeavesTheStateAlone() {
    List<CallEvent> log = List.of(
        new CallEvent.CallOffered(1, 10, "b-call", A, "udp", null),
        new CallEvent.ClockSkewObserved(2, 11, "sip:10.0.0.2:5060", 401, -73_000),
        new CallEvent.ClockSkewObserved(3, 12, "sip:[2001:db8::1]:5060", 438, Long.MAX_VALUE));
    List<CallEvent> back = CallEventCodec.decode(CallEventCodec.encode(log));
    assertEquals(log, back);
    CallState s = CallState.EMPTY;
    for (CallEvent e : back) {
      s = CallState.evolve(s, e);
    }
    assertEquals(CallPhase.OFFERED, s.phase());
    assertEquals(3, s.version());
  }

  @Test
  void callAdoptedRoundTripsAndKeepsTheCallAsItWas() {
    Dialog b = new Dialog("sbc00-0123456789abcdef01234567.a", "bt", "uas", "<sip:a@x>", "<sip:b@z>",
        "sip:b@10.0.0.2", List.of(), 1, -1, "udp", Transport.UDP, "10.0.0.2", 5060);
    List<CallEvent> log = List.of(
        new CallEvent.CallOffered(1, 10, "sbc00-0123456789abcdef01234567.a", A, "udp", null),
        new CallEvent.CallAnswered(2, 11, A, b),
        new CallEvent.CallConfirmed(3, 12),
        new CallEvent.SessionTimerAgreed(4, 12, Side.A, 600, false, true),
        new CallEvent.SessionTimerAgreed(5, 12, Side.B, 1800, true, false),
        new CallEvent.CallAdopted(6, 13, "b", "a", 1));
    List<CallEvent> back = CallEventCodec.decode(CallEventCodec.encode(log));
    assertEquals(log, back);
    CallState s = CallState.EMPTY;
    for (CallEvent e : back) {
      s = CallState.evolve(s, e);
    }
    assertEquals(CallPhase.CONFIRMED, s.phase());
    assertEquals(b, s.b());
    assertEquals(6, s.version());
  }
}
