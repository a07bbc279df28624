package io.opensbc.cluster.membership;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.clock.ClockSkew;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Two real Hazelcast members on loopback, one with a clock 30 s ahead: each sees the other's offset. */
class ClockWatchTest {

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static ClusterSettings settings(String name, List<String> members) {
    return new ClusterSettings(name, "127.0.0.1", 0, members, 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  @Test
  void eachMemberSeesTheOthersClockOffset() throws Exception {
    String name = "sbc-clock-" + UUID.randomUUID();
    ClusteredNode one = await(ClusterBootstrap.start(settings(name, List.of()),
        new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
    ClusteredNode two = null;
    ClockWatch w1 = null;
    ClockWatch w2 = null;
    try {
      int port = one.hazelcast().getCluster().getLocalMember().getAddress().getPort();
      two = await(ClusterBootstrap.start(settings(name, List.of("127.0.0.1:" + port)),
          new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
      ClusteredNode second = two;
      Awaitility.await().atMost(Duration.ofSeconds(20))
          .until(() -> second.hazelcast().getCluster().getMembers().size() == 2);
      ClockSkew skew1 = new ClockSkew(System::currentTimeMillis, 0);
      ClockSkew skew2 = new ClockSkew(System::currentTimeMillis, 0);
      w1 = new ClockWatch(one.vertx(), one.hazelcast(), "node1", skew1);
      w2 = new ClockWatch(two.vertx(), two.hazelcast(), "node2", skew2, () -> System.currentTimeMillis() + 30_000);
      w1.start();
      w2.start();
      Awaitility.await().atMost(Duration.ofSeconds(20))
          .until(() -> skew1.offset("member:node2") != null && skew2.offset("member:node1") != null);
      long seenByOne = skew1.offset("member:node2");
      long seenByTwo = skew2.offset("member:node1");
      assertTrue(Math.abs(seenByOne - 30_000) < 2_000, "node2 is 30 s ahead of node1: " + seenByOne);
      assertTrue(Math.abs(seenByTwo + 30_000) < 2_000, "node1 is 30 s behind node2: " + seenByTwo);
      assertNull(skew1.offset("member:node1"), "a member does not compare itself");
    } finally {
      if (w1 != null) {
        w1.stop();
      }
      if (w2 != null) {
        w2.stop();
      }
      if (two != null) {
        await(two.close());
      }
      await(one.close());
    }
  }
}
