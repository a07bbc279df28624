package io.opensbc.sip.admission;

import static io.opensbc.sip.admission.Admission.ADMIT;
import static io.opensbc.sip.admission.Admission.REJECT_503;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.config.model.routing.TrunkLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrunkAdmissionTest {
  static final long MS = 1_000_000L;

  @Test
  void maxCallsCountsCallsInProgress() {
    TrunkAdmission a = new TrunkAdmission(Map.of("carrier", new TrunkLimits(0, 2)), 0);
    assertEquals(ADMIT, a.tryStart("carrier", 0));
    assertEquals(ADMIT, a.tryStart("carrier", 0));
    assertEquals(REJECT_503, a.tryStart("carrier", 0));
    assertEquals(2, a.calls("carrier"));
    a.ended("carrier");
    assertEquals(ADMIT, a.tryStart("carrier", 0));
    assertEquals(1, a.rejected("carrier"));
  }

  @Test
  void maxCpsWithABurstOfOneSecond() {
    TrunkAdmission a = new TrunkAdmission(Map.of("pbx", new TrunkLimits(5, 0)), 0);
    for (int i = 0; i < 5; i++) {
      assertEquals(ADMIT, a.tryStart("pbx", 0));
    }
    assertEquals(REJECT_503, a.tryStart("pbx", 0));
    assertEquals(REJECT_503, a.tryStart("pbx", 200 * MS - 1));
    assertEquals(ADMIT, a.tryStart("pbx", 200 * MS));
    assertEquals(6, a.calls("pbx")); // no maxCalls: still counted, for metrics
  }

  @Test
  void aCallRefusedByCpsIsNotCounted() {
    TrunkAdmission a = new TrunkAdmission(Map.of("t", new TrunkLimits(1, 10)), 0);
    assertEquals(ADMIT, a.tryStart("t", 0));
    assertEquals(REJECT_503, a.tryStart("t", 0));
    assertEquals(1, a.calls("t"));
  }

  @Test
  void aCallRefusedByMaxCallsTakesNoCpsToken() {
    TrunkAdmission a = new TrunkAdmission(Map.of("t", new TrunkLimits(1, 1)), 0);
    assertEquals(ADMIT, a.tryStart("t", 0));
    assertEquals(REJECT_503, a.tryStart("t", 1_000 * MS)); // full; the token stays
    a.ended("t");
    assertEquals(ADMIT, a.tryStart("t", 1_000 * MS));
  }

  @Test
  void unknownTrunksAndNoLimitsAdmit() {
    TrunkAdmission a = new TrunkAdmission(Map.of("free", TrunkLimits.NONE), 0);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(ADMIT, a.tryStart("free", 0));
      assertEquals(ADMIT, a.tryStart("elsewhere", 0));
    }
    assertEquals(0, a.calls("elsewhere"));
  }

  @Test
  void extraEndsDoNotGoBelowZero() {
    TrunkAdmission a = new TrunkAdmission(Map.of("t", new TrunkLimits(0, 1)), 0);
    a.ended("t");
    a.ended("t");
    assertEquals(0, a.calls("t"));
    assertEquals(ADMIT, a.tryStart("t", 0));
    assertEquals(REJECT_503, a.tryStart("t", 0));
  }

  @Test
  void shardsRacingNeverExceedMaxCalls() throws InterruptedException {
    TrunkAdmission a = new TrunkAdmission(Map.of("t", new TrunkLimits(0, 300)), 0);
    assertEquals(300, race(a));
    assertEquals(300, a.calls("t"));
    assertEquals(4 * 2_000 - 300, a.rejected("t"));
  }

  @Test
  void shardsRacingNeverExceedMaxCps() throws InterruptedException {
    TrunkAdmission a = new TrunkAdmission(Map.of("t", new TrunkLimits(1_000, 0)), 0);
    assertEquals(1_000, race(a)); // the burst, all at t = 0
  }

  /** Four threads each start 2 000 calls on trunk t at t = 0; the number admitted. */
  private static int race(TrunkAdmission a) throws InterruptedException {
    AtomicInteger admitted = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> shards = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      Thread th = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 2_000; i++) {
          if (a.tryStart("t", 0) == ADMIT) {
            admitted.incrementAndGet();
          }
        }
      });
      th.start();
      shards.add(th);
    }
    go.countDown();
    for (Thread th : shards) {
      th.join();
    }
    return admitted.get();
  }
}
