package io.opensbc.config.validation;

import java.util.regex.Pattern;

/** Names of listeners, trunks and routes appear in logs, metrics and URLs, so keep them plain. */
public final class NameRule {
  public static final String ALLOWED =
      "letters, digits, '-', '_' and '.', starting with a letter or digit";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private NameRule() {}

  /** The violation message for {@code name}, or null if allowed. */
  public static String check(String name) {
    if (NAME.matcher(name).matches()) {
      return null;
    }
    return "'" + name + "' is not a valid name (allowed: " + ALLOWED + ", at most 64)";
  }
}
