package io.opensbc.sip.admission;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up; it starts full.
 *
 * <p>Kept as one number, the theoretical arrival time of the next token (the GCRA form of the
 * bucket, ITU-T I.371): a take moves it one emission interval ({@code 1 s / perSecond}) later and
 * is refused when that would put it more than {@code burst} intervals ahead of now. Integer
 * nanoseconds, so refills are exact and there is no drift; times are compared by difference, so a
 * {@link System#nanoTime()} that wraps is fine. A take is one compare-and-set: the same bucket can
 * be shared by several event loops (a trunk's calls spread over shards) without a lock.
 */
public final class TokenBucket {
  private static final VarHandle NEXT;

  static {
    try {
      NEXT = MethodHandles.lookup().findVarHandle(TokenBucket.class, "next", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long interval;
  private final long capacity;
  /** When the bucket will be full again; at or before now means full. */
  @SuppressWarnings("unused") // accessed through NEXT
  private volatile long next;

  /**
   * A full bucket.
   *
   * @param perSecond tokens added per second, more than 0 (fractions allowed: 0.5 = one every 2 s)
   * @param burst the most tokens saved up, at least 1
   * @param nowNanos the current time
   * @throws IllegalArgumentException when the rate or burst is out of range
   */
  public TokenBucket(double perSecond, int burst, long nowNanos) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("token bucket needs a rate > 0 and a burst >= 1, not "
          + perSecond + "/s and " + burst);
    }
    double nanos = Math.rint(1e9 / perSecond);
    if (nanos * burst > Long.MAX_VALUE / 4.0) {
      throw new IllegalArgumentException("token bucket rate " + perSecond + "/s is too small");
    }
    this.interval = Math.max(1, (long) nanos);
    this.capacity = interval * burst;
    this.next = nowNanos;
  }

  /** Takes a token if there is one at {@code nowNanos}; true when taken. */
  public boolean tryTake(long nowNanos) {
    while (true) {
      long n = (long) NEXT.getVolatile(this);
      long from = n - nowNanos > 0 ? n : nowNanos;
      long after = from + interval;
      if (after - nowNanos > capacity) {
        return false;
      }
      if (NEXT.compareAndSet(this, n, after)) {
        return true;
      }
    }
  }

  /** True when the bucket is full at {@code nowNanos}: it is then the same as a new one. */
  boolean isFull(long nowNanos) {
    return (long) NEXT.getVolatile(this) - nowNanos <= 0;
  }
}
