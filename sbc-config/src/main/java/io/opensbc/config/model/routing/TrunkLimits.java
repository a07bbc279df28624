package io.opensbc.config.model.routing;

/**
 * Admission limits of one trunk, on this node: new calls to or from it beyond them get 503 with
 * Retry-After. 0 means no limit.
 *
 * @param maxCps new calls per second
 * @param maxCalls concurrent calls
 */
import io.opensbc.config.model.Defaults;

public record TrunkLimits(int maxCps, int maxCalls) {
  public static final TrunkLimits NONE = new TrunkLimits(Defaults.TRUNK_MAX_CPS, Defaults.TRUNK_MAX_CALLS);
}
