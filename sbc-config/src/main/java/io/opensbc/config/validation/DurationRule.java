package io.opensbc.config.validation;

import java.time.Duration;

/**
 * An allowed range of durations.
 *
 * @param min the shortest allowed
 * @param max the longest allowed, or null for no maximum
 * @param allowed how the range reads in {@code (allowed: ...)}
 */
public record DurationRule(Duration min, Duration max, String allowed) {
  public static final String FORMS = "<n>ms, <n>s, <n>m, <n>h or an integer of milliseconds";
  public static final DurationRule POSITIVE =
      new DurationRule(Duration.ofMillis(1), "more than 0: " + FORMS);
  public static final DurationRule NON_NEGATIVE =
      new DurationRule(Duration.ZERO, "0 or more: " + FORMS);

  /** A trunk's OPTIONS health-check interval. */
  public static final DurationRule HEALTH_INTERVAL =
      new DurationRule(Duration.ofSeconds(1), "1s or more: " + FORMS);

  /** Cluster heartbeats and member removal: whole seconds as Hazelcast counts them. */
  public static final DurationRule CLUSTER_HEARTBEAT =
      new DurationRule(Duration.ofSeconds(1), Duration.ofMinutes(5), "1s-5m: " + FORMS);

  /** The window of retry-storm damping. */
  public static final DurationRule RETRY_WINDOW =
      new DurationRule(Duration.ofSeconds(1), Duration.ofHours(1), "1s-1h: " + FORMS);

  /** The event-loop lag over which new calls are refused. */
  public static final DurationRule EVENT_LOOP_LAG =
      new DurationRule(Duration.ofMillis(10), Duration.ofSeconds(10), "10ms-10s: " + FORMS);

  /** How long a source that floods is blocked before its datagrams are read (0 = never blocked). */
  public static final DurationRule SOURCE_BLOCK =
      new DurationRule(Duration.ZERO, Duration.ofHours(1), "0s-1h, 0 = never: " + FORMS);

  /** How long final INVITE responses are kept for re-sent INVITEs (0 = not kept). */
  public static final DurationRule RESPONSE_CACHE =
      new DurationRule(Duration.ZERO, Duration.ofMinutes(5), "0s-5m, 0 = off: " + FORMS);

  /** How long media may be silent before its call is released. */
  public static final DurationRule MEDIA_TIMEOUT =
      new DurationRule(Duration.ofSeconds(1), Duration.ofHours(1), "1s-1h: " + FORMS);

  /** The same while the call is on hold. */
  public static final DurationRule HOLD_TIMEOUT =
      new DurationRule(Duration.ofSeconds(1), Duration.ofHours(24), "1s-24h: " + FORMS);

  /** How long the latched source must be silent before a stream re-latches to a new one. */
  public static final DurationRule RELATCH_SILENCE =
      new DurationRule(Duration.ZERO, Duration.ofMinutes(1), "0s-1m, 0 = at once: " + FORMS);

  /** A rule with a minimum only. */
  public DurationRule(Duration min, String allowed) {
    this(min, null, allowed);
  }

  /** The violation message for {@code value}, or null if allowed. */
  public String check(Duration value, String asWritten) {
    if (value.compareTo(min) < 0) {
      return asWritten + " is too short (allowed: " + allowed + ")";
    }
    if (max != null && value.compareTo(max) > 0) {
      return asWritten + " is too long (allowed: " + allowed + ")";
    }
    return null;
  }
}
