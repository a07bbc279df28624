package io.opensbc.config.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.AdminConfig;
import io.opensbc.config.model.ClusterConfig;
import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.NodeConfig;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.SipConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final String MINIMAL =
      "listeners:\n  - {name: udp, transport: udp, host: 127.0.0.1, port: 5060}\n";

  static SbcConfig valid(String yaml) {
    ConfigResult r = ConfigLoader.parse(yaml, "test.yaml");
    assertInstanceOf(
        ConfigResult.Valid.class,
        r,
        () -> String.join("\n", r.errors().stream().map(ConfigError::toString).toList()));
    return r.orElseThrow();
  }

  static List<ConfigError> invalid(String yaml) {
    ConfigResult r = ConfigLoader.parse(yaml, "test.yaml");
    assertInstanceOf(ConfigResult.Invalid.class, r, "expected errors for:\n" + yaml);
    return r.errors();
  }

  @Test
  void omittedSectionsTakeTheirDefaults() {
    SbcConfig c = valid(MINIMAL);
    assertEquals(NodeConfig.DEFAULT, c.node());
    assertEquals(AdminConfig.DEFAULT, c.admin());
    assertEquals(ClusterConfig.DEFAULT, c.cluster());
    assertEquals(SipConfig.DEFAULT, c.sip());
    assertEquals(List.of(), c.trunks());
    assertEquals(List.of(), c.routes());
  }

  @Test
  void omittedKeysInsideASectionTakeTheirDefaults() {
    SbcConfig c =
        valid(
            MINIMAL
                + "node: {workers: 4}\n"
                + "admin: {port: 0}\n"
                + "cluster: {port: 0, members: ['10.0.0.2:5701', '[fd00::2]:5701']}\n"
                + "trunks: [{name: pbx, host: pbx.example.com}]\n"
                + "sip: {timers: {t1: 250ms}, limits: {max-calls: 10}}\n");
    assertEquals(new NodeConfig(Defaults.nodeName(), Defaults.DRAIN_TIMEOUT, 4), c.node());
    assertEquals(new AdminConfig(Defaults.ADMIN_HOST, 0, true), c.admin());
    assertEquals(List.of("10.0.0.2:5701", "[fd00::2]:5701"), c.cluster().members());
    assertEquals(0, c.cluster().port());
    assertEquals(
        new TrunkConfig("pbx", "pbx.example.com", 5060, Transport.UDP, "udp"), c.trunks().get(0));
    assertEquals(Duration.ofMillis(250), c.sip().timers().t1());
    assertEquals(Defaults.T2, c.sip().timers().t2());
    assertEquals(10, c.sip().limits().maxCalls());
    assertEquals(Defaults.MAX_CONNECTIONS, c.sip().limits().maxConnections());
  }

  @Test
  void dnsServersAreAddressesWithOptionalPorts() {
    SbcConfig c = valid(MINIMAL + "sip:\n  dns: {servers: [10.0.0.53, '127.0.0.1:5353', '[2001:db8::53]:53'], timeout: 1s}\n");
    assertEquals(List.of("10.0.0.53", "127.0.0.1:5353", "[2001:db8::53]:53"), c.sip().dns().servers());
    assertEquals(Duration.ofSeconds(1), c.sip().dns().timeout());
    assertEquals(Defaults.DNS_ATTEMPTS, c.sip().dns().attempts());
    assertEquals(List.of(), valid(MINIMAL).sip().dns().servers(), "none: /etc/resolv.conf's");

    List<String> errors = invalid(MINIMAL + "sip:\n  dns:\n    servers: [dns.example.com, '10.0.0.1:99999', '[::1']\n"
        + "    attempts: 0\n").stream().map(ConfigError::toString).toList();
    assertEquals(4, errors.size(), errors::toString);
    assertTrue(errors.get(0).startsWith("test.yaml:5:15: sip.dns.servers[0]: 'dns.example.com' is not an IP address"),
        errors::toString);
    assertTrue(errors.get(1).startsWith("test.yaml:5:32: sip.dns.servers[1]: port '99999' is not 1-65535"), errors::toString);
    assertTrue(errors.get(2).startsWith("test.yaml:5:50: sip.dns.servers[2]: '[::1' has no closing ']'"), errors::toString);
    assertTrue(errors.get(3).startsWith("test.yaml:6:15: sip.dns.attempts:"), errors::toString);
  }

  @Test
  void nullValuesMeanDefault() {
    SbcConfig c = valid(MINIMAL + "node:\nadmin: {port: ~}\nroutes:\n");
    assertEquals(AdminConfig.DEFAULT, c.admin());
    assertEquals(List.of(), c.routes());
  }

  @Test
  void everyDurationFormIsRead() {
    SbcConfig c =
        valid(
            MINIMAL
                + "node: {drain-timeout: 0}\n"
                + "sip:\n"
                + "  timers: {t1: 200, t2: 4s, t4: 1m}\n"
                + "  limits: {tcp-idle-timeout: 5m, max-call-duration: 2h}\n");
    assertEquals(Duration.ZERO, c.node().drainTimeout());
    assertEquals(Duration.ofMillis(200), c.sip().timers().t1());
    assertEquals(Duration.ofMinutes(1), c.sip().timers().t4());
    assertEquals(Duration.ofMinutes(5), c.sip().limits().tcpIdleTimeout());
    assertEquals(Duration.ofHours(2), c.sip().limits().maxCallDuration());
  }

  @Test
  void aFileWithManyMistakesGetsThemAllWithTheirLines() {
    String yaml =
        String.join(
            "\n",
            "node: {name: sbc1, drain-timeout: soon}", // 1
            "admin:", // 2
            "  prot: 8080", // 3
            "  enabled: maybe", // 4
            "listeners:", // 5
            "  - {name: udp, transport: udp, host: 127.0.0.1, port: 5060}", // 6
            "  - {name: udp, transport: tls, host: 127.0.0.1, port: 5061}", // 7
            "  - {name: udp2, transport: udp, host: 127.0.0.1, port: 5060}", // 8
            "  - {name: tcp, transport: tcp, host: 127.0.0.1, port: 70000}", // 9
            "trunks:", // 10
            "  - {name: carrier, host: 10.0.0.1, listener: tcp}", // 11
            "routes:", // 12
            "  - name: r1", // 13
            "    match: {user-regex: '^(0'}", // 14
            "    trunk: carier", // 15
            "sip:", // 16
            "  timers: {t1: 5s, t2: 4s}", // 17
            "  limits: {max-calls: 0}", // 18
            "");
    List<ConfigError> errors = invalid(yaml);
    List<String> where = errors.stream().map(e -> e.line() + " " + e.path()).toList();
    assertEquals(
        List.of(
            "1 node.drain-timeout",
            "3 admin.prot",
            "4 admin.enabled",
            "7 listeners[1].tls",
            "7 listeners[1].name",
            "8 listeners[2].port",
            "9 listeners[3].port",
            "11 trunks[0].listener",
            "14 routes[0].match.user-regex",
            "15 routes[0].trunk",
            "17 sip.timers.t1",
            "18 sip.limits.max-calls"),
        where,
        () -> errors.toString().replace(", ", "\n"));
    assertTrue(errors.stream().allMatch(e -> e.file().equals("test.yaml") && e.column() > 0));
    assertTrue(errors.get(1).message().contains("did you mean 'port'?"), errors.get(1).message());
  }

  @Test
  void errorsPrintAsFileLineColumnPathMessage() {
    ConfigError e = invalid(MINIMAL + "admin: {port: 70000}\n").get(0);
    assertEquals(
        "test.yaml:3:15: admin.port: 70000 is out of range (allowed: 0-65535, 0 = ephemeral)",
        e.toString());
  }

  @Test
  void aYamlSyntaxErrorIsReportedWithItsLine() {
    List<ConfigError> errors = invalid(MINIMAL + "admin: {port: 8080\nsip: {}\n");
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).message().startsWith("YAML syntax error"), errors.get(0).message());
    assertTrue(errors.get(0).line() >= 3, errors.get(0).toString());
  }

  @Test
  void aBadIndentIsASyntaxError() {
    List<ConfigError> errors = invalid("listeners:\n  - name: udp\n   transport: udp\n");
    assertEquals(1, errors.size());
    assertEquals(3, errors.get(0).line(), errors.get(0).toString());
  }

  @Test
  void anchorsMergeKeysAndExtensionKeysWork() {
    SbcConfig c =
        valid(
            String.join(
                "\n",
                "x-loopback: &lo {transport: udp, host: 127.0.0.1}",
                "listeners:",
                "  - {<<: *lo, name: a, port: 5060}",
                "  - {<<: *lo, name: b, port: 5070, transport: tcp}",
                ""));
    assertEquals(Transport.UDP, c.listeners().get(0).transport());
    assertEquals("127.0.0.1", c.listeners().get(1).host());
    assertEquals(
        Transport.TCP, c.listeners().get(1).transport(), "an explicit key overrides a merged one");
  }

  @Test
  void mistakesInAMergedMappingPointAtTheAnchor() {
    List<ConfigError> errors =
        invalid(
            String.join(
                "\n",
                "x-base: &b {transport: udp, host: 127.0.0.1, prot: 1}",
                "listeners:",
                "  - {<<: *b, name: a, port: 5060}",
                "  - {<<: 5, name: b, port: 5061}",
                ""));
    assertEquals(
        List.of("1 listeners[0].prot", "4 listeners[1].<<"),
        errors.stream().map(e -> e.line() + " " + e.path()).toList(),
        errors::toString);
  }

  @Test
  void aTabIndentIsASyntaxErrorAtItsLine() {
    List<ConfigError> errors = invalid(MINIMAL + "admin:\n\tport: 8080\n");
    assertEquals(1, errors.size());
    assertEquals(4, errors.get(0).line(), errors.get(0).toString());
  }

  @Test
  void aByteOrderMarkIsIgnored() {
    valid("\uFEFF" + MINIMAL);
  }

  @Test
  void anEmptyFileIsAnError() {
    for (String empty : List.of("", "\n\n", "# only a comment\n")) {
      List<ConfigError> errors = invalid(empty);
      assertEquals(1, errors.size());
      assertTrue(errors.get(0).message().contains("empty"), errors.get(0).message());
    }
  }

  @Test
  void aDocumentThatIsNotAMappingIsAnError() {
    List<ConfigError> errors = invalid("- a\n- b\n");
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).message().startsWith("expected a mapping"), errors.toString());
  }

  @Test
  void anUnreadableFileIsAnErrorNamingTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    ConfigResult r = ConfigLoader.load(missing);
    assertEquals(1, r.errors().size());
    ConfigError e = r.errors().get(0);
    assertEquals(missing.toString(), e.file());
    assertEquals(missing + ": cannot read the file: no such file", e.toString());
  }

  @Test
  void aDirectoryIsUnreadable(@TempDir Path dir) {
    ConfigResult r = ConfigLoader.load(dir);
    assertEquals(dir.toString(), r.errors().get(0).file());
    assertTrue(r.errors().get(0).message().startsWith("cannot read the file"));
  }

  @Test
  void loadReportsTheFileName(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sbc.yaml");
    Files.writeString(f, MINIMAL + "admin: {port: -1}\n");
    ConfigError e = ConfigLoader.load(f).errors().get(0);
    assertEquals(f.toString(), e.file());
    assertEquals(3, e.line());
  }

  @Test
  void orElseThrowListsEveryError() {
    ConfigResult r = ConfigLoader.parse("admin: {port: x}\n", "x.yaml");
    IllegalStateException e = assertThrows(IllegalStateException.class, r::orElseThrow);
    assertTrue(e.getMessage().contains("x.yaml:1:15: admin.port"), e.getMessage());
    assertTrue(e.getMessage().contains("listeners"), e.getMessage());
  }

  @Test
  void toStringIsSafeToLogAndComplete() {
    String s = ConfigLoader.quickstart().orElseThrow().toString();
    assertTrue(s.contains("carrier") && s.contains("everything-to-carrier"), s);
  }
}
