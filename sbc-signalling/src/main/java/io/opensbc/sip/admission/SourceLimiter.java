package io.opensbc.sip.admission;

import io.opensbc.config.model.admission.SourceRate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-source rate limit for new out-of-dialog requests from addresses that are not trunks
 * ({@code admission.unknown-sources}): one {@link TokenBucket} per source IP address. The caller
 * asks only for requests that would start something (a new server transaction outside a dialog)
 * and only for sources that are not configured trunks; retransmissions and in-dialog requests never
 * come here.
 *
 * <p>At most {@code maxSources} addresses are tracked (the sender chooses them): the least recently
 * seen goes first, and a bucket that has refilled is forgotten as soon as it is the least recently
 * seen one, since a new bucket would behave the same. A source pushed out while not full gets a full
 * bucket when it comes back, so a sender spread over more addresses than the cap is not held to the
 * rate; the open-transaction cap and the lag monitor are the backstop for that.
 *
 * <p>Not thread-safe: one instance per listener (before requests are spread over shards, so the
 * rate is per node and listener) or per shard.
 */
public final class SourceLimiter {
  /** The default number of sources tracked. */
  public static final int DEFAULT_MAX_SOURCES = 65_536;

  private final double perSecond;
  private final int burst;
  private final Admission overLimit;
  private final Map<String, TokenBucket> buckets;
  private long limited;

  /** A limiter tracking {@link #DEFAULT_MAX_SOURCES} sources. */
  public SourceLimiter(SourceRate rate) {
    this(rate, DEFAULT_MAX_SOURCES);
  }

  /**
   * @param rate the configured rate; {@code perSecond <= 0} admits everything, a burst below 1
   *     counts as 1
   * @param maxSources the most addresses tracked at once, at least 1
   */
  public SourceLimiter(SourceRate rate, int maxSources) {
    if (maxSources < 1) {
      throw new IllegalArgumentException("maxSources must be at least 1, not " + maxSources);
    }
    this.perSecond = rate.perSecond();
    this.burst = Math.max(1, rate.burst());
    this.overLimit = rate.drop() ? Admission.DROP : Admission.REJECT_503;
    this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
        return size() > maxSources;
      }
    };
  }

  /**
   * The verdict for one new request from {@code source} at {@code nowNanos}: {@link Admission#ADMIT}
   * while the source is within its rate, then {@link Admission#DROP} or {@link
   * Admission#REJECT_503} as configured ({@code over-limit}).
   */
  public Admission admit(String source, long nowNanos) {
    if (!(perSecond > 0)) {
      return Admission.ADMIT;
    }
    forgetEldestIfFull(nowNanos);
    TokenBucket b = buckets.get(source);
    if (b == null) {
      b = new TokenBucket(perSecond, burst, nowNanos);
      buckets.put(source, b);
    }
    if (b.tryTake(nowNanos)) {
      return Admission.ADMIT;
    }
    limited++;
    return overLimit;
  }

  /** Addresses tracked now. */
  public int size() {
    return buckets.size();
  }

  /** Requests refused (dropped or answered 503) since the limiter was made. */
  public long limited() {
    return limited;
  }

  private void forgetEldestIfFull(long nowNanos) {
    Iterator<TokenBucket> it = buckets.values().iterator();
    if (it.hasNext() && it.next().isFull(nowNanos)) {
      it.remove();
    }
  }
}
