package io.opensbc.cluster.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.opensbc.sip.b2bua.CallLogStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Call logs in the Hazelcast map {@value #LOGS} (synchronous backups as configured), one entry per
 * call, written through {@link VersionedWrite} so an older version never overwrites a newer one
 * and an ended call's tombstone (kept {@link #TOMBSTONE_TTL}) blocks late writes. Futures complete
 * on the caller's Vert.x context.
 */
public final class HazelcastCallLogStore implements CallLogStore {
  public static final String LOGS = "sbc.call-logs";
  public static final Duration TOMBSTONE_TTL = Duration.ofHours(1);


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

  /** The stored logs of these calls (ended and unknown ones left out); one batch, off the event loop. */
  public Future<Map<String, byte[]>> getAll(Set<String> callRefs) {
    return vertx.executeBlocking(() -> {
      Map<String, byte[]> out = new java.util.HashMap<>();
      for (Map.Entry<String, byte[]> e : map.getAll(callRefs).entrySet()) {
        if (!StoredLog.isTombstone(e.getValue())) {
          out.put(e.getKey(), StoredLog.log(e.getValue()));
        }
      }
      return out;
    }, false);
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

  private <T> Future<T> complete(CompletionStage<T> stage) {
    return HazelcastFutures.onCallerContext(stage);
  }
}
