package io.opensbc.config.validation;

import java.time.Duration;

/** An allowed minimum for a duration. */
public record DurationRule(Duration min, String allowed) {
  public static final String FORMS = "<n>ms, <n>s, <n>m, <n>h or an integer of milliseconds";
  public static final DurationRule POSITIVE =
      new DurationRule(Duration.ofMillis(1), "more than 0: " + FORMS);
  public static final DurationRule NON_NEGATIVE =
      new DurationRule(Duration.ZERO, "0 or more: " + FORMS);

  /** The violation message for {@code value}, or null if allowed. */
  public String check(Duration value, String asWritten) {
    if (value.compareTo(min) >= 0) {
      return null;
    }
    return asWritten + " is too short (allowed: " + allowed + ")";
  }
}
