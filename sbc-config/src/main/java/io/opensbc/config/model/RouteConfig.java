package io.opensbc.config.model;

/**
 * A routing rule. Routes are tried in file order; the first whose {@link RouteMatch} matches sends
 * the call to {@code trunk}.
 */
public record RouteConfig(String name, RouteMatch match, String trunk) {
  public RouteConfig {
    match = match == null ? RouteMatch.ANY : match;
  }
}
