package io.opensbc.sip.transaction.fsm;

import java.time.Duration;
import java.util.Objects;

/**
 * T1, T2 and T4 (RFC 3261 §17.1.1.1, table 4 of appendix A) and the timer values derived from them.
 *
 * @param t1 RTT estimate, default 500 ms
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s
 * @param t4 maximum duration a message will remain in the network, default 5 s
 */
public record TimerConfig(Duration t1, Duration t2, Duration t4) {
  public static final TimerConfig DEFAULTS =
      new TimerConfig(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

  /** Timer D: "at least 32 seconds for unreliable transports" (RFC 3261 §17.1.1.2). */
  public static final Duration TIMER_D_UNRELIABLE = Duration.ofSeconds(32);

  public TimerConfig {
    Objects.requireNonNull(t1, "t1");
    Objects.requireNonNull(t2, "t2");
    Objects.requireNonNull(t4, "t4");
    if (t1.isNegative() || t1.isZero() || t2.isNegative() || t2.isZero() || t4.isNegative()
        || t4.isZero()) {
      throw new IllegalArgumentException("T1, T2 and T4 must be positive");
    }
    if (t2.compareTo(t1) < 0) {
      throw new IllegalArgumentException("T2 must not be smaller than T1");
    }
  }

  /** 64*T1: timers B, F, H, J, L and M. */
  public Duration t1x64() {
    return t1.multipliedBy(64);
  }

  public Duration timerA() {
    return t1;
  }

  public Duration timerB() {
    return t1x64();
  }

  /** The larger of 32 s and 64*T1, so a raised T1 never makes D shorter than B's window. */
  public Duration timerD() {
    Duration b = t1x64();
    return b.compareTo(TIMER_D_UNRELIABLE) > 0 ? b : TIMER_D_UNRELIABLE;
  }

  public Duration timerE() {
    return t1;
  }

  public Duration timerF() {
    return t1x64();
  }

  public Duration timerG() {
    return t1;
  }

  public Duration timerH() {
    return t1x64();
  }

  public Duration timerI() {
    return t4;
  }

  public Duration timerJ() {
    return t1x64();
  }

  public Duration timerK() {
    return t4;
  }

  public Duration timerL() {
    return t1x64();
  }

  public Duration timerM() {
    return t1x64();
  }

  /** Doubles a retransmit interval, capped at T2 (timers E and G). */
  public Duration doubledUpToT2(Duration interval) {
    Duration d = interval.multipliedBy(2);
    return d.compareTo(t2) > 0 ? t2 : d;
  }
}
