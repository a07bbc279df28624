package io.opensbc.config.model.routing;

import java.util.List;

/**
 * Where a trunk's calls go and how: its targets (empty = the trunk's own host/port/transport is
 * its only target), the selection, health checks, failover and limits.
 */
public record TrunkDispatch(List<TargetConfig> targets, Selection selection, HealthCheck health, Failover failover,
    TrunkLimits limits) {
  public static final TrunkDispatch DEFAULT =
      new TrunkDispatch(List.of(), Selection.PRIORITY, HealthCheck.OFF, Failover.DEFAULT, TrunkLimits.NONE);

  public TrunkDispatch {
    targets = List.copyOf(targets);
    selection = selection == null ? Selection.PRIORITY : selection;
    health = health == null ? HealthCheck.OFF : health;
    failover = failover == null ? Failover.DEFAULT : failover;
    limits = limits == null ? TrunkLimits.NONE : limits;
  }
}
