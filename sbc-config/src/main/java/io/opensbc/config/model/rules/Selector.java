package io.opensbc.config.model.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which messages a rule looks at, written {@code METHOD} (requests) or {@code METHOD response
 * CODE|Nxx|any} (responses to that method); METHOD may be {@code *} for any method. Parse one with
 * {@link #parse(String)}.
 *
 * @param method upper-case method name, or null for any
 * @param response true for responses, false for requests
 * @param lowStatus lowest status (inclusive) for responses, else 0
 * @param highStatus highest status (inclusive) for responses, else 0
 * @param text the selector as written
 */
public record Selector(
    String method, boolean response, int lowStatus, int highStatus, String text) {
  /** How a selector is written, for {@code (allowed: ...)}. */
  public static final String ALLOWED =
      "METHOD, METHOD response CODE, METHOD response Nxx, METHOD response any; METHOD may be *";

  /** A method: an RFC 3261 token ({@code *} alone means any method). */
  private static final Pattern METHOD = Pattern.compile("[A-Za-z0-9.!%_+`'~-]+");

  private static final Pattern CODE = Pattern.compile("[1-6][0-9][0-9]");
  private static final Pattern CLASS = Pattern.compile("[1-6][xX][xX]");

  /**
   * Parses a selector: {@code INVITE}, {@code *}, {@code INVITE response 486}, {@code BYE response
   * 4xx}, {@code * response any}. The method is upper-cased; {@code response}, {@code any} and
   * {@code xx} are case-insensitive; words are separated by spaces.
   */
  public static Parsed<Selector> parse(String text) {
    String[] words = text == null ? new String[0] : text.trim().split("\\s+");
    String method = words.length == 0 ? "" : words[0];
    boolean anyMethod = method.equals("*");
    if (!anyMethod && !METHOD.matcher(method).matches()) {
      return notASelector(text);
    }
    String m = anyMethod ? null : method.toUpperCase(Locale.ROOT);
    if (words.length == 1) {
      return Parsed.ok(new Selector(m, false, 0, 0, text));
    }
    if (words.length != 3 || !words[1].equalsIgnoreCase("response")) {
      return notASelector(text);
    }
    String status = words[2];
    if (status.equalsIgnoreCase("any")) {
      return Parsed.ok(new Selector(m, true, 100, 699, text));
    }
    if (CODE.matcher(status).matches()) {
      int code = Integer.parseInt(status);
      return Parsed.ok(new Selector(m, true, code, code, text));
    }
    if (CLASS.matcher(status).matches()) {
      int low = (status.charAt(0) - '0') * 100;
      return Parsed.ok(new Selector(m, true, low, low + 99, text));
    }
    return notASelector(text);
  }

  private static Parsed<Selector> notASelector(String text) {
    return Parsed.error("'" + text + "' is not a selector (allowed: " + ALLOWED + ")");
  }

  /** True when every status the selector takes is a final non-2xx response (300-699). */
  public boolean failureResponsesOnly() {
    return response && lowStatus >= 300 && highStatus <= 699;
  }

  @Override
  public String toString() {
    return text;
  }
}
