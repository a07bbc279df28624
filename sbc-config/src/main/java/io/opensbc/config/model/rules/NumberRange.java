package io.opensbc.config.model.rules;

/**
 * A block of telephone numbers, compared on digits only (a leading {@code +} and visual
 * separators are ignored). Written {@code +442071234500..+442071234599} (both ends, same length),
 * {@code +4420712345*} (a prefix) or a single number.
 *
 * @param low the first number's digits (or the prefix)
 * @param high the last number's digits (equal to {@code low} for a prefix or a single number)
 * @param prefix true for a prefix block
 * @param text the range as written
 */
public record NumberRange(String low, String high, boolean prefix, String text) {
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

  /** The digits of a number as written ({@code +44 20-7123 4567} gives {@code 442071234567}). */
  public static String digits(String number) {
    if (number == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(number.length());
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
