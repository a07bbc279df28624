package io.opensbc.config.loader;

import static io.opensbc.config.loader.ConfigLoaderTest.MINIMAL;
import static io.opensbc.config.loader.ConfigLoaderTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.RouteMatch;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.admission.AdmissionConfig;
import io.opensbc.config.model.admission.RetryDamping;
import io.opensbc.config.model.admission.SourceRate;
import io.opensbc.config.model.routing.Failover;
import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.config.model.routing.Selection;
import io.opensbc.config.model.routing.StatusRange;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.config.model.routing.TimeWindow;
import io.opensbc.config.model.routing.TrunkDispatch;
import io.opensbc.config.model.routing.TrunkLimits;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.TrunkRules;
import io.opensbc.config.validation.ConfigValidator;
import io.opensbc.config.validation.Violation;
import io.opensbc.config.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Trunk dispatch, the route extensions and admission control, read into their records. */
class RoutingLoaderTest {

  @Test
  void theFullExampleBindsToTheExpectedRecords() throws Exception {
    SbcConfig c = valid(resource("routing-example.yaml"));

    TrunkDispatch teams =
        new TrunkDispatch(
            List.of(
                new TargetConfig("sip.pstnhub.microsoft.com", 0, null, 1, 1),
                new TargetConfig("sip2.pstnhub.microsoft.com", 0, null, 1, 3),
                new TargetConfig("10.0.0.2", 5060, Transport.UDP, 2, 1)),
            Selection.PRIORITY,
            new HealthCheck(
                true, Duration.ofSeconds(30), Duration.ofSeconds(5), 3, 2, HealthCheck.DEFAULT_ALIVE),
            Failover.DEFAULT,
            TrunkLimits.NONE);
    TrunkDispatch carrierA =
        new TrunkDispatch(
            List.of(),
            Selection.ROUND_ROBIN,
            new HealthCheck(
                false,
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                5,
                1,
                List.of(new StatusRange(200, 299, "200-299"), new StatusRange(404, 404, "404"))),
            new Failover(
                List.of(
                    new StatusRange(408, 408, "408"),
                    new StatusRange(500, 503, "500-503"),
                    new StatusRange(600, 699, "6xx")),
                2),
            new TrunkLimits(10, 300));
    TrunkDispatch carrierB =
        new TrunkDispatch(
            List.of(
                new TargetConfig("10.0.2.1", 0, null, 1, 1),
                new TargetConfig("10.0.2.2", 0, null, 1, 0),
                new TargetConfig("10.0.2.2", 0, Transport.TCP, 1, 1)),
            Selection.CALL_ID_HASH,
            new HealthCheck(
                true, Defaults.HEALTH_INTERVAL, Defaults.HEALTH_TIMEOUT, 3, 2, HealthCheck.DEFAULT_ALIVE),
            new Failover(List.of(), 0),
            TrunkLimits.NONE);
    assertEquals(
        List.of(
            trunk("teams", "sip.pstnhub.microsoft.com", 5061, Transport.TCP, "tcp", teams),
            trunk("carrier-a", "10.0.1.1", 5060, Transport.UDP, "udp", carrierA),
            trunk("carrier-b", "10.0.2.1", 5060, Transport.UDP, "udp", carrierB),
            new TrunkConfig("pbx", "10.0.3.1", 5060, Transport.UDP, "udp")),
        c.trunks());

    RouteMatch uk =
        new RouteMatch(
            "udp",
            null,
            null,
            null,
            List.of(
                new NumberRange("4420", "4420", true, "+4420*"),
                new NumberRange(
                    "442071234500", "442071234599", false, "+442071234500..+442071234599")),
            "+44",
            Pattern.compile("^\\+44"),
            new TimeWindow(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(8, 0),
                LocalTime.of(18, 0),
                ZoneId.of("Europe/London")));
    RouteMatch night =
        new RouteMatch(
            null,
            null,
            null,
            null,
            List.of(new NumberRange("44", "44", true, "+44*")),
            null,
            null,
            new TimeWindow(
                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                LocalTime.of(22, 0),
                LocalTime.of(6, 30),
                ZoneId.of("UTC")));
    assertEquals(
        List.of(
            new RouteConfig("uk", uk, List.of("carrier-a", "carrier-b"), List.of("uk-dialplan")),
            new RouteConfig("night", night, "carrier-b"),
            new RouteConfig(
                "from-pbx", new RouteMatch(null, "pbx", null, null), List.of("teams"), List.of()),
            new RouteConfig("default", RouteMatch.ANY, "carrier-a")),
        c.routes());

    assertEquals(
        new AdmissionConfig(
            new SourceRate(2.5, 10, false, java.time.Duration.ofSeconds(30)),
            new RetryDamping(false, 3, Duration.ofMinutes(1), 603),
            List.of("friendly-scanner", "sipvicious"),
            Duration.ofMillis(250),
            Duration.ZERO),
        c.admission());
  }

  @Test
  void theSummaryShowsDispatchAndRouteTrunkLists() throws Exception {
    String s = ConfigSummary.describe(valid(resource("routing-example.yaml")));
    assertEquals(
        String.join(
            "\n",
            "trunks (4):",
            "  teams  tcp sip.pstnhub.microsoft.com:5061 via listener tcp",
            "    targets: 3, selection priority, health every 30s",
            "  carrier-a  udp 10.0.1.1:5060 via listener udp",
            "    targets: 1, selection round-robin, no health checks, max-cps 10, max-calls 300",
            "  carrier-b  udp 10.0.2.1:5060 via listener udp",
            "    targets: 3, selection call-id-hash, health every 30s",
            "  pbx  udp 10.0.3.1:5060 via listener udp",
            "routes (4):",
            "  uk  listener=udp user-range=+4420*,+442071234500..+442071234599 from-prefix=+44"
                + " from-regex=^\\+44 time=mon-fri 08:00-18:00 Europe/London -> carrier-a,"
                + " carrier-b (rules: uk-dialplan)",
            "  night  user-range=+44* time=sat,sun 22:00-06:30 UTC -> carrier-b",
            "  from-pbx  source-trunk=pbx -> teams",
            "  default  any -> carrier-a",
            ""),
        s.substring(s.indexOf("trunks (")));
  }

  @Test
  void absentKeysAndSectionsTakeTheirDefaults() {
    SbcConfig c =
        valid(
            MINIMAL
                + "trunks: [{name: pbx, host: 10.0.0.2}]\n"
                + "routes: [{name: r, trunk: pbx}]\n");
    TrunkConfig t = c.trunks().get(0);
    assertEquals(TrunkDispatch.DEFAULT, t.dispatch());
    assertEquals(List.of(new TargetConfig("10.0.0.2", 5060, Transport.UDP, 1, 1)), t.targets());
    assertEquals(new RouteConfig("r", RouteMatch.ANY, List.of("pbx"), List.of()), c.routes().get(0));
    assertEquals("pbx", c.routes().get(0).trunk());
    assertEquals(AdmissionConfig.DEFAULT, c.admission());
    assertEquals(
        new AdmissionConfig(
            new SourceRate(20, 40, true, java.time.Duration.ofSeconds(10)),
            new RetryDamping(true, 5, Duration.ofSeconds(30), 486),
            AdmissionConfig.DEFAULT_SCANNERS,
            Duration.ofMillis(100),
            Duration.ofSeconds(32)),
        AdmissionConfig.DEFAULT);
  }

  @Test
  void emptyMappingsTakeTheirDefaultsAndNullMeansAbsent() {
    SbcConfig c =
        valid(
            MINIMAL
                + "trunks:\n"
                + "  - {name: a, host: h, health: {}, failover: {}, limits: {}, selection: ~}\n"
                + "  - {name: b, host: h, health: ~, targets: ~}\n"
                + "routes: [{name: r, trunks: [a, b], rules: [], match: {time: {from: '23:00', to:"
                + " '01:00'}}}]\n"
                + "admission: {unknown-sources: {}, retry-damping: {}, scanner-user-agents: []}\n");
    TrunkDispatch a = c.trunks().get(0).dispatch();
    assertEquals(
        new HealthCheck(
            true, Defaults.HEALTH_INTERVAL, Defaults.HEALTH_TIMEOUT, 3, 2, HealthCheck.DEFAULT_ALIVE),
        a.health());
    assertEquals(Failover.DEFAULT, a.failover());
    assertEquals(TrunkLimits.NONE, a.limits());
    assertEquals(Selection.PRIORITY, a.selection());
    assertEquals(TrunkDispatch.DEFAULT, c.trunks().get(1).dispatch());
    TimeWindow w = c.routes().get(0).match().time();
    assertEquals(EnumSet.allOf(DayOfWeek.class), w.days());
    assertEquals(Defaults.ROUTE_TIME_ZONE, w.zone());
    assertEquals(List.of(), c.routes().get(0).ruleSets());
    assertEquals(
        new AdmissionConfig(
            SourceRate.DEFAULT,
            RetryDamping.DEFAULT,
            List.of(),
            Defaults.MAX_EVENT_LOOP_LAG,
            Defaults.FINAL_RESPONSE_CACHE),
        c.admission());
    assertEquals(AdmissionConfig.DEFAULT, valid(MINIMAL + "admission:\n").admission());
  }

  /**
   * A file with several mistakes in the new keys is refused, and check-config prints each on its
   * own line with its line number.
   */
  @Test
  void aFileWithSeveralMistakesPrintsEachOnItsOwnLine() {
    String yaml =
        String.join(
            "\n",
            "listeners:", // 1
            "  - {name: udp, transport: udp, host: 127.0.0.1, port: 5060}", // 2
            "trunks:", // 3
            "  - name: carrier", // 4
            "    host: 10.0.0.1", // 5
            "    targets:", // 6
            "      - {host: 10.0.0.2, port: 5060}", // 7
            "      - {host: '10.0.0.3:5060'}", // 8
            "      - {host: 10.0.0.2, port: 5060, priority: 70000}", // 9
            "    selection: round-robbin", // 10
            "    health: {interval: 10s, timeout: 10s, alive-codes: [2xx, 7xx]}", // 11
            "    failover: {codes: [2xx]}", // 12
            "routes:", // 13
            "  - name: r", // 14
            "    match: {time: {days: [mon, fir], from: '08:00', to: '08:00'}}", // 15
            "    trunks: [carrier, carier, carrier]", // 16
            "    rules: [uk]", // 17
            "admission:", // 18
            "  unknown-sources: {rate: 0, over-limit: block}", // 19
            "  max-event-loop-lag: 1m", // 20
            "");
    ConfigResult r = ConfigLoader.parse(yaml, "sbc.yaml");
    List<String> printed = r.errors().stream().map(ConfigError::toString).toList();
    String status = " (allowed: a status 100-699, Nxx or LOW-HIGH, e.g. 408, 5xx, 500-599)";
    assertEquals(
        List.of(
            "sbc.yaml:8:16: trunks[0].targets[1].host: '10.0.0.3:5060' includes a port; give the"
                + " port in 'port' (allowed: a host name or IP address, without port or scheme)",
            "sbc.yaml:9:9: trunks[0].targets[2]: duplicate target 10.0.0.2:5060, already given as"
                + " targets[0] (allowed: each host, port and transport once)",
            "sbc.yaml:9:48: trunks[0].targets[2].priority: 70000 is out of range (allowed:"
                + " 0-65535)",
            "sbc.yaml:10:16: trunks[0].selection: unknown selection 'round-robbin'; did you mean"
                + " 'round-robin'? (allowed: priority, round-robin, call-id-hash)",
            "sbc.yaml:11:38: trunks[0].health.timeout: timeout (10000ms) is not shorter than"
                + " interval (10000ms) (allowed: timeout < interval)",
            "sbc.yaml:11:62: trunks[0].health.alive-codes[1]: '7xx' is not a status range" + status,
            "sbc.yaml:12:24: trunks[0].failover.codes[0]: '2xx' is out of range (allowed: a status"
                + " 300-699, Nxx or LOW-HIGH, e.g. 408, 5xx, 500-599)",
            "sbc.yaml:15:32: routes[0].match.time.days[1]: unknown day 'fir'; did you mean 'fri'?"
                + " (allowed: mon, tue, wed, thu, fri, sat, sun)",
            "sbc.yaml:15:57: routes[0].match.time.to: from and to are both 08:00, so the window is"
                + " empty (allowed: a different time; to before from wraps past midnight)",
            "sbc.yaml:16:23: routes[0].trunks[1]: unknown trunk 'carier'; did you mean 'carrier'?"
                + " (allowed: carrier)",
            "sbc.yaml:16:31: routes[0].trunks[2]: duplicate trunk 'carrier', already listed at"
                + " routes[0].trunks[0]",
            "sbc.yaml:17:13: routes[0].rules[0]: unknown rule set 'uk' (allowed: none defined)",
            "sbc.yaml:19:27: admission.unknown-sources.rate: 0 is out of range (allowed: more than"
                + " 0 and at most 100000 requests per second, e.g. 20 or 0.5)",
            "sbc.yaml:19:42: admission.unknown-sources.over-limit: unknown over-limit action"
                + " 'block' (allowed: drop, reject)",
            "sbc.yaml:20:23: admission.max-event-loop-lag: 1m is too long (allowed: 10ms-10s: "
                + "<n>ms, <n>s, <n>m, <n>h or an integer of milliseconds)"),
        printed,
        () -> String.join("\n", printed));
    String out = String.join("\n", printed);
    assertEquals(printed.size(), out.lines().count(), "one line per mistake");
  }

  @Test
  void aConfigurationBuiltInCodeIsCheckedWithPathsFromItsIndexes() {
    TrunkConfig a =
        new TrunkConfig(
            "a",
            "h",
            5060,
            Transport.UDP,
            null,
            false,
            TrunkRules.NONE,
            ResponseMap.NONE,
            null,
            new TrunkDispatch(
                List.of(
                    new TargetConfig("x", 0, Transport.TCP, 1, 1),
                    new TargetConfig("X", 0, Transport.TCP, 2, 2)),
                null,
                new HealthCheck(
                    true, Duration.ofSeconds(5), Duration.ofSeconds(6), 1, 1, List.of()),
                null,
                null));
    SbcConfig config =
        new SbcConfig(
            null,
            null,
            null,
            List.of(new ListenerConfig("udp", Transport.UDP, "127.0.0.1", 5060)),
            List.of(a),
            List.of(
                new RouteConfig("one", RouteMatch.ANY, "b"),
                new RouteConfig("two", RouteMatch.ANY, List.of("a", "a"), List.of("s"))),
            null);
    Violations v = new Violations();
    ConfigValidator.validate(config, v);
    assertEquals(
        List.of(
            "routes[0].trunk",
            "routes[1].rules[0]",
            "routes[1].trunks[1]",
            "trunks[0].health.timeout",
            "trunks[0].targets[0].transport",
            "trunks[0].targets[1]"),
        v.list().stream().map(Violation::path).sorted().toList(),
        v.list()::toString);
  }

  private static TrunkConfig trunk(
      String name, String host, int port, Transport transport, String listener, TrunkDispatch d) {
    return new TrunkConfig(
        name, host, port, transport, listener, false, TrunkRules.NONE, ResponseMap.NONE, null, d);
  }

  private String resource(String name) throws Exception {
    try (var in = getClass().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
