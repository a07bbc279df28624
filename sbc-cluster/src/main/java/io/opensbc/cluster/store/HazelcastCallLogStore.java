package io.opensbc.cluster.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.opensbc.sip.b2bua.CallLogStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Call logs in the Hazelcast map {@value #LOGS} (synchronous backups as configured), one entry per
 * call, written through {@link VersionedWrite} so an older version never overwrites a newer one
 * and an ended call's tombstone (kept {@link #TOMBSTONE_TTL}) blocks late writes. Futures complete
 * on the caller's Vert.x context.
 */
public final class HazelcastCallLogStore implements CallLogStore {
  public static final String LOGS = "sbc.call-logs";
  public static final Duration TOMBSTONE_TTL = Duration.ofHours(1);

  /** Runs a callback on the thread that completed the Hazelcast operation. */
  private static final Executor DIRECT = Runnable::run;

  private final Vertx vertx;
  private final IMap<String, byte[]> map;

  public HazelcastCallLogStore(Vertx vertx, HazelcastInstance hz) {
    this.vertx = vertx;
    this.map = hz.getMap(LOGS);
  }

  @Override
  public Future<Void> put(String callRef, long version, byte[] log) {
    return complete(map.submitToKey(callRef, new VersionedWrite(version, false, 0, log))).mapEmpty();
  }

  @Override
  public Future<byte[]> get(String callRef) {
    return complete(map.getAsync(callRef)).map(v -> v == null || StoredLog.isTombstone(v) ? null : StoredLog.log(v));
  }

  @Override
  public Future<Void> remove(String callRef, long version) {
    return complete(map.submitToKey(callRef,
        new VersionedWrite(version, true, TOMBSTONE_TTL.toSeconds(), null))).mapEmpty();
  }

  @Override
  public Future<Set<String>> callRefs() {
    return vertx.executeBlocking(() -> {
      Set<String> out = new HashSet<>();
      for (Map.Entry<String, byte[]> e : map.entrySet()) {
        if (!StoredLog.isTombstone(e.getValue())) {
          out.add(e.getKey());
        }
      }
      return out;
    });
  }

  /**
   * Completes on the caller's context. The callback must name its executor: Hazelcast runs
   * callbacks without one on the JDK's default async pool, which on a 2-core machine starts a new
   * thread per callback.
   */
  private <T> Future<T> complete(CompletionStage<T> stage) {
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
