package io.opensbc.sip.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Whether a trunk target may be tried now: not DOWN by its health checks and not busy after a
 * {@code 503} with {@code Retry-After}. Shared by every shard of a node; busy marks are bounded
 * (one per configured target).
 */
public final class TargetAvailability {
  private final Map<String, Long> busyUntil = new ConcurrentHashMap<>();
  private final LongSupplier clockMillis;
  private volatile Predicate<String> down = key -> false;
  private volatile java.util.function.BiPredicate<String, String> refuses = (trunk, method) -> false;

  public TargetAvailability(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  /** Plugs in the health view: true for a target key that is DOWN. */
  public void healthView(Predicate<String> isDown) {
    this.down = isDown;
  }

  /** Plugs in learned capabilities: true when a target of the trunk answered OPTIONS without the method. */
  public void capabilities(java.util.function.BiPredicate<String, String> trunkRefuses) {
    this.refuses = trunkRefuses;
  }

  /** False when a target of the trunk is known not to allow the method (from its OPTIONS answers). */
  public boolean accepts(String trunk, String method) {
    return !refuses.test(trunk, method);
  }

  public boolean usable(String target) {
    if (down.test(target)) {
      return false;
    }
    Long until = busyUntil.get(target);
    if (until == null) {
      return true;
    }
    if (clockMillis.getAsLong() >= until) {
      busyUntil.remove(target, until);
      return true;
    }
    return false;
  }

  /** A 503 with Retry-After: the target takes no new calls for that long. */
  public void busyFor(String target, long millis) {
    busyUntil.merge(target, clockMillis.getAsLong() + millis, Math::max);
  }

  public boolean busy(String target) {
    Long until = busyUntil.get(target);
    return until != null && clockMillis.getAsLong() < until;
  }
}
