package io.opensbc.cluster.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Hazelcast's completion stages as Vert.x futures completed on the caller's context. The callback
 * names its executor ({@link #DIRECT}): Hazelcast runs callbacks without one on the JDK's default
 * async pool, which on a 2-core machine starts a new thread per callback.
 */
public final class HazelcastFutures {
  /** Runs the callback on the Hazelcast thread that completed the stage; it only hops contexts. */
  static final Executor DIRECT = Runnable::run;

  private HazelcastFutures() {}

  public static <T> Future<T> onCallerContext(CompletionStage<T> stage) {
    Context ctx = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    stage.whenCompleteAsync((v, e) -> {
      if (ctx == null) {
        settle(promise, v, e);
      } else {
        ctx.runOnContext(x -> settle(promise, v, e));
      }
    }, DIRECT);
    return promise.future();
  }

  private static <T> void settle(Promise<T> p, T value, Throwable error) {
    if (error == null) {
      p.tryComplete(value);
    } else {
      p.tryFail(error);
    }
  }
}
