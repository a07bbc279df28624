package io.opensbc.config.model.routing;

import io.opensbc.config.model.Defaults;
import java.util.List;

/**
 * Serial hunting across a trunk's targets: a transport error, a timeout, or a final response with
 * one of {@code codes} moves the call to the next target, but never after a provisional response
 * other than 100. A 503 with Retry-After always moves on and marks the target busy for that time.
 *
 * @param codes responses that move on (default 408 and 5xx)
 * @param maxTargets most targets one call tries (0 = every target of the trunk)
 */
public record Failover(List<StatusRange> codes, int maxTargets) {
  public static final Failover DEFAULT = new Failover(
      List.of(new StatusRange(408, 408, "408"), new StatusRange(500, 599, "5xx")),
      Defaults.FAILOVER_MAX_TARGETS);

  public Failover {
    codes = List.copyOf(codes);
  }
}
