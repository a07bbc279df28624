package io.opensbc.config.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigError;
import io.opensbc.config.loader.ConfigLoader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule: a file with exactly one mistake, and the single error it must produce. */
class ValidationRulesTest {
  static final String UDP = "  - {name: udp, transport: udp, host: 127.0.0.1, port: 5060}\n";
  static final String TCP = "  - {name: tcp, transport: tcp, host: 127.0.0.1, port: 5060}\n";
  static final String LISTENERS = "listeners:\n" + UDP + TCP; // lines 1-3
  static final String TRUNK = "trunks:\n  - {name: carrier, host: 10.0.0.1}\n"; // lines 4-5

  static Stream<Arguments> rules() {
    return Stream.of(
        row(
            "unknown top-level key",
            LISTENERS + "sipp: {}\n",
            4,
            "sipp",
            "unknown key 'sipp'; did you mean 'sip'? (allowed: node, admin, cluster, listeners,"
                + " trunks, routes, rule-sets, sip, admission, media, operations, security)"),
        row(
            "unknown key without a close match",
            LISTENERS + "admin: {password: x}\n",
            4,
            "admin.password",
            "unknown key 'password' (allowed: host, port, enabled, token)"),
        row(
            "duplicate key",
            LISTENERS + "admin: {port: 1, port: 2}\n",
            4,
            "admin.port",
            "duplicate key 'port', first given on line 4"),
        row(
            "section of the wrong type",
            LISTENERS + "admin: [1, 2]\n",
            4,
            "admin",
            "expected a mapping, got a list (allowed keys: host, port, enabled, token)"),
        row(
            "list of the wrong type",
            "listeners: {name: udp}\n",
            1,
            "listeners",
            "expected a list, got a mapping (allowed: a list of {name, transport, host, port, tls})"),
        row(
            "integer of the wrong type",
            LISTENERS + "node: {workers: many}\n",
            4,
            "node.workers",
            "expected an integer, got 'many' (allowed: 0-1024, 0 = one per event loop)"),
        row(
            "scalar given a mapping",
            LISTENERS + "admin: {host: {a: b}}\n",
            4,
            "admin.host",
            "expected a string, got a mapping (allowed: text)"),
        row(
            "boolean of the wrong type",
            LISTENERS + "admin: {enabled: 2}\n",
            4,
            "admin.enabled",
            "expected true or false, got '2' (allowed: true, false)"),
        row(
            "empty string",
            LISTENERS + "admin: {host: ''}\n",
            4,
            "admin.host",
            "must not be empty"),
        row(
            "listener port too high",
            "listeners:\n  - {name: udp, transport: udp, host: 127.0.0.1, port: 65536}\n",
            2,
            "listeners[0].port",
            "65536 is out of range (allowed: 1-65535, or 0 = ephemeral)"),
        row(
            "trunk port 0",
            LISTENERS + "trunks: [{name: c, host: h, port: 0}]\n",
            4,
            "trunks[0].port",
            "0 is out of range (allowed: 1-65535)"),
        row(
            "admin port negative",
            LISTENERS + "admin: {port: -1}\n",
            4,
            "admin.port",
            "-1 is out of range (allowed: 0-65535, 0 = ephemeral)"),
        row(
            "cluster port too high",
            LISTENERS + "cluster: {port: 99999}\n",
            4,
            "cluster.port",
            "99999 is out of range (allowed: 0-65535, 0 = auto)"),
        row(
            "cluster member not host:port",
            LISTENERS + "cluster:\n  members:\n    - 10.0.0.2\n",
            6,
            "cluster.members[0]",
            "'10.0.0.2' is not host:port (allowed: host:port, e.g. 10.0.0.2:5701)"),
        row(
            "backup count too high",
            LISTENERS + "cluster: {backup-count: 7}\n",
            4,
            "cluster.backup-count",
            "7 is out of range (allowed: 0-6)"),
        row(
            "unknown cluster mode",
            LISTENERS + "cluster: {mode: activ}\n",
            4,
            "cluster.mode",
            "unknown cluster mode 'activ'; did you mean 'active'? (allowed: active-active, active, passive)"),
        row(
            "cluster heartbeat below a second",
            LISTENERS + "cluster: {heartbeat: 500ms}\n",
            4,
            "cluster.heartbeat",
            "500ms is too short (allowed: 1s-5m: " + DurationRule.FORMS + ")"),
        row(
            "member removal not after the heartbeat",
            LISTENERS + "cluster: {heartbeat: 5s, max-no-heartbeat: 5s}\n",
            4,
            "cluster.max-no-heartbeat",
            "a member is removed after 5s without heartbeats, which is not longer than the heartbeat 5s"
                + " (allowed: more than cluster.heartbeat)"),
        row(
            "unparsable duration",
            LISTENERS + "node: {drain-timeout: 30 seconds}\n",
            4,
            "node.drain-timeout",
            "cannot read duration '30 seconds' (allowed: 0 or more: <n>ms, <n>s, <n>m, <n>h or an"
                + " integer of milliseconds)"),
        row(
            "zero timer",
            LISTENERS + "sip: {timers: {t4: 0s}}\n",
            4,
            "sip.timers.t4",
            "0s is too short (allowed: more than 0: <n>ms, <n>s, <n>m, <n>h or an integer of"
                + " milliseconds)"),
        row(
            "t1 greater than t2",
            LISTENERS + "sip:\n  timers: {t1: 5s, t2: 4s}\n",
            5,
            "sip.timers.t1",
            "t1 (5000ms) is greater than t2 (4000ms) (allowed: t1 <= t2)"),
        row(
            "limit zero",
            LISTENERS + "sip:\n  limits: {max-headers: 0}\n",
            5,
            "sip.limits.max-headers",
            "0 is out of range (allowed: 1 or more)"),
        row(
            "limit negative",
            LISTENERS + "sip:\n  limits: {retry-after-seconds: -5}\n",
            5,
            "sip.limits.retry-after-seconds",
            "-5 is out of range (allowed: 1 or more)"),
        row(
            "duration limit zero",
            LISTENERS + "sip:\n  limits: {max-call-duration: 0}\n",
            5,
            "sip.limits.max-call-duration",
            "0 is too short (allowed: more than 0: <n>ms, <n>s, <n>m, <n>h or an integer of"
                + " milliseconds)"),
        row(
            "bad regex",
            LISTENERS
                + TRUNK
                + "routes:\n  - {name: r, trunk: carrier, match: {user-regex: '[0-9'}}\n",
            7,
            "routes[0].match.user-regex",
            "invalid regular expression '[0-9': Unclosed character class near index 3 (allowed: a"
                + " Java regular expression)"),
        row(
            "tls transport",
            "listeners:\n  - {name: tls, transport: tls, host: 127.0.0.1, port: 5061}\n",
            2,
            "listeners[0].tls",
            "a tls listener needs its certificate (allowed: {certificate, key, password, ca, client-auth,"
                + " reload-interval})"),
        row(
            "unknown transport",
            LISTENERS + "trunks: [{name: c, host: h, transport: sctp}]\n",
            4,
            "trunks[0].transport",
            "unknown transport 'sctp' (allowed: udp, tcp, tls)"),
        row(
            "missing listener port",
            "listeners:\n  - {name: udp, transport: udp, host: 127.0.0.1}\n",
            2,
            "listeners[0].port",
            "missing required key 'port' (allowed: 1-65535, or 0 = ephemeral)"),
        row(
            "invalid name",
            "listeners:\n  - {name: 'my udp', transport: udp, host: 127.0.0.1, port: 5060}\n",
            2,
            "listeners[0].name",
            "'my udp' is not a valid name (allowed: letters, digits, '-', '_' and '.', starting"
                + " with a letter or digit, at most 64)"),
        row(
            "host with a port",
            LISTENERS + "trunks: [{name: c, host: '10.0.0.1:5060'}]\n",
            4,
            "trunks[0].host",
            "'10.0.0.1:5060' includes a port; give the port in 'port' (allowed: a host name or IP"
                + " address, without port or scheme)"),
        row(
            "host as a SIP URI",
            LISTENERS + "trunks: [{name: c, host: 'sip:carrier.example'}]\n",
            4,
            "trunks[0].host",
            "'sip:carrier.example' is a SIP URI (allowed: a host name or IP address, without port"
                + " or scheme)"),
        row(
            "missing listener host",
            "listeners:\n  - {name: udp, transport: udp, port: 5060}\n",
            2,
            "listeners[0].host",
            "missing required key 'host' (allowed: a host name or IP address, without port or"
                + " scheme)"),
        row(
            "empty list item",
            LISTENERS + "trunks:\n  -\n",
            5,
            "trunks[0]",
            "empty list item (allowed keys: name, host, port, transport, listener, trusted, rules,"
                + " response-map, identity, targets, selection, health, failover, limits, media, template,"
                + " fqdn, tls, user-phone, sbc-header, provisional, session-timer, transfer)"),
        row(
            "no listeners",
            "admin: {port: 8080}\n",
            1,
            "listeners",
            "at least one listener is required (allowed: a list of {name, transport, host, port})"),
        row(
            "empty listener list",
            "listeners: []\n",
            1,
            "listeners",
            "at least one listener is required (allowed: a list of {name, transport, host, port})"),
        row(
            "duplicate listener name",
            LISTENERS + "  - {name: udp, transport: udp, host: 127.0.0.1, port: 5070}\n",
            4,
            "listeners[2].name",
            "duplicate name 'udp', already used by listeners[0]"),
        row(
            "duplicate trunk name",
            LISTENERS + TRUNK + "  - {name: carrier, host: 10.0.0.2}\n",
            6,
            "trunks[1].name",
            "duplicate name 'carrier', already used by trunks[0]"),
        row(
            "duplicate route name",
            LISTENERS
                + TRUNK
                + "routes:\n  - {name: r, trunk: carrier}\n  - {name: r, trunk: carrier}\n",
            8,
            "routes[1].name",
            "duplicate name 'r', already used by routes[0]"),
        row(
            "same transport, host and port twice",
            LISTENERS + "  - {name: udp2, transport: udp, host: 127.0.0.1, port: 5060}\n",
            4,
            "listeners[2].port",
            "udp 127.0.0.1:5060 overlaps listener 'udp' (listeners[0], 127.0.0.1:5060); each"
                + " transport, host and port may be used once"),
        row(
            "wildcard host overlaps",
            LISTENERS + "  - {name: any, transport: tcp, host: 0.0.0.0, port: 5060}\n",
            4,
            "listeners[2].port",
            "tcp 0.0.0.0:5060 overlaps listener 'tcp' (listeners[1], 127.0.0.1:5060); each"
                + " transport, host and port may be used once"),
        row(
            "route to an unknown trunk",
            LISTENERS + TRUNK + "routes:\n  - {name: r, trunk: carier}\n",
            7,
            "routes[0].trunk",
            "unknown trunk 'carier'; did you mean 'carrier'? (allowed: carrier)"),
        row(
            "route from an unknown listener",
            LISTENERS + TRUNK + "routes:\n  - {name: r, trunk: carrier, match: {listener: sctp}}\n",
            7,
            "routes[0].match.listener",
            "unknown listener 'sctp' (allowed: udp, tcp)"),
        row(
            "route from an unknown source trunk",
            LISTENERS
                + TRUNK
                + "routes:\n  - {name: r, trunk: carrier, match: {source-trunk: pbx}}\n",
            7,
            "routes[0].match.source-trunk",
            "unknown trunk 'pbx' (allowed: carrier)"),
        row(
            "route without a trunk",
            LISTENERS + TRUNK + "routes:\n  - {name: r}\n",
            7,
            "routes[0].trunk",
            "missing required key 'trunk' (allowed: a trunk name, or 'trunks' with a list of trunk"
                + " names)"),
        row(
            "unknown match key",
            LISTENERS + TRUNK + "routes:\n  - {name: r, trunk: carrier, match: {user: '+44'}}\n",
            7,
            "routes[0].match.user",
            "unknown key 'user' (allowed: listener, source-trunk, user-prefix, user-regex,"
                + " user-range, from-prefix, from-regex, time)"),
        row(
            "trunk listener unknown",
            LISTENERS + "trunks: [{name: c, host: h, listener: udpp}]\n",
            4,
            "trunks[0].listener",
            "unknown listener 'udpp'; did you mean 'udp'? (allowed: udp, tcp)"),
        row(
            "trunk listener of another transport",
            LISTENERS + "trunks: [{name: c, host: h, transport: udp, listener: tcp}]\n",
            4,
            "trunks[0].listener",
            "listener 'tcp' uses tcp but the trunk uses udp (allowed: udp)"),
        row(
            "no listener for the trunk's transport",
            "listeners:\n" + UDP + "trunks: [{name: c, host: h, transport: tcp}]\n",
            3,
            "trunks[0].transport",
            "no listener uses tcp, so nothing can send to this trunk (allowed: udp, or add a"
                + " listener)"));
  }

  static Arguments row(String rule, String yaml, int line, String path, String message) {
    return Arguments.of(rule, yaml, line, path, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleReportsOneErrorAtItsLine(
      String rule, String yaml, int line, String path, String message) {
    List<ConfigError> errors = ConfigLoader.parse(yaml, "rules.yaml").errors();
    assertEquals(1, errors.size(), () -> rule + ": " + errors);
    ConfigError e = errors.get(0);
    assertEquals(path, e.path(), rule);
    assertEquals(message, e.message(), rule);
    assertEquals(line, e.line(), () -> rule + ": " + e);
    assertEquals("rules.yaml", e.file());
  }

  @Test
  void oneBadValueIsReportedOnceNotAgainByCrossChecks() {
    String yaml =
        "listeners:\n  - {name: a, transport: udp, host: 127.0.0.1, port: x}\n"
            + "  - {name: b, transport: udp, host: 127.0.0.1, port: x}\n";
    List<ConfigError> errors = ConfigLoader.parse(yaml, "f").errors();
    assertEquals(2, errors.size(), errors::toString);
    assertTrue(errors.stream().allMatch(e -> e.message().startsWith("expected an integer")));
  }

  @Test
  void listenersMayBindEphemeralPortsAndTheseNeverOverlap() {
    String yaml =
        "listeners:\n  - {name: a, transport: udp, host: 127.0.0.1, port: 0}\n"
            + "  - {name: b, transport: udp, host: 127.0.0.1, port: 0}\n";
    assertTrue(ConfigLoader.parse(yaml, "f").isValid());
  }

  @Test
  void ipv6HostsAreAccepted() {
    String yaml =
        "listeners:\n  - {name: a, transport: udp, host: '::1', port: 5060}\n"
            + "trunks: [{name: c, host: 'fd00::2'}]\n";
    assertTrue(
        ConfigLoader.parse(yaml, "f").isValid(),
        () -> ConfigLoader.parse(yaml, "f").errors().toString());
  }

  @Test
  void udpAndTcpMayShareAPort() {
    assertTrue(ConfigLoader.parse(LISTENERS, "f").isValid());
  }
}
