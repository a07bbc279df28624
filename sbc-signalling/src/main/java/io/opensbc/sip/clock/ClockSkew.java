package io.opensbc.sip.clock;

import io.opensbc.sip.message.SipResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The offset of other clocks from ours, in milliseconds (positive: theirs is ahead): SIP peers, from
 * the {@code Date} header (RFC 3261 §20.17, whole seconds, so a peer's offset is known to about a
 * second) of their responses, and cluster members, from the timestamps they publish. Responses are
 * sampled (at most one every {@code sampleMillis} per node), so watching costs nothing measurable
 * under load. Bounded: at most {@value #MAX_SOURCES} sources are tracked. Thread-safe.
 */
public final class ClockSkew {
  static final int MAX_SOURCES = 256;
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final LongSupplier wallClock;
  private final long sampleNanos;
  private final Map<String, Long> offsets = new ConcurrentHashMap<>();
  private volatile long nextSample;

  public ClockSkew(LongSupplier wallClock, long sampleMillis) {
    this.wallClock = wallClock;
    this.sampleNanos = sampleMillis * 1_000_000L;
  }

  /** A watch on the system clock sampling one response every 250 ms. */
  public static ClockSkew system() {
    return new ClockSkew(System::currentTimeMillis, 250);
  }

  /**
   * Status codes of identity and authentication failures (401, 403, 407, 428, 429, 436, 437, 438):
   * the ones a wrong clock causes (stale nonces, expired or future-dated Identity {@code iat}, a
   * referrer's signed identity "date skewed", RFC 3892's 429 Provide Referrer Identity).
   */
  public static boolean identityFailure(int status) {
    return switch (status) {
      case 401, 403, 407, 428, 429, 436, 437, 438 -> true;
      default -> false;
    };
  }

  /** Looks at a response's Date header if the sampling interval has passed; cheap otherwise. */
  public void sample(SipResponse r, String peerHost, int peerPort) {
    long now = System.nanoTime();
    if (now - nextSample < 0) {
      return;
    }
    nextSample = now + sampleNanos;
    Long offset = offsetOf(r);
    if (offset != null) {
      record("sip:" + peerHost + ":" + peerPort, offset);
    }
  }

  /** The offset the response's Date header shows against our clock now, or null without one. */
  public Long offsetOf(SipResponse r) {
    String date = r.headers().first("Date");
    if (date == null) {
      return null;
    }
    try {
      long theirs = ZonedDateTime.parse(date.trim(), RFC_1123).toInstant().toEpochMilli();
      // Date has whole seconds: their clock read somewhere in [theirs, theirs + 1000)
      return theirs + 500 - wallClock.getAsLong();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Records the offset of a source ("sip:host:port" for a peer, "member:name" for a cluster member). */
  public void record(String source, long offsetMillis) {
    if (offsets.size() < MAX_SOURCES || offsets.containsKey(source)) {
      offsets.put(source, offsetMillis);
    }
  }

  /** The last offset of that source, or null. */
  public Long offset(String source) {
    return offsets.get(source);
  }

  /** Every source's last offset. */
  public Map<String, Long> offsets() {
    return Map.copyOf(offsets);
  }

  /** The largest absolute offset seen from any source (0 with none). */
  public long maxAbsOffsetMillis() {
    long max = 0;
    for (long v : offsets.values()) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /** Forgets a source (a member that left). */
  public void forget(String source) {
    offsets.remove(source);
  }
}
