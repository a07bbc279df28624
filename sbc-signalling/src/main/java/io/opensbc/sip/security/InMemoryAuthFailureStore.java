package io.opensbc.sip.security;

import io.opensbc.config.model.security.BruteForce;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failure counts and bans of a node alone (and the unit tests' twin of the Hazelcast store). At
 * most {@value #MAX_KEYS} keys are counted at once; past that the oldest windows are dropped first
 * by a sweep, so a flood of sources cannot grow it without bound.
 */
public final class InMemoryAuthFailureStore implements AuthFailureStore {
  static final int MAX_KEYS = 100_000;

  /** {@code startMillis}: the latest failure; failures less than a window apart add up. */
  private record Window(long startMillis, int count) {}

  private final Map<String, Window> failures = new ConcurrentHashMap<>();
  private final Map<String, Long> bans = new ConcurrentHashMap<>();

  @Override
  public boolean sourceBanned(String host, long nowMillis) {
    // the common case, no ban at all, costs no allocation
    return !bans.isEmpty() && banned(AuthFailureStore.source(host), nowMillis);
  }

  @Override
  public boolean banned(String key, long nowMillis) {
    Long until = bans.get(key);
    if (until == null) {
      return false;
    }
    if (until <= nowMillis) {
      bans.remove(key, until);
      return false;
    }
    return true;
  }

  @Override
  public Future<Boolean> failed(String key, BruteForce policy, long nowMillis) {
    if (failures.size() >= MAX_KEYS) {
      long window = policy.window().toMillis();
      failures.entrySet().removeIf(e -> nowMillis - e.getValue().startMillis() > window);
    }
    Window w = failures.compute(key, (k, old) ->
        old == null || nowMillis - old.startMillis() > policy.window().toMillis()
            ? new Window(nowMillis, 1) : new Window(nowMillis, old.count() + 1));
    if (w.count() >= policy.maxFailures()) {
      failures.remove(key);
      bans.put(key, nowMillis + policy.banTime().toMillis());
      return Future.succeededFuture(true);
    }
    return Future.succeededFuture(false);
  }

  /** Records a ban learnt from elsewhere (the cluster). */
  public void ban(String key, long untilMillis) {
    bans.merge(key, untilMillis, Math::max);
  }
}
