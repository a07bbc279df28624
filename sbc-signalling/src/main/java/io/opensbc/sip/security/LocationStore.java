package io.opensbc.sip.security;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The location service (RFC 3261 §10.2): bindings per address-of-record, shared by every node
 * (a Hazelcast map in a cluster, {@link InMemoryLocationStore} alone). Futures complete on the
 * caller's context.
 */
public interface LocationStore {
  /** The live bindings of {@code aor} (expired ones are left out). */
  Future<List<Binding>> lookup(String aor);

  /**
   * Replaces the bindings of {@code aor} with {@code change(current)} atomically (no other node's
   * update in between) and completes with the new list; an empty list removes the AOR.
   */
  Future<List<Binding>> update(String aor, UnaryOperator<List<Binding>> change);

  /**
   * The nonce secret of the cluster: the stored one, or {@code proposal} when there is none yet (the
   * first node to ask sets it).
   */
  Future<byte[]> sharedSecret(byte[] proposal);
}
