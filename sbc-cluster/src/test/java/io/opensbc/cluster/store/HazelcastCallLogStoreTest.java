package io.opensbc.cluster.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.cluster.membership.ClusterBootstrap;
import io.opensbc.cluster.membership.ClusterSettings;
import io.opensbc.cluster.membership.ClusteredNode;
import io.opensbc.sip.b2bua.CallLogStore;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * Two real Hazelcast members on 127.0.0.1 (a unique cluster name per run): the store contract on
 * member 1, reads across members, a clustered event bus, and a call log that survives member 1.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class HazelcastCallLogStoreTest extends CallLogStoreContract {
  private static ClusteredNode one;
  private static ClusteredNode two;
  private static CallLogStore storeOne;
  private static CallLogStore storeTwo;

  @BeforeAll
  static void startPair() throws Exception {
    String name = "sbc-test-" + UUID.randomUUID();
    ClusterSettings s1 = new ClusterSettings(name, "127.0.0.1", 0, List.of(), 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
    one = await(ClusterBootstrap.start(s1, new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
    int port = one.hazelcast().getCluster().getLocalMember().getAddress().getPort();
    ClusterSettings s2 = new ClusterSettings(name, "127.0.0.1", 0, List.of("127.0.0.1:" + port), 1,
        Duration.ofSeconds(1), Duration.ofSeconds(5));
    two = await(ClusterBootstrap.start(s2, new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> one.hazelcast().getCluster().getMembers().size() == 2);
    storeOne = new HazelcastCallLogStore(one.vertx(), one.hazelcast());
    storeTwo = new HazelcastCallLogStore(two.vertx(), two.hazelcast());
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
  CallLogStore store() {
    return storeOne;
  }

  @Test
  void aLogWrittenOnOneMemberIsReadOnTheOther() throws Exception {
    String ref = "call-" + UUID.randomUUID();
    await(storeOne.put(ref, 1, bytes("offered")));
    assertArrayEquals(bytes("offered"), await(storeTwo.get(ref)));
  }

  @Test
  void theEventBusIsClustered() throws Exception {
    String address = "test." + UUID.randomUUID();
    await(two.vertx().eventBus().<String>consumer(address, m -> m.reply("pong:" + m.body())).completion());
    var reply = await(one.vertx().eventBus().<String>request(address, "ping"));
    assertEquals("pong:ping", reply.body());
  }

  @Test
  void zzLogsSurviveTheLossOfAMember() throws Exception {
    // runs last in this class (method order is by name): it stops member one
    String[] refs = new String[50];
    for (int i = 0; i < refs.length; i++) {
      refs[i] = "call-" + UUID.randomUUID();
      await(storeOne.put(refs[i], 1, bytes("log-" + i)));
    }
    await(one.close());
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> two.hazelcast().getCluster().getMembers().size() == 1);
    for (int i = 0; i < refs.length; i++) {
      assertArrayEquals(bytes("log-" + i), await(storeTwo.get(refs[i])), "backup of " + refs[i]);
    }
  }
}
