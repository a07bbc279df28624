package io.opensbc.cluster.membership;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;

/** A clustered Vert.x and the Hazelcast member under it. */
public final class ClusteredNode {
  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final AtomicBoolean closed = new AtomicBoolean();

  ClusteredNode(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  public String nodeId() {
    return hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  /** Closes Vert.x (which leaves the cluster), then the Hazelcast member. Idempotent. */
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return vertx.close().eventually(() -> {
      if (hazelcast.getLifecycleService().isRunning()) {
        hazelcast.shutdown();
      }
      return Future.succeededFuture();
    });
  }
}
