package io.opensbc.config.model.routing;

import io.opensbc.config.model.rules.Parsed;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIP status codes from {@code low} to {@code high} inclusive, written {@code 408}, {@code 5xx} or
 * {@code 500-599}. Parse one with {@link #parse(String)}.
 *
 * @param text the range as written
 */
public record StatusRange(int low, int high, String text) {
  /** How a status range is written, for {@code (allowed: ...)}, with any status 100-699. */
  public static final String ALLOWED = allowed(100, 699);

  private static final Pattern FORM =
      Pattern.compile("([1-6])[xX][xX]|([0-9]{3})|([0-9]{3})\\s*-\\s*([0-9]{3})");

  /** Parses {@code 408}, {@code 5xx} ({@code 1xx}..{@code 6xx}) or {@code 500-599} (100-699). */
  public static Parsed<StatusRange> parse(String text) {
    return parse(text, 100, 699);
  }

  /**
   * Parses a range as {@link #parse(String)} does, and requires every status of it to lie within
   * {@code min..max} (e.g. 300-699 for failure responses).
   */
  public static Parsed<StatusRange> parse(String text, int min, int max) {
    String t = text == null ? "" : text.trim();
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      return Parsed.error("'" + text + "' is not a status range (allowed: " + allowed(min, max) + ")");
    }
    int low;
    int high;
    if (m.group(1) != null) {
      low = (m.group(1).charAt(0) - '0') * 100;
      high = low + 99;
    } else if (m.group(2) != null) {
      low = Integer.parseInt(m.group(2));
      high = low;
    } else {
      low = Integer.parseInt(m.group(3));
      high = Integer.parseInt(m.group(4));
      if (low > high) {
        return Parsed.error(
            "'" + text + "': the first status is greater than the last (allowed: " + allowed(min, max) + ")");
      }
    }
    if (low < min || high > max) {
      return Parsed.error("'" + text + "' is out of range (allowed: " + allowed(min, max) + ")");
    }
    return Parsed.ok(new StatusRange(low, high, t));
  }

  /** How a status range within {@code min..max} is written, for {@code (allowed: ...)}. */
  public static String allowed(int min, int max) {
    return "a status " + min + "-" + max + ", Nxx or LOW-HIGH, e.g. 408, 5xx, 500-599";
  }

  public boolean contains(int status) {
    return status >= low && status <= high;
  }

  public static boolean any(java.util.List<StatusRange> ranges, int status) {
    for (StatusRange r : ranges) {
      if (r.contains(status)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
