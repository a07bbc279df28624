package io.opensbc.config.model;

import io.opensbc.config.model.routing.TimeWindow;
import io.opensbc.config.model.rules.NumberRange;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a route matches; every field is nullable (lists: empty) and null means "any". All non-null
 * fields must match.
 *
 * @param listener name of the listener the call arrived on
 * @param sourceTrunk name of the trunk the call came from
 * @param userPrefix the Request-URI user part starts with this text
 * @param userRegex the Request-URI user part contains a match ({@link
 *     java.util.regex.Matcher#find()}); anchor with ^ and $ to match the whole user part
 * @param userRanges the Request-URI user, read as a number, is in one of these ranges
 * @param fromPrefix the From user part starts with this text
 * @param fromRegex the From user part contains a match
 * @param time the call arrives within this weekly window
 */
public record RouteMatch(
    String listener, String sourceTrunk, String userPrefix, Pattern userRegex, List<NumberRange> userRanges,
    String fromPrefix, Pattern fromRegex, TimeWindow time) {
  public static final RouteMatch ANY = new RouteMatch(null, null, null, null);

  public RouteMatch {
    userRanges = userRanges == null ? List.of() : List.copyOf(userRanges);
  }

  /** A match on listener, source trunk and called user only. */
  public RouteMatch(String listener, String sourceTrunk, String userPrefix, Pattern userRegex) {
    this(listener, sourceTrunk, userPrefix, userRegex, List.of(), null, null, null);
  }

  public boolean isAny() {
    return listener == null && sourceTrunk == null && userPrefix == null && userRegex == null
        && userRanges.isEmpty() && fromPrefix == null && fromRegex == null && time == null;
  }

  /** Patterns are compared by their source text and flags, so two loads of a file are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RouteMatch m
        && Objects.equals(listener, m.listener)
        && Objects.equals(sourceTrunk, m.sourceTrunk)
        && Objects.equals(userPrefix, m.userPrefix)
        && Objects.equals(regexKey(userRegex), regexKey(m.userRegex))
        && userRanges.equals(m.userRanges)
        && Objects.equals(fromPrefix, m.fromPrefix)
        && Objects.equals(regexKey(fromRegex), regexKey(m.fromRegex))
        && Objects.equals(time, m.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(listener, sourceTrunk, userPrefix, regexKey(userRegex), userRanges, fromPrefix,
        regexKey(fromRegex), time);
  }

  private static String regexKey(Pattern p) {
    return p == null ? null : p.flags() + "/" + p.pattern();
  }
}
