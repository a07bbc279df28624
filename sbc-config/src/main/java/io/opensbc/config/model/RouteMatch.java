package io.opensbc.config.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a route matches; every field is nullable and null means "any". All non-null fields must
 * match.
 *
 * @param listener name of the listener the call arrived on
 * @param sourceTrunk name of the trunk the call came from
 * @param userPrefix the Request-URI user part starts with this text
 * @param userRegex the Request-URI user part contains a match ({@link
 *     java.util.regex.Matcher#find()}); anchor with ^ and $ to match the whole user part
 */
public record RouteMatch(
    String listener, String sourceTrunk, String userPrefix, Pattern userRegex) {
  public static final RouteMatch ANY = new RouteMatch(null, null, null, null);

  public boolean isAny() {
    return listener == null && sourceTrunk == null && userPrefix == null && userRegex == null;
  }

  /** Patterns are compared by their source text and flags, so two loads of a file are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RouteMatch m
        && Objects.equals(listener, m.listener)
        && Objects.equals(sourceTrunk, m.sourceTrunk)
        && Objects.equals(userPrefix, m.userPrefix)
        && Objects.equals(regexKey(userRegex), regexKey(m.userRegex));
  }

  @Override
  public int hashCode() {
    return Objects.hash(listener, sourceTrunk, userPrefix, regexKey(userRegex));
  }

  private static String regexKey(Pattern p) {
    return p == null ? null : p.flags() + "/" + p.pattern();
  }
}
