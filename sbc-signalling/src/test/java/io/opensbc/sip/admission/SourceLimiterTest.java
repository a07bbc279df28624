package io.opensbc.sip.admission;

import static io.opensbc.sip.admission.Admission.ADMIT;
import static io.opensbc.sip.admission.Admission.DROP;
import static io.opensbc.sip.admission.Admission.REJECT_503;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opensbc.config.model.admission.SourceRate;
import org.junit.jupiter.api.Test;

class SourceLimiterTest {
  static final long MS = 1_000_000L;

  @Test
  void eachSourceHasItsOwnBucket() {
    SourceLimiter l = new SourceLimiter(new SourceRate(10, 2, true));
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
    SourceLimiter l = new SourceLimiter(new SourceRate(1, 1, false));
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
    SourceLimiter l = new SourceLimiter(new SourceRate(0, 0, true));
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
    SourceLimiter l = new SourceLimiter(new SourceRate(1, 1, true), 2);
    l.admit("a", 0);
    l.admit("b", 0);
    assertEquals(DROP, l.admit("a", 0)); // a is now the most recently seen
    l.admit("c", 0); // evicts b, the least recently seen
    assertEquals(DROP, l.admit("a", 0));
    assertEquals(2, l.size());
  }

  @Test
  void refilledBucketsAreForgottenWhenIdle() {
    SourceLimiter l = new SourceLimiter(new SourceRate(10, 1, true));
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
}
