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
  void aBlockedLoopReadsAsOverloadedThenRecovers() {
    LagMonitor m = LagMonitor.start(context, Duration.ofMillis(100));
    await().atMost(Duration.ofMillis(500)).until(() -> m.lagMillis() < 50); // settled
    AtomicLong peak = new AtomicLong();
    context.runOnContext(v -> busy(300));
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(2)).until(() -> {
      peak.accumulateAndGet(m.lagMillis(), Math::max);
      return m.overloaded();
    });
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(2)).until(() -> !m.overloaded());
    assertTrue(peak.get() > 100, "peak lag " + peak.get() + " ms");
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
  void theEstimateIsADecayingMaximum() {
    LagMonitor m = new LagMonitor(null, 20, 100 * MS);
    m.record(300 * MS);
    assertEquals(300, m.lagMillis());
    assertTrue(m.overloaded());
    m.record(0);
    assertEquals(240, m.lagMillis());
    m.record(-5 * MS); // a timer that fired early
    assertEquals(192, m.lagMillis());
    m.record(200 * MS);
    assertEquals(200, m.lagMillis());
    m.record(0);
    m.record(0);
    assertEquals(128, m.lagMillis());
    assertTrue(m.overloaded());
    m.record(0);
    assertEquals(102, m.lagMillis());
    m.record(0);
    assertFalse(m.overloaded()); // 81.92 ms
  }

  @Test
  void zeroLimitIsNeverOverloaded() {
    LagMonitor m = LagMonitor.start(context, Duration.ZERO);
    m.record(10_000 * MS);
    assertFalse(m.overloaded());
    assertTrue(m.lagMillis() >= 8_000); // at most one tick may have decayed it
    m.stop();
  }
}
