package io.opensbc.sip.b2bua;

import io.vertx.core.Future;
import java.util.Set;

/**
 * Where each call's event log is kept (a Hazelcast map in a node, memory in tests). The log is
 * stored whole under the call's reference and versioned by the sequence number of its last
 * event: a write whose version is not higher than the stored one is ignored, so an out-of-order
 * or replayed write never goes back in time (no wall-clock last-writer-wins).
 */
public interface CallLogStore {

  /** Stores the encoded log of a call at a version (the last event's sequence number). */
  Future<Void> put(String callRef, long version, byte[] log);

  /** The stored log, or null when the call is unknown or ended. */
  Future<byte[]> get(String callRef);

  /** Removes an ended call's log and leaves a tombstone so a late write cannot resurrect it. */
  Future<Void> remove(String callRef, long version);

  /**
   * A call ended with this final log (its last events are {@code CallReleased} and the final
   * {@code MediaStatsRecorded}): by default the log is removed as {@link #remove} does. A store
   * that keeps ended calls (call detail records, the tests) overrides it.
   */
  default Future<Void> ended(String callRef, long version, byte[] finalLog) {
    return remove(callRef, version);
  }

  /** References of every call with a stored log (for adoption after a node fails). */
  Future<Set<String>> callRefs();
}
