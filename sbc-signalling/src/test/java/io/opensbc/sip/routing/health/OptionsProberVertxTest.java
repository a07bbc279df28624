package io.opensbc.sip.routing.health;

import static io.opensbc.sip.routing.health.TargetState.DOWN;
import static io.opensbc.sip.routing.health.TargetState.PROBING;
import static io.opensbc.sip.routing.health.TargetState.UP;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.routing.dns.SipTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The prober on real Vert.x timers with 50 ms intervals: UP, DOWN after 2 timeouts, back UP. */
class OptionsProberVertxTest {
  static final TargetId A = new TargetId("carrier", "10.0.0.2", 5060, SipTransport.UDP);
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void upDownAndBackUpOnRealTimers() throws Exception {
    HealthCheck check = new HealthCheck(true, Duration.ofMillis(50), Duration.ofMillis(20), 2, 2,
        HealthCheck.DEFAULT_ALIVE);
    AtomicBoolean answering = new AtomicBoolean(true);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    ProbeSender sender = (target, timeout) -> {
      threads.add(Thread.currentThread());
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      if (!answering.get()) {
        // no answer: the prober's own timeout decides; free the slot when it would have
        vertx.setTimer(timeout.toMillis(), id -> inFlight.decrementAndGet());
        return Promise.<SipResponse>promise().future();
      }
      inFlight.decrementAndGet();
      return Future.succeededFuture(new SipResponse(200, "OK", Headers.EMPTY, null));
    };
    InMemoryTrunkHealthStore store = new InMemoryTrunkHealthStore();
    List<HealthRecord> published = new CopyOnWriteArrayList<>();
    store.onChange(published::add);
    OptionsProber prober = OptionsProber.on(vertx.getOrCreateContext(), store, sender);
    long start = System.nanoTime();

    prober.watch(A, check);
    await().atMost(Duration.ofSeconds(2)).until(() -> state(store) == UP);
    answering.set(false);
    await().atMost(Duration.ofSeconds(2)).until(() -> state(store) == DOWN);
    assertEquals(2, store.current(A).consecutiveFailures(), "DOWN after exactly failuresToDown timeouts");
    answering.set(true);
    await().atMost(Duration.ofSeconds(2)).until(() -> state(store) == UP);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    prober.stop();

    List<TargetState> states = new ArrayList<>();
    for (HealthRecord r : published) {
      if (states.isEmpty() || states.get(states.size() - 1) != r.health().state()) {
        states.add(r.health().state());
      }
    }
    assertEquals(List.of(UP, DOWN, PROBING, UP), states);
    assertEquals(1, maxInFlight.get(), "one probe in flight");
    assertEquals(1, threads.stream().distinct().count(), "every probe from the prober's one context");
    assertTrue(elapsedMs < 1500, "took " + elapsedMs + " ms");
  }

  static TargetState state(TrunkHealthStore store) {
    TargetHealth h = store.current(A);
    return h == null ? null : h.state();
  }
}
