package io.opensbc.config.validation;

import static io.opensbc.config.validation.RuleValidationTest.row;
import static io.opensbc.config.validation.TrunkRuleKeysTest.trunk;
import static io.opensbc.config.validation.ValidationRulesTest.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.config.loader.ConfigError;
import io.opensbc.config.loader.ConfigLoader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per mistake in the dispatch keys of a trunk ({@code targets}, {@code selection}, {@code
 * health}, {@code failover}, {@code limits}): a file with exactly one mistake, and the single error
 * it must produce. The key under test is on line 7 (see {@link TrunkRuleKeysTest#trunk}).
 */
class TrunkDispatchKeysTest {
  static final String FORMS = DurationRule.FORMS;
  static final String TARGET_KEYS = "host, port, transport, priority, weight";
  static final String HEALTH_KEYS =
      "enabled, interval, timeout, failures-to-down, successes-to-up, alive-codes";
  static final String STATUS = "a status 100-699, Nxx or LOW-HIGH, e.g. 408, 5xx, 500-599";
  static final String FAILURE = "a status 300-699, Nxx or LOW-HIGH, e.g. 408, 5xx, 500-599";

  static Stream<Arguments> rules() {
    return Stream.of(
        // targets
        row(
            "misspelt targets",
            trunk("target: [{host: 10.0.0.2}]"),
            7,
            "trunks[0].target",
            "unknown key 'target'; did you mean 'targets'? (allowed: name, host, port, transport,"
                + " listener, trusted, rules, response-map, identity, targets, selection, health,"
                + " failover, limits, media, template, fqdn, tls, user-phone, sbc-header, provisional,"
                + " session-timer, transfer)"),
        row(
            "targets not a list",
            trunk("targets: {host: 10.0.0.2}"),
            7,
            "trunks[0].targets",
            "expected a list, got a mapping (allowed: a list of {" + TARGET_KEYS + "})"),
        row(
            "empty targets",
            trunk("targets: []"),
            7,
            "trunks[0].targets",
            "expected at least one target (allowed: a list of {"
                + TARGET_KEYS
                + "}; leave 'targets' out to send to the trunk's host)"),
        row(
            "target without host",
            trunk("targets: [{host: 10.0.0.2}, {port: 5060}]"),
            7,
            "trunks[0].targets[1].host",
            "missing required key 'host' (allowed: a host name or IP address, without port or"
                + " scheme)"),
        row(
            "target host with a port",
            trunk("targets: [{host: '10.0.0.2:5060'}]"),
            7,
            "trunks[0].targets[0].host",
            "'10.0.0.2:5060' includes a port; give the port in 'port' (allowed: a host name or IP"
                + " address, without port or scheme)"),
        row(
            "target host a SIP URI",
            trunk("targets: [{host: 'sip:a.example'}]"),
            7,
            "trunks[0].targets[0].host",
            "'sip:a.example' is a SIP URI (allowed: a host name or IP address, without port or"
                + " scheme)"),
        row(
            "target port 0",
            trunk("targets: [{host: 10.0.0.2, port: 0}]"),
            7,
            "trunks[0].targets[0].port",
            "0 is out of range (allowed: 1-65535)"),
        row(
            "target transport tls",
            trunk("targets: [{host: 10.0.0.2, transport: tls}]"),
            7,
            "trunks[0].targets[0].transport",
            "no listener uses tls, so nothing can send to this target (allowed: udp, tcp, or add a listener)"),
        row(
            "target priority too high",
            trunk("targets: [{host: 10.0.0.2, priority: 70000}]"),
            7,
            "trunks[0].targets[0].priority",
            "70000 is out of range (allowed: 0-65535)"),
        row(
            "target weight negative",
            trunk("targets: [{host: 10.0.0.2, weight: -1}]"),
            7,
            "trunks[0].targets[0].weight",
            "-1 is out of range (allowed: 0-65535)"),
        row(
            "misspelt target key",
            trunk("targets: [{host: 10.0.0.2, wieght: 2}]"),
            7,
            "trunks[0].targets[0].wieght",
            "unknown key 'wieght'; did you mean 'weight'? (allowed: " + TARGET_KEYS + ")"),
        row(
            "target not a mapping",
            trunk("targets: [10.0.0.1]"),
            7,
            "trunks[0].targets[0]",
            "expected a mapping, got '10.0.0.1' (allowed keys: " + TARGET_KEYS + ")"),
        row(
            "empty target item",
            trunk("targets: [{host: 10.0.0.2}, ~]"),
            7,
            "trunks[0].targets[1]",
            "empty list item (allowed keys: " + TARGET_KEYS + ")"),
        row(
            "duplicate target",
            trunk(
                "targets: [{host: a.example, port: 5060}, {host: b.example}, {host: A.example,"
                    + " port: 5060}]"),
            7,
            "trunks[0].targets[2]",
            "duplicate target A.example:5060, already given as targets[0] (allowed: each host, port"
                + " and transport once)"),
        row(
            "target transport without a listener",
            "listeners:\n"
                + UDP
                + "trunks:\n  - name: carrier\n    host: 10.0.0.1\n"
                + "    targets: [{host: 10.0.0.2, transport: tcp}]\n",
            6,
            "trunks[0].targets[0].transport",
            "no listener uses tcp, so nothing can send to this target (allowed: udp, or add a"
                + " listener)"),
        // selection
        row(
            "unknown selection",
            trunk("selection: round-robbin"),
            7,
            "trunks[0].selection",
            "unknown selection 'round-robbin'; did you mean 'round-robin'? (allowed: priority,"
                + " round-robin, call-id-hash)"),
        row(
            "selection not a string",
            trunk("selection: [priority]"),
            7,
            "trunks[0].selection",
            "expected a string, got a list (allowed: text)"),
        // health
        row(
            "health not a mapping",
            trunk("health: true"),
            7,
            "trunks[0].health",
            "expected a mapping, got 'true' (allowed keys: " + HEALTH_KEYS + ")"),
        row(
            "misspelt health key",
            trunk("health: {intervall: 10s}"),
            7,
            "trunks[0].health.intervall",
            "unknown key 'intervall'; did you mean 'interval'? (allowed: " + HEALTH_KEYS + ")"),
        row(
            "health enabled not a boolean",
            trunk("health: {enabled: sometimes}"),
            7,
            "trunks[0].health.enabled",
            "expected true or false, got 'sometimes' (allowed: true, false)"),
        row(
            "health interval under a second",
            trunk("health: {interval: 500ms, timeout: 100ms}"),
            7,
            "trunks[0].health.interval",
            "500ms is too short (allowed: 1s or more: " + FORMS + ")"),
        row(
            "health interval unreadable",
            trunk("health: {interval: soon}"),
            7,
            "trunks[0].health.interval",
            "cannot read duration 'soon' (allowed: 1s or more: " + FORMS + ")"),
        row(
            "health timeout 0",
            trunk("health: {timeout: 0s}"),
            7,
            "trunks[0].health.timeout",
            "0s is too short (allowed: more than 0: " + FORMS + ")"),
        row(
            "health timeout equal to interval",
            trunk("health: {interval: 5s, timeout: 5s}"),
            7,
            "trunks[0].health.timeout",
            "timeout (5000ms) is not shorter than interval (5000ms) (allowed: timeout < interval)"),
        row(
            "health timeout longer than the default interval",
            trunk("health: {timeout: 40s}"),
            7,
            "trunks[0].health.timeout",
            "timeout (40000ms) is not shorter than interval (30000ms) (allowed: timeout <"
                + " interval)"),
        row(
            "failures-to-down 0",
            trunk("health: {failures-to-down: 0}"),
            7,
            "trunks[0].health.failures-to-down",
            "0 is out of range (allowed: 1-100)"),
        row(
            "successes-to-up over 100",
            trunk("health: {successes-to-up: 101}"),
            7,
            "trunks[0].health.successes-to-up",
            "101 is out of range (allowed: 1-100)"),
        row(
            "bad alive code",
            trunk("health: {alive-codes: [2xx, 7xx]}"),
            7,
            "trunks[0].health.alive-codes[1]",
            "'7xx' is not a status range (allowed: " + STATUS + ")"),
        row(
            "alive code range upside down",
            trunk("health: {alive-codes: [499-400]}"),
            7,
            "trunks[0].health.alive-codes[0]",
            "'499-400': the first status is greater than the last (allowed: " + STATUS + ")"),
        row(
            "empty alive codes",
            trunk("health: {alive-codes: []}"),
            7,
            "trunks[0].health.alive-codes",
            "expected at least one status range (allowed: " + STATUS + ")"),
        row(
            "alive codes not a list",
            trunk("health: {alive-codes: 2xx}"),
            7,
            "trunks[0].health.alive-codes",
            "expected a list, got '2xx' (allowed: a list of status ranges: " + STATUS + ")"),
        // failover
        row(
            "failover on a success",
            trunk("failover: {codes: [408, 2xx]}"),
            7,
            "trunks[0].failover.codes[1]",
            "'2xx' is out of range (allowed: " + FAILURE + ")"),
        row(
            "failover code not a scalar",
            trunk("failover: {codes: [{code: 503}]}"),
            7,
            "trunks[0].failover.codes[0]",
            "expected a status range, got a mapping (allowed: " + FAILURE + ")"),
        row(
            "failover max-targets too high",
            trunk("failover: {max-targets: 101}"),
            7,
            "trunks[0].failover.max-targets",
            "101 is out of range (allowed: 0-100, 0 = every target)"),
        row(
            "misspelt failover key",
            trunk("failover: {max-target: 2}"),
            7,
            "trunks[0].failover.max-target",
            "unknown key 'max-target'; did you mean 'max-targets'? (allowed: codes, max-targets)"),
        // limits
        row(
            "negative max-cps",
            trunk("limits: {max-cps: -1}"),
            7,
            "trunks[0].limits.max-cps",
            "-1 is out of range (allowed: 0-1000000, 0 = no limit)"),
        row(
            "max-calls too high",
            trunk("limits: {max-calls: 2000000}"),
            7,
            "trunks[0].limits.max-calls",
            "2000000 is out of range (allowed: 0-1000000, 0 = no limit)"),
        row(
            "max-calls not an integer",
            trunk("limits: {max-calls: lots}"),
            7,
            "trunks[0].limits.max-calls",
            "expected an integer, got 'lots' (allowed: 0-1000000, 0 = no limit)"),
        row(
            "unknown limit",
            trunk("limits: {cps: 10}"),
            7,
            "trunks[0].limits.cps",
            "unknown key 'cps' (allowed: max-cps, max-calls)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachMistakeReportsOneErrorAtItsLine(
      String rule, String yaml, int line, String path, String message) {
    List<ConfigError> errors = ConfigLoader.parse(yaml, "routing.yaml").errors();
    assertEquals(1, errors.size(), () -> rule + ": " + errors);
    ConfigError e = errors.get(0);
    assertEquals(path, e.path(), rule);
    assertEquals(message, e.message(), rule);
    assertEquals(line, e.line(), () -> rule + ": " + e);
  }
}
