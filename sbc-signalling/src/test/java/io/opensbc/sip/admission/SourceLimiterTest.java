package io.opensbc.sip.admission;

import static io.opensbc.sip.admission.Admission.ADMIT;
import static io.opensbc.sip.admission.Admission.DROP;
import static io.opensbc.sip.admission.Admission.REJECT_503;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.admission.SourceRate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceLimiterTest {
  static final long MS = 1_000_000L;
  static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  @Test
  void eachSourceHasItsOwnBucket() {
    SourceLimiter l = new SourceLimiter(new SourceRate(10, 2, true, TEN_SECONDS));
    assertEquals(ADMIT, l.admit("192.0.2.1", 0));
    assertEquals(ADMIT, l.admit("192.0.2.1", 0));
    assertEquals(DROP, l.admit("192.0.2.1", 0));
    assertEquals(ADMIT, l.admit("192.0.2.2", 0));
    assertEquals(DROP, l.admit("192.0.2.1", 99 * MS));
    assertEquals(ADMIT, l.admit("192.0.2.1", 100 * MS));
    assertEquals(2, l.limited());
  }

  @Test
  void overLimitRejectsWith503WhenNotDropping() {
    SourceLimiter l = new SourceLimiter(new SourceRate(1, 1, false, TEN_SECONDS));
    assertEquals(ADMIT, l.admit("2001:db8::1", 0));
    assertEquals(REJECT_503, l.admit("2001:db8::1", 0));
    assertEquals(ADMIT, l.admit("2001:db8::1", 1_000 * MS));
  }

  @Test
  void defaultsAdmitTheBurstThenTwentyASecond() {
    SourceLimiter l = new SourceLimiter(SourceRate.DEFAULT);
    int admitted = 0;
    for (int i = 0; i < 100; i++) {
      admitted += l.admit("198.51.100.7", 0) == ADMIT ? 1 : 0;
    }
    assertEquals(40, admitted);
    for (long t = 1; t <= 1_000; t++) { // one request a millisecond for a second
      admitted += l.admit("198.51.100.7", t * MS) == ADMIT ? 1 : 0;
    }
    assertEquals(60, admitted);
  }

  @Test
  void zeroRateAdmitsEverythingAndTracksNothing() {
    SourceLimiter l = new SourceLimiter(new SourceRate(0, 0, true, TEN_SECONDS));
    for (int i = 0; i < 1_000; i++) {
      assertEquals(ADMIT, l.admit("192.0.2.1", 0));
    }
    assertEquals(0, l.size());
  }

  @Test
  void aMillionSourcesStayAtTheCap() {
    SourceLimiter l = new SourceLimiter(SourceRate.DEFAULT, 65_536);
    for (int i = 0; i < 1_000_000; i++) {
      l.admit("10." + (i >>> 16) + "." + ((i >>> 8) & 255) + "." + (i & 255), 0);
    }
    assertEquals(65_536, l.size());
  }

  @Test
  void aLimitedSourceIsNotEvictedByOneNewcomer() {
    SourceLimiter l = new SourceLimiter(new SourceRate(1, 1, true, TEN_SECONDS), 2);
    l.admit("a", 0);
    l.admit("b", 0);
    assertEquals(DROP, l.admit("a", 0)); // a is now the most recently seen
    l.admit("c", 0); // evicts b, the least recently seen
    assertEquals(DROP, l.admit("a", 0));
    assertEquals(2, l.size());
  }

  @Test
  void refilledBucketsAreForgottenWhenIdle() {
    SourceLimiter l = new SourceLimiter(new SourceRate(10, 1, true, TEN_SECONDS));
    l.admit("a", 0);
    l.admit("b", 0);
    assertEquals(2, l.size());
    l.admit("b", 50 * MS); // a not refilled yet: kept
    assertEquals(2, l.size());
    l.admit("c", 100 * MS); // a refilled and least recently seen: forgotten
    assertEquals(2, l.size());
    assertEquals(ADMIT, l.admit("a", 100 * MS));
  }

  @Test
  void refusesAnEmptyCap() {
    assertThrows(IllegalArgumentException.class, () -> new SourceLimiter(SourceRate.DEFAULT, 0));
  }

  @Test
  void aSourceRefusedTenTimesItsRateWithinASecondIsBlockedUntilTheBlockRunsOut() {
    SourceLimiter l = new SourceLimiter(SourceRate.DEFAULT); // 20/s, burst 40, block 10 s
    assertEquals(200, l.floodThreshold());
    for (int i = 0; i < 40 + 199; i++) {
      l.admit("203.0.113.9", i * MS / 10);
    }
    assertFalse(l.blocked("203.0.113.9", 24 * MS), "199 refusals: not yet a flood");
    l.admit("203.0.113.9", 24 * MS);
    assertTrue(l.blocked("203.0.113.9", 25 * MS), "the 200th refusal within a second blocks");
    assertFalse(l.blocked("203.0.113.10", 25 * MS), "other sources are not blocked");
    assertEquals(1, l.blocks());
    assertTrue(l.blocked("203.0.113.9", 10_023 * MS));
    assertFalse(l.blocked("203.0.113.9", 10_024 * MS), "the block runs out after 10 s");
    assertEquals(ADMIT, l.admit("203.0.113.9", 10_024 * MS), "and its bucket refilled meanwhile");
  }

  @Test
  void refusalsSpreadOverSecondsDoNotBlock() {
    SourceLimiter l = new SourceLimiter(new SourceRate(10, 5, true, TEN_SECONDS)); // threshold 100
    for (long t = 0; t < 10_000; t += 10) { // 100 a second against a rate of 10: 90 refused a second
      l.admit("192.0.2.7", t * MS);
    }
    assertFalse(l.blocked("192.0.2.7", 10_000 * MS));
    assertEquals(0, l.blocks());
  }

  @Test
  void aZeroBlockNeverBlocks() {
    SourceLimiter l = new SourceLimiter(new SourceRate(1, 1, true, Duration.ZERO));
    for (int i = 0; i < 1_000; i++) {
      l.admit("192.0.2.8", 0);
    }
    assertFalse(l.blocked("192.0.2.8", 1));
  }

  @Test
  void aBlockedSourceIsNotForgottenWhileBlocked() {
    SourceLimiter l = new SourceLimiter(new SourceRate(1, 1, true, TEN_SECONDS), 2); // threshold 10
    for (int i = 0; i < 11; i++) {
      l.admit("a", 0);
    }
    assertTrue(l.blocked("a", 0));
    l.admit("b", 5_000 * MS); // a refilled long ago and is the eldest, but blocked: kept
    assertTrue(l.blocked("a", 5_000 * MS));
  }
}
