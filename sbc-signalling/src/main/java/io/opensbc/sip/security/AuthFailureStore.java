package io.opensbc.sip.security;

import io.opensbc.config.model.security.BruteForce;
import io.vertx.core.Future;

/**
 * Failed authentications and the bans they lead to (docs/security.md, "Brute force"), per key:
 * {@code src:<address>} or {@code user:<username>}. Shared by the cluster (a Hazelcast map with
 * TTLs) or held by one node ({@link InMemoryAuthFailureStore}). {@link #banned} answers from the
 * node's own view (kept current by the cluster) without waiting, so it can run on a listener's
 * thread for every request.
 */
public interface AuthFailureStore {
  boolean banned(String key, long nowMillis);

  /** {@link #banned} for {@code src:<host>}; asked for every request from a non-trunk source. */
  default boolean sourceBanned(String host, long nowMillis) {
    return banned(source(host), nowMillis);
  }

  /**
   * Counts a failure of {@code key} within the policy's window; completes with true when this
   * failure reached the limit and the key is now banned for the policy's ban time (cluster-wide
   * once the future completes).
   */
  Future<Boolean> failed(String key, BruteForce policy, long nowMillis);

  static String source(String host) {
    return "src:" + host;
  }

  static String user(String username) {
    return "user:" + username;
  }
}
