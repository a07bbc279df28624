package io.opensbc.media.sdp;

import java.util.Objects;
import java.util.function.Function;

/**
 * Result of parsing SDP or one of its fields: a value, or the reason why the text is malformed.
 * Never an exception. The SIP layer answers a malformed offer with 488 and this reason; reasons
 * name line numbers and fields but never echo input bytes.
 */
public sealed interface SdpParse<T> permits SdpParse.Ok, SdpParse.Malformed {

  record Ok<T>(T value) implements SdpParse<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  record Malformed<T>(String reason) implements SdpParse<T> {
    public Malformed {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static <T> SdpParse<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> SdpParse<T> malformed(String reason) {
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

  default <R> SdpParse<R> map(Function<? super T, ? extends R> f) {
    return this instanceof Ok<T> ok ? new Ok<>(f.apply(ok.value())) : new Malformed<>(reason());
  }

  default <R> SdpParse<R> flatMap(Function<? super T, SdpParse<R>> f) {
    return this instanceof Ok<T> ok ? f.apply(ok.value()) : new Malformed<>(reason());
  }

  /** The same result with {@code context + ": "} in front of a reason. */
  default SdpParse<T> in(String context) {
    return this instanceof Malformed<T> m ? new Malformed<>(context + ": " + m.reason()) : this;
  }
}
