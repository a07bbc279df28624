package io.opensbc.sip.routing.health;

import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where target health is shared so every node routes on the same view: a Hazelcast map in a
 * cluster, memory on a standalone node. Writes are versioned by a per-target sequence number: a
 * write whose number is not higher than the stored one is ignored, so a late or duplicate write
 * never goes back in time (no wall-clock last-writer-wins). Only the node that
 * {@link #ownsProbing owns} a target probes and writes it.
 *
 * <p>Reads ({@link #current}, {@link #latest}, {@link #view}) come from a local view and never
 * block; in a cluster the view follows other nodes' writes within milliseconds.
 */
public interface TrunkHealthStore {

  /** Stores a target's health at a sequence number; ignored when that number is not higher. */
  Future<Void> publish(TargetId target, TargetHealth health, long seq);

  /** The target's latest known health with its sequence number, or null when never published. */
  HealthRecord latest(TargetId target);

  /** The target's latest known health, or null when never published (route on it as PROBING). */
  default TargetHealth current(TargetId target) {
    HealthRecord r = latest(target);
    return r == null ? null : r.health();
  }

  /** Every target's latest known health (a copy), for status pages and metrics. */
  Map<TargetId, HealthRecord> view();

  /**
   * Calls the listener once for every record this node's view takes, per target in sequence
   * order, on a store thread (the publisher's, or a Hazelcast event thread): it must be quick,
   * must not block, and should hop to its own context for real work.
   */
  void onChange(Consumer<HealthRecord> listener);

  /** True when this node is the one to probe the target (always, on a standalone node). */
  boolean ownsProbing(TargetId target);
}
