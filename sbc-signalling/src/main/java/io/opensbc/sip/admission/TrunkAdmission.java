package io.opensbc.sip.admission;

import io.opensbc.config.model.routing.TrunkLimits;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-trunk admission limits on this node (a trunk's {@code limits: {max-cps, max-calls}}): new
 * calls per second through a {@link TokenBucket} (burst = max(1, max-cps)) and concurrent calls
 * through a counter. A call over either limit gets 503 with Retry-After and is not routed.
 *
 * <p>Thread-safe and lock-free: one instance per node, shared by the shards, since one trunk's
 * calls are spread over all of them. The set of trunks is fixed at construction (it comes from the
 * configuration, so a peer cannot grow it); a trunk not in it has no limits. Every {@link
 * Admission#ADMIT} from {@link #tryStart} must be matched by exactly one {@link #ended} when that
 * call ends, whatever way it ends (answered then released, rejected downstream, cancelled).
 */
public final class TrunkAdmission {
  private final Map<String, Trunk> trunks;

  /**
   * @param limits the limits by trunk name; 0 in a field means no limit there
   * @param nowNanos the current time, when the CPS buckets start full
   */
  public TrunkAdmission(Map<String, TrunkLimits> limits, long nowNanos) {
    Map<String, Trunk> m = new HashMap<>();
    limits.forEach((name, l) -> m.put(name, new Trunk(l, nowNanos)));
    this.trunks = Map.copyOf(m);
  }

  /**
   * Counts a new call on {@code trunk} if both its limits allow one: {@link Admission#ADMIT} (the
   * call is counted until {@link #ended}) or {@link Admission#REJECT_503} (nothing counted).
   */
  public Admission tryStart(String trunk, long nowNanos) {
    Trunk t = trunks.get(trunk);
    if (t == null) {
      return Admission.ADMIT;
    }
    if (!t.reserveCall()) {
      t.rejected.increment();
      return Admission.REJECT_503;
    }
    if (t.cps != null && !t.cps.tryTake(nowNanos)) {
      t.releaseCall();
      t.rejected.increment();
      return Admission.REJECT_503;
    }
    return Admission.ADMIT;
  }

  /** A call admitted on {@code trunk} has ended; an extra call (below zero) is ignored. */
  public void ended(String trunk) {
    Trunk t = trunks.get(trunk);
    if (t != null) {
      t.releaseCall();
    }
  }

  /** Calls in progress on {@code trunk} (0 for a trunk without limits), for metrics. */
  public int calls(String trunk) {
    Trunk t = trunks.get(trunk);
    return t == null ? 0 : t.calls.get();
  }

  /** Calls refused on {@code trunk} since the instance was made, for metrics. */
  public long rejected(String trunk) {
    Trunk t = trunks.get(trunk);
    return t == null ? 0 : t.rejected.sum();
  }

  private static final class Trunk {
    final TokenBucket cps;
    final int maxCalls;
    final AtomicInteger calls = new AtomicInteger();
    final LongAdder rejected = new LongAdder();

    Trunk(TrunkLimits l, long nowNanos) {
      this.cps = l.maxCps() > 0 ? new TokenBucket(l.maxCps(), Math.max(1, l.maxCps()), nowNanos) : null;
      this.maxCalls = Math.max(0, l.maxCalls());
    }

    boolean reserveCall() {
      while (true) {
        int c = calls.get();
        if (maxCalls > 0 && c >= maxCalls) {
          return false;
        }
        if (calls.compareAndSet(c, c + 1)) {
          return true;
        }
      }
    }

    void releaseCall() {
      while (true) {
        int c = calls.get();
        if (c <= 0 || calls.compareAndSet(c, c - 1)) {
          return;
        }
      }
    }
  }
}
