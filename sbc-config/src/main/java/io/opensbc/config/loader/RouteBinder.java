package io.opensbc.config.loader;

import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.RouteMatch;
import io.opensbc.config.model.routing.TimeWindow;
import io.opensbc.config.validation.Suggestions;
import io.opensbc.config.validation.Violations;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the keys of a {@code routes[i]} item beyond its name (docs/routing.md): the {@code match}
 * (with number ranges, From and a weekly time window), {@code trunk} or {@code trunks}, and {@code
 * rules}. Whether the names are trunks and rule sets, and duplicate trunks, are checked afterwards
 * in {@code validation.ConfigValidator}.
 */
final class RouteBinder {
  static final String[] MATCH_KEYS = {
    "listener",
    "source-trunk",
    "user-prefix",
    "user-regex",
    "user-range",
    "from-prefix",
    "from-regex",
    "time"
  };
  static final String[] TIME_KEYS = {"days", "from", "to", "zone"};

  /** Day names in {@link DayOfWeek} order. */
  static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  static final String TRUNKS = "a list of trunk names";
  static final String CLOCK = "HH:mm, 00:00-23:59, e.g. \"08:00\"";
  static final String ZONE = "a time zone such as Europe/London, UTC or +01:00";
  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");

  private RouteBinder() {}

  static RouteMatch match(Section route, Violations v) {
    Section m = Section.of(route.node("match"), route.child("match"), v, MATCH_KEYS);
    RouteMatch match =
        new RouteMatch(
            m.string("listener", null),
            m.string("source-trunk", null),
            m.string("user-prefix", null),
            m.regex("user-regex"),
            m.has("user-range")
                ? RuleValues.ranges(m.node("user-range"), m.child("user-range"), true, v)
                : List.of(),
            m.string("from-prefix", null),
            m.regex("from-regex"),
            time(m, v));
    return match.isAny() ? RouteMatch.ANY : match;
  }

  /**
   * Exactly one of {@code trunk} (a name) and {@code trunks} (a non-empty list of names); a wrong
   * item becomes {@code ""}, already reported, so later indexes still match the file.
   */
  static List<String> trunks(Section route, Violations v) {
    if (!route.has("trunks")) {
      String trunk = route.requiredString("trunk", "a trunk name, or 'trunks' with " + TRUNKS);
      return trunk == null ? List.of() : List.of(trunk);
    }
    if (route.has("trunk")) {
      v.add(
          route.child("trunks"),
          "give either 'trunk' or 'trunks', not both (allowed: trunk: NAME, or trunks: [NAME,"
              + " ...])");
    }
    List<String> out = TrunkPolicyBinder.names(route, "trunks", "a trunk name", TRUNKS, v);
    if (out.isEmpty() && !v.reported(route.child("trunks"))) {
      v.add(route.child("trunks"), "expected at least one trunk (allowed: " + TRUNKS + ")");
    }
    return out;
  }

  /** {@code rules}: the rule sets run when the route is taken; none when absent. */
  static List<String> ruleSets(Section route, Violations v) {
    return TrunkPolicyBinder.names(
        route, "rules", "a rule-set name", "a list of rule-set names", v);
  }

  /** {@code time}, or null when absent (or too broken to use; then reported). */
  private static TimeWindow time(Section match, Violations v) {
    if (!match.has("time")) {
      return null;
    }
    Section s = Section.of(match.node("time"), match.child("time"), v, TIME_KEYS);
    Set<DayOfWeek> days = s.has("days") ? days(s, v) : EnumSet.allOf(DayOfWeek.class);
    LocalTime from = clock(s, "from", v);
    LocalTime to = clock(s, "to", v);
    ZoneId zone = zone(s, v);
    if (from != null && from.equals(to)) {
      v.add(
          s.child("to"),
          "from and to are both "
              + to
              + ", so the window is empty (allowed: a different time; to before from"
              + " wraps past midnight)");
      return null;
    }
    if (from == null || to == null || days.isEmpty() || zone == null) {
      return null;
    }
    return new TimeWindow(days, from, to, zone);
  }

  private static Set<DayOfWeek> days(Section s, Violations v) {
    String allowed = String.join(", ", DAYS);
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    List<Node> nodes = s.sequence("days", "a list of days: " + allowed);
    if (nodes.isEmpty() && !v.reported(s.child("days"))) {
      v.add(s.child("days"), "expected at least one day (allowed: " + allowed + ")");
    }
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child("days") + "[" + i + "]";
      String text = RuleValues.scalar(nodes.get(i), path, "a day", allowed, v);
      String day = text == null ? null : Section.choice(text, path, "day", DAYS, v);
      if (day != null && !out.add(DayOfWeek.of(DAYS.indexOf(day) + 1))) {
        v.add(path, "'" + text + "' is listed twice (allowed: each day once)");
      }
    }
    return out;
  }

  /** A required time of day, {@code HH:mm}. */
  private static LocalTime clock(Section s, String key, Violations v) {
    String text = s.requiredString(key, CLOCK);
    if (text == null) {
      return null;
    }
    Matcher m = HH_MM.matcher(text.trim());
    if (!m.matches()) {
      v.add(s.child(key), "'" + text + "' is not a time of day (allowed: " + CLOCK + ")");
      return null;
    }
    return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  private static ZoneId zone(Section s, Violations v) {
    String text = s.string("zone", null);
    if (text == null) {
      return s.has("zone") ? null : Defaults.ROUTE_TIME_ZONE;
    }
    try {
      return ZoneId.of(text.trim());
    } catch (DateTimeException e) {
      String hint = Suggestions.closest(text, ZoneId.getAvailableZoneIds());
      v.add(
          s.child("zone"),
          "unknown time zone '"
              + text
              + "'"
              + (hint == null ? "" : "; did you mean '" + hint + "'?")
              + " (allowed: "
              + ZONE
              + ")");
      return null;
    }
  }
}
