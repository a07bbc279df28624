package io.opensbc.sip.transaction;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** {@link Timers} on Vert.x timers; must be used from the shard's context so tasks run there. */
public final class VertxTimers implements Timers {
  private final Vertx vertx;
  private final Context context;

  /** {@code context} is the shard's context; schedule() must be called from it. */
  public VertxTimers(Context context) {
    this.vertx = context.owner();
    this.context = context;
  }

  @Override
  public void execute(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  @Override
  public long schedule(long delayMillis, Runnable task) {
    return vertx.setTimer(Math.max(1, delayMillis), id -> task.run());
  }

  @Override
  public void cancel(long id) {
    vertx.cancelTimer(id);
  }

  @Override
  public long nowMillis() {
    return System.nanoTime() / 1_000_000;
  }
}
