package io.opensbc.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.admission.AdmissionConfig;
import io.opensbc.sip.admission.TrunkAdmission;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * New calls are refused while requests wait in the UDP sockets longer than the lag limit, even
 * when the shard's timers run on time (docs/flood-control.md, "Overload"); a limit of 0 refuses
 * nothing.
 */
class AdmissionControlTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static AdmissionConfig withMaxLag(Duration d) {
    AdmissionConfig c = AdmissionConfig.DEFAULT;
    return new AdmissionConfig(c.unknownSources(), c.retryDamping(), c.scannerUserAgents(), d, c.finalResponseCache());
  }

  @Test
  void aReceiveBacklogOverTheLimitRefusesNewCalls() {
    AtomicLong delay = new AtomicLong();
    AdmissionControl a = new AdmissionControl(withMaxLag(Duration.ofMillis(100)), new TrunkAdmission(java.util.Map.of(), System.nanoTime()),
        vertx.getOrCreateContext(), delay::get);
    try {
      assertFalse(a.overloaded());
      delay.set(150);
      assertTrue(a.overloaded(), "150 ms in the socket is over the 100 ms limit");
      delay.set(90);
      assertFalse(a.overloaded());
    } finally {
      a.stop();
    }
  }

  @Test
  void aLimitOfZeroRefusesNothing() {
    AdmissionControl a = new AdmissionControl(withMaxLag(Duration.ZERO), new TrunkAdmission(java.util.Map.of(), System.nanoTime()),
        vertx.getOrCreateContext(), () -> 5_000);
    try {
      assertFalse(a.overloaded());
    } finally {
      a.stop();
    }
  }
}
