package io.opensbc.cluster.store;

import io.opensbc.sip.b2bua.CallLogStore;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Call logs in this JVM only, with the same version and tombstone rules as the Hazelcast store:
 * the store of a node started with {@code --standalone}. Tombstones are kept as long as
 * memory allows: the set is cleared when it reaches 100,000 entries, to bound memory.
 */
public final class InMemoryCallLogStore implements CallLogStore {
  private static final int MAX_TOMBSTONES = 100_000;
  private final Map<String, byte[]> logs = new ConcurrentHashMap<>();
  private final Set<String> tombstones = ConcurrentHashMap.newKeySet();

  @Override
  public Future<Void> put(String callRef, long version, byte[] log) {
    write(callRef, version, false, log);
    return Future.succeededFuture();
  }

  @Override
  public Future<byte[]> get(String callRef) {
    byte[] v = logs.get(callRef);
    return Future.succeededFuture(v == null || StoredLog.isTombstone(v) ? null : StoredLog.log(v));
  }

  @Override
  public Future<Void> remove(String callRef, long version) {
    if (write(callRef, version, true, null)) {
      logs.remove(callRef);
      if (tombstones.size() >= MAX_TOMBSTONES) {
        tombstones.clear();
      }
      tombstones.add(callRef);
    }
    return Future.succeededFuture();
  }

  private boolean write(String callRef, long version, boolean tombstone, byte[] log) {
    if (tombstones.contains(callRef)) {
      return false;
    }
    boolean[] written = {false};
    logs.compute(callRef, (k, cur) -> {
      if (cur != null && StoredLog.version(cur) >= version) {
        return cur;
      }
      written[0] = true;
      return StoredLog.wrap(version, tombstone, log);
    });
    return written[0];
  }

  @Override
  public Future<Set<String>> callRefs() {
    return Future.succeededFuture(new HashSet<>(logs.keySet()));
  }
}
