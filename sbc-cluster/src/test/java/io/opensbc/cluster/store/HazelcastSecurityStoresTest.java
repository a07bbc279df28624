package io.opensbc.cluster.store;

import io.opensbc.cluster.membership.ClusterBootstrap;
import io.opensbc.cluster.membership.ClusterSettings;
import io.opensbc.cluster.membership.ClusteredNode;
import io.opensbc.sip.security.AuthFailureStore;
import io.opensbc.sip.security.LocationStore;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Registrations and brute-force bans shared by two real Hazelcast members on 127.0.0.1 (a unique
 * cluster name per run): what one node writes, the other sees; a ban reached on one node drops the
 * source on the other.
 */
class HazelcastSecurityStoresTest extends SecurityStoresContract {
  private static ClusteredNode one;
  private static ClusteredNode two;
  private static LocationStore[] locations;
  private static AuthFailureStore[] failures;

  @BeforeAll
  static void startPair() throws Exception {
    String name = "sbc-sec-" + UUID.randomUUID();
    ClusterSettings s1 = new ClusterSettings(name, "127.0.0.1", 0, List.of(), 1, Duration.ofSeconds(1),
        Duration.ofSeconds(5));
    one = await(ClusterBootstrap.start(s1, new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
    int port = one.hazelcast().getCluster().getLocalMember().getAddress().getPort();
    ClusterSettings s2 = new ClusterSettings(name, "127.0.0.1", 0, List.of("127.0.0.1:" + port), 1,
        Duration.ofSeconds(1), Duration.ofSeconds(5));
    two = await(ClusterBootstrap.start(s2, new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> one.hazelcast().getCluster().getMembers().size() == 2);
    locations = new LocationStore[] {new HazelcastLocationStore(one.vertx(), one.hazelcast()),
        new HazelcastLocationStore(two.vertx(), two.hazelcast())};
    failures = new AuthFailureStore[] {await(HazelcastAuthFailureStore.start(one.vertx(), one.hazelcast())),
        await(HazelcastAuthFailureStore.start(two.vertx(), two.hazelcast()))};
  }

  @AfterAll
  static void stopPair() throws Exception {
    if (two != null) {
      await(two.close());
    }
    if (one != null) {
      await(one.close());
    }
  }

  @Override
  LocationStore locations(int node) {
    return locations[node];
  }

  @Override
  AuthFailureStore failures(int node) {
    return failures[node];
  }
}
