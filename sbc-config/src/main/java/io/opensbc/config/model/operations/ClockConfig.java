package io.opensbc.config.model.operations;

import io.opensbc.config.model.Defaults;
import java.time.Duration;

/**
 * The clock-skew watch.
 *
 * @param skewWarning {@code /health} warns when a peer's or member's clock is further off than this
 */
public record ClockConfig(Duration skewWarning) {
  public static final ClockConfig DEFAULT = new ClockConfig(Defaults.CLOCK_SKEW_WARNING);
}
