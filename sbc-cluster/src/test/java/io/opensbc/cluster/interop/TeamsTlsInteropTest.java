package io.opensbc.cluster.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Teams Direct Routing lab: deploy/examples/teams-direct-routing.yaml as shipped (only its
 * ports moved to free ones, its OPTIONS interval shortened), with Kamailio and its TLS module
 * playing Microsoft's proxy in front of SIPp, and SIPp as the carrier:
 *
 * <pre>
 *   SIPp "Teams" --UDP-- Kamailio --TLS-- SBC (sbc.lab.test) --UDP-- SIPp carrier
 * </pre>
 *
 * Proven on the wire: calls both ways over a real TLS peer (SRTP offered and answered on the Teams
 * leg, plain RTP towards the carrier; the SBC's FQDN in Contact; X-MS-SBC, user=phone and a session
 * timer towards Teams; only the first 18x towards Teams), and OPTIONS both ways with the FQDN
 * Contact. Not proven here: SRTP packets (SIPp cannot encrypt); the SDES negotiation is.
 */
@Tag("interop")
class TeamsTlsInteropTest {
  static final Path EXAMPLE = Path.of("../deploy/examples/teams-direct-routing.yaml");
  static final Path CERTS = Path.of("../deploy/examples/certs");

  @TempDir Path work;

  @Test
  void callsAndOptionsBothWaysThroughARealTlsPeer() throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    assumeTrue(Kamailio.installed(), "kamailio with TLS is not installed (apt-get install kamailio kamailio-tls-modules)");
    int sbcTls = Sipp.freePort();
    int sbcUdp = Sipp.freePort();
    int kamUdp = Sipp.freePort();
    int kamTls = Sipp.freePort();
    int carrierUas = Sipp.freePort();
    int teamsUas = Sipp.freePort();

    Path certs = Files.createDirectories(work.resolve("certs"));
    Files.copy(CERTS.resolve("cert.pem"), certs.resolve("cert.pem"));
    Files.copy(CERTS.resolve("key.pem"), certs.resolve("key.pem"));
    Path config = work.resolve("teams-direct-routing.yaml");
    Files.writeString(config, lab(Files.readString(EXAMPLE, StandardCharsets.UTF_8), sbcTls, sbcUdp, kamTls,
        carrierUas));

    Kamailio kamailio = Kamailio.start(work, kamUdp, kamTls, certs.resolve("cert.pem"), certs.resolve("key.pem"), """
          xlog("L_NOTICE", "LAB $rm from $proto ct=[$ct] xms=[$hdr(X-MS-SBC)]\\n");
          if (is_method("OPTIONS") && $proto == "tls" && !has_totag()) {
            sl_send_reply("200", "OK");
            exit;
          }
          if (has_totag()) {
            if (loose_route()) {
              if ($rd == "sbc.lab.test") { $du = "sip:127.0.0.1:SBC_TLS;transport=tls"; }
              t_relay();
              exit;
            }
            if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
            sl_send_reply("404", "Not here");
            exit;
          }
          if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
          record_route();
          if ($proto == "udp") {
            $du = "sip:127.0.0.1:SBC_TLS;transport=tls";
          } else {
            $du = "sip:127.0.0.1:TEAMS_UAS";
          }
          t_relay();
        """.replace("SBC_TLS", Integer.toString(sbcTls)).replace("TEAMS_UAS", Integer.toString(teamsUas)));
    SbcNode node = null;
    Process uas = null;
    try {
      ConfigResult loaded = ConfigLoader.load(config);
      assertTrue(loaded instanceof ConfigResult.Valid, loaded::toString);
      node = SbcNode.start(((ConfigResult.Valid) loaded).config(), SbcNode.Options.STANDALONE)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Sipp sipp = new Sipp(work);

      // SBC -> Teams: the OPTIONS keep-alive over TLS (SNI and certificate checked), FQDN in Contact
      Pattern sbcOptions = Pattern.compile("LAB OPTIONS from tls ct=\\[<sip:sbc\\.lab\\.test:" + sbcTls
          + ";transport=tls>\\] xms=\\[OpenSBC/[^\\]]+\\]");
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> sbcOptions.matcher(kamailio.log()).find());

      // Teams -> SBC: an OPTIONS through Kamailio, relayed over TLS, answered 200
      Sipp.Result ping = sipp.runUac("uac-options.xml", Sipp.freePort(), "127.0.0.1:" + kamUdp, "u1", 1, 1, 20);
      assertTrue(ping.allCallsSucceeded(), () -> "OPTIONS from Teams: " + ping.log() + "\n" + logOf(kamailio));

      // Teams -> carrier: SRTP on the Teams leg, plain RTP to the carrier, first 18x only
      uas = sipp.startUas("uas-carrier-plain-rtp.xml", carrierUas, "u1", 1, 30);
      Sipp.Result teamsCall = sipp.runUac("uac-teams-srtp-call.xml", Sipp.freePort(), "127.0.0.1:" + kamUdp, "u1",
          1, 1, 30);
      assertTrue(teamsCall.allCallsSucceeded(), () -> "Teams caller: " + teamsCall.log() + "\n" + logOf(kamailio));
      assertEquals(0, Sipp.waitFor(uas, 15), "the carrier got plain RTP and the BYE");

      // carrier -> Teams: what Direct Routing checks in the SBC's INVITE
      uas = sipp.startUas("uas-teams-checks-sbc.xml", teamsUas, "u1", 1, 30);
      Sipp.Result carrierCall = sipp.runUac("uac", Sipp.freePort(), "127.0.0.1:" + sbcUdp, "u1", 1, 1, 30,
          "-s", "+442079460000", "-d", "500");
      assertTrue(carrierCall.allCallsSucceeded(), () -> "carrier caller: " + carrierCall.log() + "\n"
          + logOf(kamailio));
      assertEquals(0, Sipp.waitFor(uas, 15), "Teams got user=phone, X-MS-SBC, the FQDN Contact and SRTP");
      SbcNode n = node;
      await().atMost(Duration.ofSeconds(5)).until(() -> n.activeCalls() == 0);
    } finally {
      Sipp.stop(uas);
      if (node != null) {
        node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      }
      kamailio.stop();
    }
  }

  /** The example with free ports, no admin server and OPTIONS every 2 s. */
  static String lab(String example, int sbcTls, int sbcUdp, int kamTls, int carrier) {
    String out = example
        .replace("admin: {host: 127.0.0.1, port: 8080}", "admin: {enabled: false}")
        .replace("    port: 5061", "    port: " + sbcTls)
        .replace("{name: carrier-udp, transport: udp, host: 127.0.0.1, port: 5060}",
            "{name: carrier-udp, transport: udp, host: 127.0.0.1, port: " + sbcUdp + "}")
        .replace("{name: carrier-tcp, transport: tcp, host: 127.0.0.1, port: 5060}",
            "{name: carrier-tcp, transport: tcp, host: 127.0.0.1, port: " + sbcUdp + "}")
        .replace("targets: [{host: 127.0.0.1, port: 5062, transport: tls}]",
            "targets: [{host: 127.0.0.1, port: " + kamTls + ", transport: tls}]")
        .replace("health: {enabled: true, interval: 60s}", "health: {enabled: true, interval: 2s, timeout: 1s}")
        .replace("    port: 5080", "    port: " + carrier);
    for (String gone : new String[] {"port: 8080", "port: 5061\n", "port: 5060}", "port: 5062", "interval: 60s",
        "port: 5080"}) {
      assertTrue(!out.contains(gone), "the example changed: '" + gone + "' is still there");
    }
    return out;
  }

  private static String logOf(Kamailio k) {
    try {
      String log = k.log();
      return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
