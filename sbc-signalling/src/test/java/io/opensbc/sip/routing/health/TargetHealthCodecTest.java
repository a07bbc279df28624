package io.opensbc.sip.routing.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opensbc.sip.routing.dns.SipTransport;
import io.opensbc.sip.routing.health.ProbeResult.Answered;
import io.opensbc.sip.routing.health.ProbeResult.TimedOut;
import io.opensbc.sip.routing.health.ProbeResult.TransportFailed;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TargetHealthCodecTest {
  static final TargetId ID = new TargetId("carrier", "10.0.0.2", 5060, SipTransport.UDP);
  static final Capabilities CAPS = new Capabilities(List.of("INVITE", "OPTIONS"), List.of("timer", "100rel"),
      List.of("application/sdp"));

  static Stream<TargetHealth> healths() {
    return Stream.of(
        TargetHealth.initial(1_700_000_000_000L),
        new TargetHealth(TargetState.UP, 0, 7, new Answered(200, 18, CAPS), 1_700_000_000_123L, CAPS),
        new TargetHealth(TargetState.DOWN, 4, 0, new TimedOut(), 42, CAPS),
        new TargetHealth(TargetState.PROBING, 0, 1, new TransportFailed("connection refused: é"), 43,
            Capabilities.EMPTY));
  }

  @ParameterizedTest
  @MethodSource("healths")
  void roundTrips(TargetHealth h) {
    byte[] bytes = TargetHealthCodec.encode(99, h);
    assertEquals(99, TargetHealthCodec.seq(bytes));
    assertEquals(new HealthRecord(ID, h, 99), TargetHealthCodec.decode(ID, bytes));
  }

  @Test
  void refusesUnknownVersionsAndTruncatedRecords() {
    byte[] bytes = TargetHealthCodec.encode(5, healths().skip(1).findFirst().orElseThrow());
    byte[] future = bytes.clone();
    future[0] = 2;
    assertEquals(5, TargetHealthCodec.seq(future), "the sequence number reads in any version");
    assertThrows(IllegalArgumentException.class, () -> TargetHealthCodec.decode(ID, future));
    assertThrows(IllegalArgumentException.class,
        () -> TargetHealthCodec.decode(ID, Arrays.copyOf(bytes, bytes.length - 3)));
    assertThrows(IllegalArgumentException.class, () -> TargetHealthCodec.decode(ID, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> TargetHealthCodec.seq(new byte[3]));
  }
}
