package io.opensbc.sip.transaction.fsm;

import java.time.Duration;

/** T1, T2, T4 (RFC 3261 §17.1.1.1, Table 4) and the values derived from them. */
public record TimerConfig(Duration t1, Duration t2, Duration t4) {
  public static final TimerConfig DEFAULTS =
      new TimerConfig(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

  /** 64*T1: timers B, F, H, J, L, M. */
  public Duration t64() {
    return t1.multipliedBy(64);
  }

  /** Timer D on unreliable transports: at least 32 s. */
  public Duration timerD() {
    Duration d = Duration.ofSeconds(32);
    return t64().compareTo(d) > 0 ? t64() : d;
  }

  /** min(2 * interval, cap). */
  static Duration doubled(Duration interval, Duration cap) {
    Duration d = interval.multipliedBy(2);
    return d.compareTo(cap) > 0 ? cap : d;
  }
}
