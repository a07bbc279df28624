package io.opensbc.config.loader;

import io.opensbc.config.model.SbcConfig;
import java.util.List;

/** A loaded configuration, or every error found in it. */
public sealed interface ConfigResult permits ConfigResult.Valid, ConfigResult.Invalid {
  record Valid(SbcConfig config) implements ConfigResult {}

  record Invalid(List<ConfigError> errors) implements ConfigResult {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}
