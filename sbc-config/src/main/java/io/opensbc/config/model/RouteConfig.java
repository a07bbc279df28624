package io.opensbc.config.model;

import java.util.List;

/**
 * A routing rule. Routes are tried in file order; the first whose {@link RouteMatch} matches sends
 * the call to {@code trunks}: the first trunk, then the next when every target of a trunk failed
 * (docs/routing.md).
 *
 * @param trunks at least one trunk name, in order ({@code trunk: X} is {@code trunks: [X]})
 * @param ruleSets rule sets run on the call's first INVITE when this route is taken (after the
 *     source trunk's inbound rules, before the destination trunk's outbound rules): per-route
 *     number manipulation
 */
public record RouteConfig(String name, RouteMatch match, List<String> trunks, List<String> ruleSets) {
  public RouteConfig {
    match = match == null ? RouteMatch.ANY : match;
    trunks = trunks == null ? List.of() : List.copyOf(trunks);
    ruleSets = ruleSets == null ? List.of() : List.copyOf(ruleSets);
  }

  /** A route to one trunk, without rule sets. */
  public RouteConfig(String name, RouteMatch match, String trunk) {
    this(name, match, trunk == null ? List.of() : List.of(trunk), List.of());
  }

  /** The first trunk, or null. */
  public String trunk() {
    return trunks.isEmpty() ? null : trunks.get(0);
  }
}
