package io.opensbc.config.model.routing;

import io.opensbc.config.model.Defaults;
import java.time.Duration;
import java.util.List;

/**
 * OPTIONS keep-alive towards each target of a trunk. Off unless configured (many carriers do not
 * want to be probed; Teams requires it).
 *
 * @param enabled probe the trunk's targets
 * @param interval time between probes of one target (default 30 s)
 * @param timeout a probe without a response in this time counts as a failure (default 5 s)
 * @param failuresToDown consecutive failures that take an UP target DOWN (default 3)
 * @param successesToUp consecutive successes that bring a DOWN target back UP (default 2)
 * @param aliveCodes responses that count as success (default 2xx, 3xx, 4xx, 6xx: a 5xx means the
 *     peer is unwell even though it answers)
 */
public record HealthCheck(boolean enabled, Duration interval, Duration timeout, int failuresToDown,
    int successesToUp, List<StatusRange> aliveCodes) {
  public static final List<StatusRange> DEFAULT_ALIVE = List.of(
      new StatusRange(200, 299, "2xx"), new StatusRange(300, 399, "3xx"), new StatusRange(400, 499, "4xx"),
      new StatusRange(600, 699, "6xx"));
  public static final HealthCheck OFF = new HealthCheck(false, Defaults.HEALTH_INTERVAL, Defaults.HEALTH_TIMEOUT,
      Defaults.HEALTH_FAILURES_TO_DOWN, Defaults.HEALTH_SUCCESSES_TO_UP, DEFAULT_ALIVE);

  public HealthCheck {
    aliveCodes = List.copyOf(aliveCodes);
  }
}
