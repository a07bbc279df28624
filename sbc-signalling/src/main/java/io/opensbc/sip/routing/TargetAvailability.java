package io.opensbc.sip.routing;

import java.util.ArrayList;
import java.util.List;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Whether a trunk target may be tried now: not DOWN by its health checks and not busy after a
 * {@code 503} with {@code Retry-After}; and whether one resolved address (a {@link Hop}) recently
 * did not answer at all, so that new calls try it last. Shared by every shard of a node; busy marks
 * are bounded (one per configured target), unreachable marks by {@link #MAX_UNREACHABLE}.
 */
public final class TargetAvailability {
  /** How long a hop that timed out or failed at the transport is tried last by new calls. */
  public static final long UNREACHABLE_MILLIS = 30_000;
  /** The most unreachable marks kept; beyond it, new marks are not kept. */
  public static final int MAX_UNREACHABLE = 4096;

  private final Map<String, Long> busyUntil = new ConcurrentHashMap<>();
  private final Map<String, Long> unreachableUntil = new ConcurrentHashMap<>();
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

  /**
   * A hop that did not answer an INVITE at all (Timer B) or could not be reached: for {@link
   * #UNREACHABLE_MILLIS} new calls try it after the other hops of its trunk. This is what moves new
   * calls on when one of several addresses behind a DNS SRV name is gone (docs/routing.md), where
   * health checks, kept per configured target, cannot tell the addresses apart.
   */
  public void unreachable(Hop hop) {
    long now = clockMillis.getAsLong();
    if (unreachableUntil.size() >= MAX_UNREACHABLE) {
      unreachableUntil.values().removeIf(until -> until <= now);
      if (unreachableUntil.size() >= MAX_UNREACHABLE) {
        return;
      }
    }
    unreachableUntil.put(hop.address(), now + UNREACHABLE_MILLIS);
  }

  /** Whether the hop is marked unreachable now. */
  public boolean unreachable(String hopAddress) {
    Long until = unreachableUntil.get(hopAddress);
    if (until == null) {
      return false;
    }
    if (clockMillis.getAsLong() >= until) {
      unreachableUntil.remove(hopAddress, until);
      return false;
    }
    return true;
  }

  /** The hops in the same order, those marked unreachable moved to the end (kept as a last resort). */
  public List<Hop> reachableFirst(List<Hop> hops) {
    if (unreachableUntil.isEmpty()) {
      return hops;
    }
    List<Hop> first = new ArrayList<>(hops.size());
    List<Hop> last = new ArrayList<>(2);
    for (Hop h : hops) {
      (unreachable(h.address()) ? last : first).add(h);
    }
    if (last.isEmpty()) {
      return hops;
    }
    first.addAll(last);
    return List.copyOf(first);
  }

  public boolean busy(String target) {
    Long until = busyUntil.get(target);
    return until != null && clockMillis.getAsLong() < until;
  }
}
