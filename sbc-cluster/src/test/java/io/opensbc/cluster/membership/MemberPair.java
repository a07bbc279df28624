package io.opensbc.cluster.membership;

import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Two real Hazelcast members on 127.0.0.1 in a cluster of their own (a unique name per pair), for
 * the tests of what members share: the second joins the first, and {@link #start} returns once
 * both see each other.
 */
public record MemberPair(ClusteredNode one, ClusteredNode two) {

  public static MemberPair start(String namePrefix) throws Exception {
    String name = namePrefix + "-" + UUID.randomUUID();
    ClusteredNode one = await(ClusterBootstrap.start(settings(name, List.of()),
        new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
    int port = one.hazelcast().getCluster().getLocalMember().getAddress().getPort();
    ClusteredNode two = await(ClusterBootstrap.start(settings(name, List.of("127.0.0.1:" + port)),
        new VertxOptions().setEventLoopPoolSize(1), (VertxMetricsFactory) null));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> one.hazelcast().getCluster().getMembers().size() == 2);
    return new MemberPair(one, two);
  }

  private static ClusterSettings settings(String name, List<String> members) {
    return new ClusterSettings(name, "127.0.0.1", 0, members, 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  /** Stops the second member, then the first; a null pair (start failed) is nothing to stop. */
  public static void stop(MemberPair pair) throws Exception {
    if (pair != null) {
      await(pair.two.close());
      await(pair.one.close());
    }
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
