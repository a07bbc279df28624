package io.opensbc.config.model.rules;

/**
 * The outcome of parsing one piece of rule text ({@link Selector#parse}, {@link FieldRef#parse},
 * {@link NumberRange#parse}): a value, or a message saying what is wrong, in the configuration's
 * style ({@code 'x' is not a selector (allowed: ...)}), without a path: the caller adds where.
 *
 * @param value the parsed value, or null when {@code error} is set
 * @param error what is wrong, or null when {@code value} is set
 */
public record Parsed<T>(T value, String error) {
  public Parsed {
    if ((value == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of value and error");
    }
  }

  public static <T> Parsed<T> ok(T value) {
    return new Parsed<>(value, null);
  }

  public static <T> Parsed<T> error(String message) {
    return new Parsed<>(null, message);
  }

  public boolean isOk() {
    return error == null;
  }

  /** The value, or an {@link IllegalArgumentException} with the message (for text known good). */
  public T orElseThrow() {
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
    return value;
  }
}
