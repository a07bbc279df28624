package io.opensbc.config.loader;

import static io.opensbc.config.loader.ConfigLoaderTest.invalid;
import static io.opensbc.config.loader.ConfigLoaderTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.media.MediaSecurity;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.config.model.signalling.Provisional;
import io.opensbc.config.model.signalling.SessionTimer;
import io.opensbc.config.model.tls.ListenerTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teams template, TLS listener keys and the per-trunk signalling keys, as loaded. */
class TeamsTemplateTest {
  static final String TLS_LISTENER = """
      listeners:
        - name: teams-tls
          transport: tls
          host: 127.0.0.1
          port: 5061
          tls: {certificate: certs/cert.pem, key: certs/key.pem}
        - {name: udp, transport: udp, host: 127.0.0.1, port: 5060}
      """;

  @Test
  void oneBlockExpandsToTheThreeMicrosoftProxiesAndTheTeamsBehaviour() {
    SbcConfig c = valid(TLS_LISTENER + "trunks:\n  - {name: teams, template: teams, fqdn: sbc.example.com}\n");
    TrunkConfig t = c.trunk("teams").orElseThrow();
    assertEquals("sip.pstnhub.microsoft.com", t.host());
    assertEquals(5061, t.port());
    assertEquals(Transport.TLS, t.transport());
    assertEquals("teams-tls", t.listener());
    assertEquals(List.of(
        new TargetConfig("sip.pstnhub.microsoft.com", 5061, Transport.TLS, 1, 1),
        new TargetConfig("sip2.pstnhub.microsoft.com", 5061, Transport.TLS, 2, 1),
        new TargetConfig("sip3.pstnhub.microsoft.com", 5061, Transport.TLS, 3, 1)), t.targets());
    assertTrue(t.dispatch().health().enabled());
    assertEquals(Duration.ofSeconds(60), t.dispatch().health().interval());
    assertEquals(MediaSecurity.SRTP, t.media().security());
    assertEquals("sbc.example.com", t.signalling().fqdn());
    assertTrue(t.signalling().userPhone());
    assertEquals("X-MS-SBC", t.signalling().sbcHeader());
    assertEquals(Provisional.FIRST_ONLY, t.signalling().provisional());
    assertEquals(new SessionTimer(true, Duration.ofSeconds(1800), Duration.ofSeconds(90),
        SessionTimer.Refresher.SBC), t.signalling().sessionTimer());
    String expanded = ExpandedTrunks.yaml(c);
    assertTrue(expanded.contains("# expanded from template: teams")
        && expanded.contains("{host: sip3.pstnhub.microsoft.com, port: 5061, transport: tls, priority: 3, weight: 1}")
        && expanded.contains("provisional: first-only"), expanded);
  }

  @Test
  void keysTheTrunkGivesWinOverTheTemplate() {
    SbcConfig c = valid(TLS_LISTENER + """
        trunks:
          - name: teams
            template: teams
            fqdn: sbc.example.com
            targets: [{host: 127.0.0.1, port: 5062, transport: tls}]
            media: {codecs: [PCMU]}
            provisional: 183-as-180
            user-phone: false
            session-timer: {expires: 600s, refresher: peer}
        """);
    TrunkConfig t = c.trunk("teams").orElseThrow();
    assertEquals(List.of(new TargetConfig("127.0.0.1", 5062, Transport.TLS, 1, 1)), t.targets());
    assertEquals(MediaSecurity.SRTP, t.media().security(), "media given without security keeps SRTP");
    assertEquals(List.of("PCMU"), t.media().codecs());
    assertEquals(Provisional.AS_180, t.signalling().provisional());
    assertTrue(!t.signalling().userPhone());
    assertEquals(new SessionTimer(true, Duration.ofSeconds(600), Duration.ofSeconds(90),
        SessionTimer.Refresher.PEER), t.signalling().sessionTimer());
  }

  @Test
  void mistakesAreReportedAtTheirKeys() {
    List<String> paths = invalid(TLS_LISTENER + """
        trunks:
          - {name: a, template: temas}
          - {name: b, template: teams}
          - {name: c, host: 10.0.0.1, fqdn: 10.0.0.9}
          - {name: d, host: 10.0.0.1, session-timer: {expires: 90s, min-se: 120s}}
          - {name: e, host: 10.0.0.1, provisional: some}
        """).stream().map(e -> e.path() + ": " + e.message()).toList();
    String all = String.join("\n", paths);
    assertTrue(all.contains("trunks[0].template: unknown template 'temas'; did you mean 'teams'?"), all);
    assertTrue(all.contains("trunks[1].fqdn: the teams template needs the SBC's FQDN"), all);
    assertTrue(all.contains("trunks[2].fqdn: '10.0.0.9' is an address"), all);
    assertTrue(all.contains("trunks[3].session-timer.min-se: min-se 2m is longer than expires 1m30s")
        || all.contains("trunks[3].session-timer.min-se: min-se"), all);
    assertTrue(all.contains("trunks[4].provisional: unknown provisional 'some'"), all);
  }

  @Test
  void tlsSettingsBelongToTlsListenersOnly() {
    String all = String.join("\n", invalid("""
        listeners:
          - {name: t, transport: tls, host: 127.0.0.1, port: 5061}
          - {name: u, transport: udp, host: 127.0.0.1, port: 5060, tls: {certificate: c.pem, key: k.pem}}
          - {name: p, transport: tls, host: 127.0.0.1, port: 5062, tls: {certificate: c.pem}}
          - {name: q, transport: tls, host: 127.0.0.1, port: 5063, tls: {certificate: c.pem, key: k.pem, client-auth: require}}
        """).stream().map(e -> e.path() + ": " + e.message()).toList());
    assertTrue(all.contains("listeners[0].tls: a tls listener needs its certificate"), all);
    assertTrue(all.contains("listeners[1].tls: only a tls listener takes tls settings (this one is udp)"), all);
    assertTrue(all.contains("listeners[2].tls.key: a PEM certificate needs its private key"), all);
    assertTrue(all.contains("listeners[3].tls.ca: client-auth: require needs the CAs"), all);
  }

  @Test
  void certificatePathsAreRelativeToTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sbc.yaml");
    Files.writeString(file, TLS_LISTENER);
    ListenerTls tls = ConfigLoader.load(file).orElseThrow().listener("teams-tls").orElseThrow().tls();
    assertEquals(dir.resolve("certs/cert.pem").toString(), tls.certificate());
    assertEquals(dir.resolve("certs/key.pem").toString(), tls.key());
    assertTrue(tls.toString().contains("password=null"));
  }
}
