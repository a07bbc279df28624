package io.opensbc.cluster.store;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.opensbc.config.model.security.BruteForce;
import io.opensbc.sip.security.AuthFailureStore;
import io.opensbc.sip.security.InMemoryAuthFailureStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Brute-force counting shared by the cluster: failure counts in {@value #FAILURES} (each entry
 * lives one window), bans in {@value #BANS} (each lives the ban time). Every node follows the ban
 * map with an entry listener into its own {@link InMemoryAuthFailureStore} view, so
 * {@link #banned} is a local look-up; a node's own ban enters its view before its future completes.
 */
public final class HazelcastAuthFailureStore implements AuthFailureStore {
  public static final String FAILURES = "sbc.auth-failures";
  public static final String BANS = "sbc.auth-bans";

  private final Vertx vertx;
  private final IMap<String, Integer> failures;
  private final IMap<String, Long> bans;
  private final InMemoryAuthFailureStore view = new InMemoryAuthFailureStore();
  private volatile UUID listener;

  private HazelcastAuthFailureStore(Vertx vertx, HazelcastInstance hz) {
    this.vertx = vertx;
    this.failures = hz.getMap(FAILURES);
    this.bans = hz.getMap(BANS);
  }

  /** A store whose view holds every ban in force when the future completes. */
  public static Future<HazelcastAuthFailureStore> start(Vertx vertx, HazelcastInstance hz) {
    HazelcastAuthFailureStore s = new HazelcastAuthFailureStore(vertx, hz);
    return vertx.executeBlocking(() -> {
      s.listener = s.bans.addEntryListener(s.new Listener(), true);
      for (Map.Entry<String, Long> e : s.bans.entrySet()) {
        s.view.ban(e.getKey(), e.getValue());
      }
      return s;
    });
  }

  public Future<Void> close() {
    UUID id = listener;
    listener = null;
    return id == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      bans.removeEntryListener(id);
      return null;
    });
  }

  @Override
  public boolean sourceBanned(String host, long nowMillis) {
    return view.sourceBanned(host, nowMillis);
  }

  @Override
  public boolean banned(String key, long nowMillis) {
    return view.banned(key, nowMillis);
  }

  @Override
  public Future<Boolean> failed(String key, BruteForce policy, long nowMillis) {
    return vertx.executeBlocking(() -> {
      failures.lock(key);
      try {
        Integer old = failures.get(key);
        int count = old == null ? 1 : old + 1;
        if (count >= policy.maxFailures()) {
          failures.delete(key);
          long until = nowMillis + policy.banTime().toMillis();
          view.ban(key, until);
          bans.set(key, until, policy.banTime().toMillis(), TimeUnit.MILLISECONDS);
          return true;
        }
        // each failure keeps the count for another window: failures less than a window apart add up
        failures.set(key, count, policy.window().toMillis(), TimeUnit.MILLISECONDS);
        return false;
      } finally {
        failures.unlock(key);
      }
    }, false);
  }

  private final class Listener implements EntryAddedListener<String, Long>, EntryUpdatedListener<String, Long> {
    @Override
    public void entryAdded(EntryEvent<String, Long> e) {
      view.ban(e.getKey(), e.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, Long> e) {
      view.ban(e.getKey(), e.getValue());
    }
  }
}
