package io.opensbc.cluster.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.routing.dns.SipTransport;
import io.opensbc.sip.routing.health.Capabilities;
import io.opensbc.sip.routing.health.HealthRecord;
import io.opensbc.sip.routing.health.ProbeResult;
import io.opensbc.sip.routing.health.TargetHealth;
import io.opensbc.sip.routing.health.TargetId;
import io.opensbc.sip.routing.health.TargetState;
import io.opensbc.sip.routing.health.TrunkHealthStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rules every trunk health store keeps: sequence numbers only move forward, listeners hear each once. */
abstract class TrunkHealthStoreContract {
  abstract TrunkHealthStore store();

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static TargetId newTarget() {
    return new TargetId("trunk-" + UUID.randomUUID(), "10.0.0.2", 5060, SipTransport.UDP);
  }

  static TargetHealth health(TargetState state) {
    return new TargetHealth(state, state == TargetState.DOWN ? 3 : 0, state == TargetState.UP ? 1 : 0,
        state == TargetState.DOWN ? new ProbeResult.TimedOut() : new ProbeResult.Answered(200, 9, null),
        1_700_000_000_000L, Capabilities.EMPTY);
  }

  @Test
  void newerSequenceNumbersReplaceOlderOnesNeverTheOtherWayRound() throws Exception {
    TargetId t = newTarget();
    await(store().publish(t, health(TargetState.UP), 2));
    await(store().publish(t, health(TargetState.DOWN), 1));
    assertEquals(TargetState.UP, store().current(t).state(), "a lower seq is ignored");
    await(store().publish(t, health(TargetState.DOWN), 2));
    assertEquals(TargetState.UP, store().current(t).state(), "an equal seq is ignored");
    await(store().publish(t, health(TargetState.DOWN), 5));
    assertEquals(TargetState.DOWN, store().current(t).state());
    assertEquals(5, store().latest(t).seq());
    assertTrue(store().view().containsKey(t));
  }

  @Test
  void listenersHearEachTakenRecordOnceInOrder() throws Exception {
    TargetId t = newTarget();
    List<Long> heard = new CopyOnWriteArrayList<>();
    store().onChange(r -> {
      if (r.target().equals(t)) {
        heard.add(r.seq());
      }
    });
    for (long seq : new long[] {1, 3, 2, 3, 4}) {
      await(store().publish(t, health(seq % 2 == 0 ? TargetState.UP : TargetState.DOWN), seq));
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(4L));
    assertEquals(List.of(1L, 3L, 4L), heard);
  }

  @Test
  void aRecordReadsBackWhole() throws Exception {
    TargetId t = newTarget();
    Capabilities caps = new Capabilities(List.of("INVITE", "OPTIONS"), List.of("timer"), List.of("application/sdp"));
    TargetHealth h = new TargetHealth(TargetState.PROBING, 0, 1, new ProbeResult.Answered(200, 33, caps), 77, caps);
    await(store().publish(t, h, 1));
    assertEquals(new HealthRecord(t, h, 1), store().latest(t));
  }

  @Test
  void unknownTargetsReadAsNull() {
    TargetId t = newTarget();
    assertNull(store().current(t));
    assertNull(store().latest(t));
  }
}
