package io.opensbc.config.model.admission;

import io.opensbc.config.model.Defaults;
import java.time.Duration;

/**
 * Retry-storm damping, on by default (seed 001): the same caller calling the same callee more than
 * {@code maxAttempts} times within {@code window} gets {@code status} at once, without routing.
 *
 * @param enabled default true
 * @param maxAttempts calls let through per caller/callee pair and window (default 5)
 * @param window default 30 s
 * @param status the terminating response (default 486)
 */
public record RetryDamping(boolean enabled, int maxAttempts, Duration window, int status) {
  public static final RetryDamping DEFAULT = new RetryDamping(Defaults.RETRY_DAMPING_ENABLED,
      Defaults.RETRY_DAMPING_MAX_ATTEMPTS, Defaults.RETRY_DAMPING_WINDOW, Defaults.RETRY_DAMPING_STATUS);
}
