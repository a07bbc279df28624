package io.opensbc.cluster.membership;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  /**
   * Closes Vert.x (which leaves the cluster), then the Hazelcast member. Idempotent. Runs on its
   * own thread: a future created on an event loop that is being closed would never be completed.
   */
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Hazelcast is shut down below all the same
      } finally {
        if (hazelcast.getLifecycleService().isRunning()) {
          hazelcast.shutdown();
        }
        done.complete(null);
      }
    }, "sbc-cluster-close");
    t.setDaemon(true);
    t.start();
    return Future.fromCompletionStage(done);
  }
}
