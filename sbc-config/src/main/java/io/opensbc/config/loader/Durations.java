package io.opensbc.config.loader;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the configuration: {@code 500ms}, {@code 4s}, {@code 5m}, {@code 2h}, or
 * milliseconds.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");

  private Durations() {}

  /** The duration {@code text} denotes, or null if it is not one. */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2);
    if (unit == null || unit.equals("ms")) {
      return Duration.ofMillis(n);
    }
    return switch (unit) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** The shortest exact form: {@code 4h}, {@code 5m}, {@code 30s} or {@code 500ms}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms != 0 && ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
