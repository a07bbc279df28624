package io.opensbc.config.loader;

import io.opensbc.config.model.SbcConfig;
import java.util.List;
import java.util.stream.Collectors;

/** The outcome of loading a configuration: a valid config, or every error found. */
public sealed interface ConfigResult {

  record Valid(SbcConfig config) implements ConfigResult {}

  record Invalid(List<ConfigError> errors) implements ConfigResult {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }

  default boolean isValid() {
    return this instanceof Valid;
  }

  /** The errors; empty when valid. */
  default List<ConfigError> errors() {
    return this instanceof Invalid i ? i.errors() : List.of();
  }

  /** The config, or an {@link IllegalStateException} listing every error, one per line. */
  default SbcConfig orElseThrow() {
    if (this instanceof Valid v) {
      return v.config();
    }
    throw new IllegalStateException(
        "invalid configuration:\n"
            + errors().stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
  }
}
