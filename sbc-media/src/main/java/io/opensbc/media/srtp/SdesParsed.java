package io.opensbc.media.srtp;

/** What parsing SDES text gave: a value, or why the text is not one. Never an exception. */
public sealed interface SdesParsed<T> permits SdesParsed.Ok, SdesParsed.Malformed {

  record Ok<T>(T value) implements SdesParsed<T> {}

  record Malformed<T>(String reason) implements SdesParsed<T> {}

  static <T> SdesParsed<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> SdesParsed<T> malformed(String reason) {
    return new Malformed<>(reason);
  }

  /** The value, or null when malformed. */
  default T orNull() {
    return this instanceof Ok<T> ok ? ok.value() : null;
  }
}
