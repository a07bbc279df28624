package io.opensbc.sip.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClockSkewTest {
  private static final long NOW = Instant.parse("2026-12-02T12:00:00Z").toEpochMilli();

  private static SipResponse withDate(String date) {
    Headers.Builder h = Headers.builder().add("Call-ID", "x").add("CSeq", "1 INVITE");
    if (date != null) {
      h.add("Date", date);
    }
    return new SipResponse(401, "Unauthorized", h.build(), null);
  }

  @Test
  void theDateHeaderGivesTheOffsetToAboutASecond() {
    ClockSkew skew = new ClockSkew(() -> NOW, 0);
    // RFC 3261 20.17: rfc1123-date, always GMT; whole seconds, so the middle of the second is taken
    assertEquals(30_500L, skew.offsetOf(withDate("Wed, 02 Dec 2026 12:00:30 GMT")));
    assertEquals(-89_500L, skew.offsetOf(withDate("Wed, 02 Dec 2026 11:58:30 GMT")));
    assertNull(skew.offsetOf(withDate(null)));
    assertNull(skew.offsetOf(withDate("yesterday")), "an unreadable Date is ignored");
  }

  @Test
  void responsesAreSampledAndPeersRemembered() {
    AtomicLong wall = new AtomicLong(NOW);
    ClockSkew skew = new ClockSkew(wall::get, 60_000);
    skew.sample(withDate("Wed, 02 Dec 2026 12:00:10 GMT"), "192.0.2.1", 5060);
    skew.sample(withDate("Wed, 02 Dec 2026 12:10:00 GMT"), "192.0.2.2", 5060);
    assertEquals(10_500L, skew.offset("sip:192.0.2.1:5060"));
    assertNull(skew.offset("sip:192.0.2.2:5060"), "the second response came within the sampling interval");
    skew.record("member:node2", -2_000);
    assertEquals(10_500L, skew.maxAbsOffsetMillis());
    skew.forget("sip:192.0.2.1:5060");
    assertEquals(2_000L, skew.maxAbsOffsetMillis());
  }

  @Test
  void sourcesAreBounded() {
    ClockSkew skew = new ClockSkew(() -> NOW, 0);
    for (int i = 0; i < ClockSkew.MAX_SOURCES + 50; i++) {
      skew.record("sip:10.0.0." + i + ":5060", i);
    }
    assertEquals(ClockSkew.MAX_SOURCES, skew.offsets().size());
  }

  @Test
  void identityAndAuthenticationFailures() {
    for (int s : new int[] {401, 403, 407, 428, 429, 436, 437, 438}) {
      assertTrue(ClockSkew.identityFailure(s), Integer.toString(s));
    }
    for (int s : new int[] {200, 404, 408, 486, 503, 603}) {
      assertFalse(ClockSkew.identityFailure(s), Integer.toString(s));
    }
  }
}
