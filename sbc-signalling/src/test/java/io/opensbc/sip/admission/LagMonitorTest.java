package io.opensbc.sip.admission;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LagMonitorTest {
  static final long MS = 1_000_000L;
  Vertx vertx;
  Context context;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  static void busy(long millis) {
    long end = System.nanoTime() + millis * MS;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  @Test
  void aSustainedlyLateLoopReadsAsOverloadedThenRecovers_aSingleStallDoesNot() {
    LagMonitor m = LagMonitor.start(context, Duration.ofMillis(100));
    await().atMost(Duration.ofMillis(500)).until(() -> m.lagMillis() < 50); // settled
    AtomicLong peak = new AtomicLong();
    context.runOnContext(v -> busy(300));
    await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1)).until(() -> true);
    assertFalse(m.overloaded(), "one 300 ms stall is not overload");
    // every task late by 250 ms, for a second
    long until = System.nanoTime() + 1_000_000_000L;
    for (int i = 0; i < 8; i++) {
      context.runOnContext(v -> busy(250));
    }
    await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(2)).until(() -> {
      peak.accumulateAndGet(m.lagMillis(), Math::max);
      return m.overloaded();
    });
    await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(5)).until(() -> !m.overloaded());
    assertTrue(peak.get() > 100, "peak lag " + peak.get() + " ms");
    assertTrue(until > 0);
    m.stop();
  }

  @Test
  void aStoppedMonitorSamplesNoMore() throws Exception {
    LagMonitor m = LagMonitor.start(context, Duration.ofMillis(50));
    await().atMost(Duration.ofMillis(500)).until(() -> m.lagMillis() < 50);
    m.stop();
    context.runOnContext(v -> busy(150));
    Thread.sleep(250);
    assertFalse(m.overloaded());
    assertTrue(m.lagMillis() < 50, "no sample after the stall: " + m.lagMillis() + " ms");
  }

  @Test
  void theEstimateIsAMovingAverage() {
    LagMonitor m = new LagMonitor(null, 20, 100 * MS);
    m.record(300 * MS);
    assertEquals(60, m.lagMillis());
    assertFalse(m.overloaded(), "one stall");
    m.record(-5 * MS); // a timer that fired early counts as on time
    assertEquals(48, m.lagMillis());
    for (int i = 0; i < 10; i++) {
      m.record(200 * MS);
    }
    assertTrue(m.overloaded(), "sustained 200 ms: " + m.lagMillis());
    for (int i = 0; i < 4; i++) {
      m.record(0);
    }
    assertFalse(m.overloaded(), "recovered: " + m.lagMillis());
  }

  @Test
  void zeroLimitIsNeverOverloaded() {
    LagMonitor m = LagMonitor.start(context, Duration.ZERO);
    m.record(10_000 * MS);
    assertFalse(m.overloaded());
    assertTrue(m.lagMillis() >= 1_000); // a fifth of the sample, at most one tick decayed
    m.stop();
  }
}
