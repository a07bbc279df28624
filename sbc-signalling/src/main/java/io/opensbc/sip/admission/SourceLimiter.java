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
 * <p>A source that floods, refused more than {@link #floodThreshold()} times within one second
 * (ten times its rate, at least its burst), is <em>blocked</em> for {@code block}: the listener
 * asks {@link #blocked} before it parses a datagram and drops everything from a blocked address
 * unread, so a flood costs a map lookup per packet instead of a parse and the listener keeps up
 * with the calls in progress (docs/flood-control.md). Trunks never come here, so they are never
 * blocked.
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
  private final long blockNanos;
  private final int floodThreshold;
  private final Map<String, Tracked> buckets;
  private long limited;
  private long blocks;

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
    this.blockNanos = rate.block().toNanos();
    this.floodThreshold = (int) Math.min(1_000_000, Math.max(burst, Math.ceil(10 * perSecond)));
    this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
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
    Tracked t = buckets.get(source);
    if (t == null) {
      t = new Tracked(new TokenBucket(perSecond, burst, nowNanos), nowNanos);
      buckets.put(source, t);
    }
    if (t.bucket.tryTake(nowNanos)) {
      return Admission.ADMIT;
    }
    limited++;
    if (nowNanos - t.windowStart >= 1_000_000_000L) {
      t.windowStart = nowNanos;
      t.refused = 0;
    }
    if (++t.refused >= floodThreshold && blockNanos > 0 && !t.blocked) {
      t.blocked = true;
      t.blockedUntil = nowNanos + blockNanos;
      blocks++;
    }
    return overLimit;
  }

  /**
   * Whether every datagram from {@code source} is to be dropped unread at {@code nowNanos}: it
   * flooded and its block has not run out. Cheap: one map lookup, no allocation.
   */
  public boolean blocked(String source, long nowNanos) {
    if (blockNanos <= 0 || buckets.isEmpty()) {
      return false;
    }
    Tracked t = buckets.get(source);
    if (t == null || !t.blocked) {
      return false;
    }
    if (nowNanos - t.blockedUntil >= 0) {
      t.blocked = false;
      t.refused = 0;
      t.windowStart = nowNanos;
      return false;
    }
    return true;
  }

  /** Refusals within one second that block a source: ten times the rate, at least the burst. */
  public int floodThreshold() {
    return floodThreshold;
  }

  /** How many times a source was blocked since the limiter was made. */
  public long blocks() {
    return blocks;
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
    Iterator<Tracked> it = buckets.values().iterator();
    if (it.hasNext()) {
      Tracked eldest = it.next();
      if (!eldest.blocked && eldest.bucket.isFull(nowNanos)) {
        it.remove();
      }
    }
  }

  /** One source: its bucket and its flood watch (refusals in the current one-second window). */
  private static final class Tracked {
    final TokenBucket bucket;
    long windowStart;
    int refused;
    boolean blocked;
    long blockedUntil;

    Tracked(TokenBucket bucket, long nowNanos) {
      this.bucket = bucket;
      this.windowStart = nowNanos;
    }
  }
}
