package io.opensbc.config.model.rules;

/**
 * A block of telephone numbers, compared on digits only (a leading {@code +} and visual separators
 * are ignored). Written {@code +442071234500..+442071234599} (both ends, same length), {@code
 * +4420712345*} (a prefix) or a single number. Parse one with {@link #parse(String)}.
 *
 * @param low the first number's digits (or the prefix)
 * @param high the last number's digits (equal to {@code low} for a prefix or a single number)
 * @param prefix true for a prefix block
 * @param text the range as written
 */
public record NumberRange(String low, String high, boolean prefix, String text) {
  /** How a number range is written, for {@code (allowed: ...)}. */
  public static final String ALLOWED = "+442071234500..+442071234599, +4420712345*, +442071234567";

  /**
   * Parses a range as written: {@code LOW..HIGH} (the same number of digits, LOW &lt;= HIGH), a
   * prefix ending in {@code *}, or a single number. Separators ({@code + - . ( )} and spaces) are
   * ignored.
   */
  public static Parsed<NumberRange> parse(String text) {
    String t = text == null ? "" : text.trim();
    int dots = t.indexOf("..");
    if (dots >= 0) {
      String low = digits(t.substring(0, dots));
      String high = digits(t.substring(dots + 2));
      if (low.isEmpty() || high.isEmpty()) {
        return notARange(text);
      }
      if (low.length() != high.length()) {
        return Parsed.error(
            "'"
                + text
                + "': both ends must have the same number of digits (allowed: "
                + ALLOWED
                + ")");
      }
      if (low.compareTo(high) > 0) {
        return Parsed.error(
            "'" + text + "': the first number is greater than the last (allowed: " + ALLOWED + ")");
      }
      return Parsed.ok(new NumberRange(low, high, false, text));
    }
    boolean prefix = t.endsWith("*");
    String d = digits(prefix ? t.substring(0, t.length() - 1) : t);
    if (d.isEmpty()) {
      return notARange(text);
    }
    return Parsed.ok(new NumberRange(d, d, prefix, text));
  }

  private static Parsed<NumberRange> notARange(String text) {
    return Parsed.error("'" + text + "' is not a number range (allowed: " + ALLOWED + ")");
  }

  /** True when the number's digits fall in this block. */
  public boolean contains(String digits) {
    if (digits == null || digits.isEmpty()) {
      return false;
    }
    if (prefix) {
      return digits.startsWith(low);
    }
    return digits.length() == low.length()
        && digits.compareTo(low) >= 0
        && digits.compareTo(high) <= 0;
  }

  /**
   * {@link #contains(String)} of the digits {@code s[from, to)} (digits only, as a caller checked),
   * without cutting them out.
   */
  public boolean contains(String s, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return false;
    }
    if (prefix) {
      return n >= low.length() && s.startsWith(low, from);
    }
    return n == low.length() && compare(s, from, low) >= 0 && compare(s, from, high) <= 0;
  }

  /** {@code s[from, from + b.length())} against {@code b}, digit by digit (equal lengths). */
  private static int compare(String s, int from, String b) {
    for (int i = 0; i < b.length(); i++) {
      int d = s.charAt(from + i) - b.charAt(i);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }

  /** The digits of a number as written ({@code +44 20-7123 4567} gives {@code 442071234567}). */
  public static String digits(String number) {
    if (number == null) {
      return null;
    }
    int n = number.length();
    int from = n > 0 && number.charAt(0) == '+' ? 1 : 0;
    int end = from;
    while (end < n && number.charAt(end) >= '0' && number.charAt(end) <= '9') {
      end++;
    }
    if (end == n) {
      return from == 0 ? number : number.substring(1); // the common case: digits, maybe after '+'
    }
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      } else if (c != '+' && c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
        return ""; // not a telephone number (e.g. "alice", "anonymous")
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
