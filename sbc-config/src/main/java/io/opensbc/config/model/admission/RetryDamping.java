package io.opensbc.config.model.admission;

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
  public static final RetryDamping DEFAULT = new RetryDamping(true, 5, Duration.ofSeconds(30), 486);
}
