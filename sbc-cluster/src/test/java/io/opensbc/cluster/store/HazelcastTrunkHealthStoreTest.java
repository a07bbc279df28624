package io.opensbc.cluster.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.cluster.membership.ClusterBootstrap;
import io.opensbc.cluster.membership.ClusterSettings;
import io.opensbc.cluster.membership.ClusteredNode;
import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.routing.health.HealthRecord;
import io.opensbc.sip.routing.health.OptionsProber;
import io.opensbc.sip.routing.health.ProbeSender;
import io.opensbc.sip.routing.health.TargetId;
import io.opensbc.sip.routing.health.TargetState;
import io.opensbc.sip.routing.health.TrunkHealthStore;
import io.opensbc.sip.transaction.VertxTimers;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real Hazelcast members on 127.0.0.1 (a unique cluster name per run): the store contract on
 * member 1, one view on both members, exactly one prober per target, and a survivor that takes
 * over the targets of a member that leaves.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class HazelcastTrunkHealthStoreTest extends TrunkHealthStoreContract {
  private static ClusteredNode one;
  private static ClusteredNode two;
  private static HazelcastTrunkHealthStore storeOne;
  private static HazelcastTrunkHealthStore storeTwo;

  @BeforeAll
  static void startPair() throws Exception {
    String name = "sbc-test-" + UUID.randomUUID();
    ClusterSettings s1 = new ClusterSettings(name, "127.0.0.1", 0, List.of(), 1, Duration.ofSeconds(1),
        Duration.ofSeconds(5));
    one = await(ClusterBootstrap.start(s1, new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
    int port = one.hazelcast().getCluster().getLocalMember().getAddress().getPort();
    ClusterSettings s2 = new ClusterSettings(name, "127.0.0.1", 0, List.of("127.0.0.1:" + port), 1,
        Duration.ofSeconds(1), Duration.ofSeconds(5));
    two = await(ClusterBootstrap.start(s2, new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> one.hazelcast().getCluster().getMembers().size() == 2
        && one.hazelcast().getPartitionService().isClusterSafe());
    storeOne = await(HazelcastTrunkHealthStore.start(one.vertx(), one.hazelcast()));
    storeTwo = await(HazelcastTrunkHealthStore.start(two.vertx(), two.hazelcast()));
  }

  @AfterAll
  static void stopPair() throws Exception {
    if (two != null) {
      await(two.close());
    }
    if (one != null && one.hazelcast().getLifecycleService().isRunning()) {
      await(one.close());
    }
  }

  @Override
  TrunkHealthStore store() {
    return storeOne;
  }

  @Test
  void aChangeOnOneMemberReachesTheOthersViewAndListeners() throws Exception {
    TargetId t = newTarget();
    List<HealthRecord> heard = new CopyOnWriteArrayList<>();
    storeTwo.onChange(r -> {
      if (r.target().equals(t)) {
        heard.add(r);
      }
    });
    await(storeOne.publish(t, health(TargetState.DOWN), 1));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> storeTwo.current(t) != null);
    assertEquals(storeOne.latest(t), storeTwo.latest(t));
    assertEquals(List.of(storeOne.latest(t)), heard);
  }

  @Test
  void aLowerSeqFromTheOtherMemberIsIgnored() throws Exception {
    TargetId t = newTarget();
    await(storeOne.publish(t, health(TargetState.UP), 5));
    await(storeTwo.publish(t, health(TargetState.DOWN), 4));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> storeTwo.latest(t) != null);
    assertEquals(5, storeTwo.latest(t).seq());
    assertEquals(TargetState.UP, storeTwo.current(t).state());
    assertEquals(TargetState.UP, storeOne.current(t).state());
  }

  @Test
  void aStoreStartedLaterHoldsWhatTheMapAlreadyHas() throws Exception {
    TargetId t = newTarget();
    await(storeOne.publish(t, health(TargetState.UP), 3));
    HazelcastTrunkHealthStore late = await(HazelcastTrunkHealthStore.start(two.vertx(), two.hazelcast()));
    try {
      assertNotNull(late.latest(t), "loaded at start");
      assertEquals(3, late.latest(t).seq());
    } finally {
      await(late.close());
    }
  }

  @Test
  void exactlyOneMemberOwnsEachTarget() {
    int ownedByOne = 0;
    for (int i = 0; i < 64; i++) {
      TargetId t = newTarget();
      boolean a = storeOne.ownsProbing(t);
      boolean b = storeTwo.ownsProbing(t);
      assertTrue(a ^ b, "exactly one owner of " + t);
      ownedByOne += a ? 1 : 0;
    }
    assertTrue(ownedByOne > 0 && ownedByOne < 64, "both members own some targets: " + ownedByOne);
  }

  /** Runs last in this class (method order is by name): it stops member one. */
  @Test
  void zzOnlyOwnersProbeAndTheSurvivorTakesOver() throws Exception {
    HealthCheck check = new HealthCheck(true, Duration.ofMillis(50), Duration.ofMillis(40), 2, 2,
        HealthCheck.DEFAULT_ALIVE);
    List<TargetId> targets = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      targets.add(newTarget());
    }
    Map<TargetId, Set<String>> probedBy = new ConcurrentHashMap<>();
    Map<TargetId, Integer> probesByTwo = new ConcurrentHashMap<>();
    OptionsProber proberOne = prober(one, storeOne, "one", probedBy, new ConcurrentHashMap<>());
    OptionsProber proberTwo = prober(two, storeTwo, "two", probedBy, probesByTwo);
    targets.forEach(t -> {
      proberOne.watch(t, check);
      proberTwo.watch(t, check);
    });
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> targets.stream().allMatch(
        t -> storeOne.latest(t) != null && storeOne.latest(t).seq() >= 3 && storeTwo.latest(t) != null));
    for (TargetId t : targets) {
      String owner = storeOne.ownsProbing(t) ? "one" : "two";
      assertEquals(Set.of(owner), probedBy.get(t), "only the owner probes " + t);
      assertEquals(TargetState.UP, storeTwo.current(t).state(), "every member sees the owner's verdict");
    }
    List<TargetId> ofOne = targets.stream().filter(storeOne::ownsProbing).toList();
    assertTrue(!ofOne.isEmpty(), "member one owns some of " + targets.size() + " targets");
    Map<TargetId, Long> seqBefore = new ConcurrentHashMap<>();
    ofOne.forEach(t -> seqBefore.put(t, storeTwo.latest(t).seq()));

    proberOne.stop();
    await(one.close());
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> targets.stream().allMatch(storeTwo::ownsProbing));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ofOne.stream().allMatch(
        t -> probesByTwo.getOrDefault(t, 0) >= 2 && storeTwo.latest(t).seq() > seqBefore.get(t) + 1));
    for (TargetId t : ofOne) {
      assertEquals(TargetState.UP, storeTwo.current(t).state());
    }
    proberTwo.stop();
  }

  private static OptionsProber prober(ClusteredNode node, HazelcastTrunkHealthStore store, String name,
      Map<TargetId, Set<String>> probedBy, Map<TargetId, Integer> probes) {
    SipResponse ok = new SipResponse(200, "OK", Headers.EMPTY, null);
    ProbeSender sender = (t, timeout) -> {
      probedBy.computeIfAbsent(t, k -> ConcurrentHashMap.newKeySet()).add(name);
      probes.merge(t, 1, Integer::sum);
      return Future.succeededFuture(ok);
    };
    // refresh on every probe, so a taker-over's sequence numbers show
    return new OptionsProber(new VertxTimers(node.vertx().getOrCreateContext()), store, sender, 1,
        System::currentTimeMillis, new SplittableRandom());
  }
}
