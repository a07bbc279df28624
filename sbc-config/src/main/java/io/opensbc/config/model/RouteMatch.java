package io.opensbc.config.model;

import java.util.regex.Pattern;

/** Conditions of a route; null fields match anything. All given conditions must hold. */
public record RouteMatch(String listener, String sourceTrunk, String userPrefix, Pattern userRegex) {
  public static final RouteMatch ANY = new RouteMatch(null, null, null, null);
}
