package io.opensbc.sip.message;

import java.util.function.Function;

/** Result of parsing a piece of SIP syntax: a value or a reason why it is malformed. Never an exception. */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Malformed {

  record Ok<T>(T value) implements Parsed<T> {}

  record Malformed<T>(String reason) implements Parsed<T> {}

  static <T> Parsed<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Parsed<T> malformed(String reason) {
    return new Malformed<>(reason);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The value, or null when malformed. */
  default T orNull() {
    return this instanceof Ok<T> ok ? ok.value() : null;
  }

  /** The reason, or null when ok. */
  default String reason() {
    return this instanceof Malformed<T> m ? m.reason() : null;
  }

  default <R> Parsed<R> map(Function<T, R> f) {
    return this instanceof Ok<T> ok ? new Ok<>(f.apply(ok.value())) : new Malformed<>(reason());
  }
}
