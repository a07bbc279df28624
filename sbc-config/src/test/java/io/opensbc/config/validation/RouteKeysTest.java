package io.opensbc.config.validation;

import static io.opensbc.config.validation.RuleValidationTest.RANGES;
import static io.opensbc.config.validation.RuleValidationTest.row;
import static io.opensbc.config.validation.ValidationRulesTest.LISTENERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.config.loader.ConfigError;
import io.opensbc.config.loader.ConfigLoader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per mistake in the route keys ({@code trunks}, {@code rules} and the new {@code match}
 * keys): a file with exactly one mistake, and the single error it must produce. The older route
 * keys are in {@link ValidationRulesTest}.
 */
class RouteKeysTest {
  /** Lines 1-8: two listeners, trunks carrier-a and carrier-b, rule set uk-dialplan. */
  static final String BASE =
      LISTENERS
          + "trunks:\n"
          + "  - {name: carrier-a, host: 10.0.0.1}\n"
          + "  - {name: carrier-b, host: 10.0.0.2}\n"
          + "rule-sets:\n"
          + "  - {name: uk-dialplan, rules: []}\n";

  static final String CLOCK = "HH:mm, 00:00-23:59, e.g. \"08:00\"";
  static final String DAYS = "mon, tue, wed, thu, fri, sat, sun";

  /** The route {@code {name: r, KEYS}} on line 10. */
  static String route(String keys) {
    return BASE + "routes:\n  - {name: r, " + keys + "}\n";
  }

  /** A route to carrier-a with the match {@code match}, on line 10. */
  static String match(String match) {
    return route("trunk: carrier-a, match: " + match);
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        // trunk, trunks, rules
        row(
            "misspelt rules",
            route("trunk: carrier-a, rule: [uk-dialplan]"),
            10,
            "routes[0].rule",
            "unknown key 'rule'; did you mean 'rules'? (allowed: name, match, trunk, trunks,"
                + " rules)"),
        row(
            "both trunk and trunks",
            route("trunk: carrier-a, trunks: [carrier-b]"),
            10,
            "routes[0].trunks",
            "give either 'trunk' or 'trunks', not both (allowed: trunk: NAME, or trunks: [NAME,"
                + " ...])"),
        row(
            "empty trunks",
            route("trunks: []"),
            10,
            "routes[0].trunks",
            "expected at least one trunk (allowed: a list of trunk names)"),
        row(
            "trunks not a list",
            route("trunks: carrier-a"),
            10,
            "routes[0].trunks",
            "expected a list, got 'carrier-a' (allowed: a list of trunk names)"),
        row(
            "trunk name not a string",
            route("trunks: [carrier-a, {name: carrier-b}]"),
            10,
            "routes[0].trunks[1]",
            "expected a trunk name, got a mapping (allowed: a list of trunk names)"),
        row(
            "unknown trunk in the list",
            route("trunks: [carrier-a, carrier-c]"),
            10,
            "routes[0].trunks[1]",
            "unknown trunk 'carrier-c'; did you mean 'carrier-a'? (allowed: carrier-a,"
                + " carrier-b)"),
        row(
            "trunk listed twice",
            route("trunks: [carrier-a, carrier-b, carrier-a]"),
            10,
            "routes[0].trunks[2]",
            "duplicate trunk 'carrier-a', already listed at routes[0].trunks[0]"),
        row(
            "unknown rule set",
            route("trunk: carrier-a, rules: [uk-dialplna]"),
            10,
            "routes[0].rules[0]",
            "unknown rule set 'uk-dialplna'; did you mean 'uk-dialplan'? (allowed: uk-dialplan)"),
        row(
            "rules not a list",
            route("trunk: carrier-a, rules: uk-dialplan"),
            10,
            "routes[0].rules",
            "expected a list, got 'uk-dialplan' (allowed: a list of rule-set names)"),
        // match: numbers and From
        row(
            "bad user range in a list",
            match("{user-range: ['+4420*', x]}"),
            10,
            "routes[0].match.user-range[1]",
            "'x' is not a number range (allowed: " + RANGES + ")"),
        row(
            "bad single user range",
            match("{user-range: '+44..+4'}"),
            10,
            "routes[0].match.user-range",
            "'+44..+4': both ends must have the same number of digits (allowed: " + RANGES + ")"),
        row(
            "user range a mapping",
            match("{user-range: {from: '+44'}}"),
            10,
            "routes[0].match.user-range",
            "expected a range or a list, got a mapping (allowed: a range or a list of ranges: "
                + RANGES
                + ")"),
        row(
            "empty user-range list",
            match("{user-range: []}"),
            10,
            "routes[0].match.user-range",
            "expected at least one range (allowed: a range or a list of ranges: " + RANGES + ")"),
        row(
            "bad from-regex",
            match("{from-regex: '[0-9'}"),
            10,
            "routes[0].match.from-regex",
            "invalid regular expression '[0-9': Unclosed character class near index 3 (allowed: a"
                + " Java regular expression)"),
        row(
            "empty from-prefix",
            match("{from-prefix: ''}"),
            10,
            "routes[0].match.from-prefix",
            "must not be empty"),
        row(
            "misspelt from key",
            match("{from-prefx: '+44'}"),
            10,
            "routes[0].match.from-prefx",
            "unknown key 'from-prefx'; did you mean 'from-prefix'? (allowed: listener,"
                + " source-trunk, user-prefix, user-regex, user-range, from-prefix, from-regex,"
                + " time)"),
        // match: time
        row(
            "time not a mapping",
            match("{time: always}"),
            10,
            "routes[0].match.time",
            "expected a mapping, got 'always' (allowed keys: days, from, to, zone)"),
        row(
            "time without from",
            match("{time: {to: '18:00'}}"),
            10,
            "routes[0].match.time.from",
            "missing required key 'from' (allowed: " + CLOCK + ")"),
        row(
            "time of day unreadable",
            match("{time: {from: 8am, to: '18:00'}}"),
            10,
            "routes[0].match.time.from",
            "'8am' is not a time of day (allowed: " + CLOCK + ")"),
        row(
            "midnight written 24:00",
            match("{time: {from: '18:00', to: '24:00'}}"),
            10,
            "routes[0].match.time.to",
            "'24:00' is not a time of day (allowed: " + CLOCK + ")"),
        row(
            "empty window",
            match("{time: {from: '08:00', to: '08:00'}}"),
            10,
            "routes[0].match.time.to",
            "from and to are both 08:00, so the window is empty (allowed: a different time; to"
                + " before from wraps past midnight)"),
        row(
            "unknown day",
            match("{time: {days: [mon, tues], from: '08:00', to: '18:00'}}"),
            10,
            "routes[0].match.time.days[1]",
            "unknown day 'tues'; did you mean 'tue'? (allowed: " + DAYS + ")"),
        row(
            "day listed twice",
            match("{time: {days: [mon, MON], from: '08:00', to: '18:00'}}"),
            10,
            "routes[0].match.time.days[1]",
            "'MON' is listed twice (allowed: each day once)"),
        row(
            "no days",
            match("{time: {days: [], from: '08:00', to: '18:00'}}"),
            10,
            "routes[0].match.time.days",
            "expected at least one day (allowed: " + DAYS + ")"),
        row(
            "days not a list",
            match("{time: {days: mon-fri, from: '08:00', to: '18:00'}}"),
            10,
            "routes[0].match.time.days",
            "expected a list, got 'mon-fri' (allowed: a list of days: " + DAYS + ")"),
        row(
            "unknown time zone",
            match("{time: {from: '08:00', to: '18:00', zone: Europe/Londn}}"),
            10,
            "routes[0].match.time.zone",
            "unknown time zone 'Europe/Londn'; did you mean 'Europe/London'? (allowed: a time"
                + " zone such as Europe/London, UTC or +01:00)"),
        row(
            "misspelt time key",
            match("{time: {from: '08:00', to: '18:00', zome: UTC}}"),
            10,
            "routes[0].match.time.zome",
            "unknown key 'zome'; did you mean 'zone'? (allowed: days, from, to, zone)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachMistakeReportsOneErrorAtItsLine(
      String rule, String yaml, int line, String path, String message) {
    List<ConfigError> errors = ConfigLoader.parse(yaml, "routes.yaml").errors();
    assertEquals(1, errors.size(), () -> rule + ": " + errors);
    ConfigError e = errors.get(0);
    assertEquals(path, e.path(), rule);
    assertEquals(message, e.message(), rule);
    assertEquals(line, e.line(), () -> rule + ": " + e);
  }
}
