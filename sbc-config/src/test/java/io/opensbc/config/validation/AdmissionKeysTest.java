package io.opensbc.config.validation;

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
 * One row per mistake in the top-level {@code admission} section: a file with exactly one mistake,
 * and the single error it must produce.
 */
class AdmissionKeysTest {
  static final String FORMS = DurationRule.FORMS;
  static final String KEYS =
      "unknown-sources, retry-damping, scanner-user-agents, max-event-loop-lag,"
          + " final-response-cache";
  static final String RATE = "more than 0 and at most 100000 requests per second, e.g. 20 or 0.5";
  static final String SCANNERS = "a list of User-Agent texts; [] for none";

  /** The admission key {@code keyLine} on line 5. */
  static String admission(String keyLine) {
    return LISTENERS + "admission:\n  " + keyLine + "\n";
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        row(
            "admission not a mapping",
            LISTENERS + "admission: on\n",
            4,
            "admission",
            "expected a mapping, got 'on' (allowed keys: " + KEYS + ")"),
        row(
            "misspelt admission key",
            admission("scanner-user-agent: []"),
            5,
            "admission.scanner-user-agent",
            "unknown key 'scanner-user-agent'; did you mean 'scanner-user-agents'? (allowed: "
                + KEYS
                + ")"),
        // unknown-sources
        row(
            "rate 0",
            admission("unknown-sources: {rate: 0}"),
            5,
            "admission.unknown-sources.rate",
            "0 is out of range (allowed: " + RATE + ")"),
        row(
            "negative rate",
            admission("unknown-sources: {rate: -2.5}"),
            5,
            "admission.unknown-sources.rate",
            "-2.5 is out of range (allowed: " + RATE + ")"),
        row(
            "rate too high",
            admission("unknown-sources: {rate: 100000.5}"),
            5,
            "admission.unknown-sources.rate",
            "100000.5 is out of range (allowed: " + RATE + ")"),
        row(
            "rate not a number",
            admission("unknown-sources: {rate: fast}"),
            5,
            "admission.unknown-sources.rate",
            "expected a number, got 'fast' (allowed: " + RATE + ")"),
        row(
            "rate not a scalar",
            admission("unknown-sources: {rate: [20]}"),
            5,
            "admission.unknown-sources.rate",
            "expected a number, got a list (allowed: " + RATE + ")"),
        row(
            "burst 0",
            admission("unknown-sources: {burst: 0}"),
            5,
            "admission.unknown-sources.burst",
            "0 is out of range (allowed: 1-100000)"),
        row(
            "unknown over-limit action",
            admission("unknown-sources: {over-limit: drp}"),
            5,
            "admission.unknown-sources.over-limit",
            "unknown over-limit action 'drp'; did you mean 'drop'? (allowed: drop, reject)"),
        row(
            "misspelt unknown-sources key",
            admission("unknown-sources: {brust: 10}"),
            5,
            "admission.unknown-sources.brust",
            "unknown key 'brust'; did you mean 'burst'? (allowed: rate, burst, over-limit, block)"),
        // retry-damping
        row(
            "retry damping enabled not a boolean",
            admission("retry-damping: {enabled: maybe}"),
            5,
            "admission.retry-damping.enabled",
            "expected true or false, got 'maybe' (allowed: true, false)"),
        row(
            "max-attempts 0",
            admission("retry-damping: {max-attempts: 0}"),
            5,
            "admission.retry-damping.max-attempts",
            "0 is out of range (allowed: 1-1000)"),
        row(
            "window too short",
            admission("retry-damping: {window: 500ms}"),
            5,
            "admission.retry-damping.window",
            "500ms is too short (allowed: 1s-1h: " + FORMS + ")"),
        row(
            "window too long",
            admission("retry-damping: {window: 2h}"),
            5,
            "admission.retry-damping.window",
            "2h is too long (allowed: 1s-1h: " + FORMS + ")"),
        row(
            "damping status not a failure",
            admission("retry-damping: {status: 200}"),
            5,
            "admission.retry-damping.status",
            "200 is out of range (allowed: 400-699)"),
        // scanners
        row(
            "scanners not a list",
            admission("scanner-user-agents: sipvicious"),
            5,
            "admission.scanner-user-agents",
            "expected a list, got 'sipvicious' (allowed: " + SCANNERS + ")"),
        row(
            "empty scanner text",
            admission("scanner-user-agents: [sipvicious, '']"),
            5,
            "admission.scanner-user-agents[1]",
            "must not be empty (allowed: " + SCANNERS + ")"),
        row(
            "scanner not a string",
            admission("scanner-user-agents: [{ua: x}]"),
            5,
            "admission.scanner-user-agents[0]",
            "expected a User-Agent text, got a mapping (allowed: " + SCANNERS + ")"),
        // durations
        row(
            "event loop lag too short",
            admission("max-event-loop-lag: 5ms"),
            5,
            "admission.max-event-loop-lag",
            "5ms is too short (allowed: 10ms-10s: " + FORMS + ")"),
        row(
            "event loop lag too long",
            admission("max-event-loop-lag: 11s"),
            5,
            "admission.max-event-loop-lag",
            "11s is too long (allowed: 10ms-10s: " + FORMS + ")"),
        row(
            "response cache too long",
            admission("final-response-cache: 6m"),
            5,
            "admission.final-response-cache",
            "6m is too long (allowed: 0s-5m, 0 = off: " + FORMS + ")"),
        row(
            "response cache unreadable",
            admission("final-response-cache: 1.5s"),
            5,
            "admission.final-response-cache",
            "cannot read duration '1.5s' (allowed: 0s-5m, 0 = off: " + FORMS + ")"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachMistakeReportsOneErrorAtItsLine(
      String rule, String yaml, int line, String path, String message) {
    List<ConfigError> errors = ConfigLoader.parse(yaml, "admission.yaml").errors();
    assertEquals(1, errors.size(), () -> rule + ": " + errors);
    ConfigError e = errors.get(0);
    assertEquals(path, e.path(), rule);
    assertEquals(message, e.message(), rule);
    assertEquals(line, e.line(), () -> rule + ": " + e);
  }
}
