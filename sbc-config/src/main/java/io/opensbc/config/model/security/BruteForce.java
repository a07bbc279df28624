package io.opensbc.config.model.security;

import java.time.Duration;

/**
 * Brute-force protection (docs/security.md): after {@code maxFailures} failed authentications
 * within {@code window} from one source address, or for one username, that source or username is
 * banned for {@code banTime}, on every node of the cluster. A banned source is dropped silently;
 * a banned username is never accepted (it keeps getting the same challenge).
 */
public record BruteForce(int maxFailures, Duration window, Duration banTime) {
  public static final BruteForce DEFAULT = new BruteForce(5, Duration.ofMinutes(1), Duration.ofMinutes(10));
}
