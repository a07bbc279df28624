package io.opensbc.cluster.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.media.srtp.SdesKeys;
import io.opensbc.media.srtp.SrtpContext;
import io.opensbc.media.srtp.SrtpProfile;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
 * timer towards Teams; only the first 18x towards Teams), SRTP packets from the Teams side (this
 * test encrypts them with the offered key) crossing to the carrier as RTP, echoed, and coming back
 * as SRTP under the key of the SBC's answer, and OPTIONS both ways with the FQDN Contact.
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

      // Teams -> carrier: SRTP on the Teams leg, plain RTP to the carrier (which echoes it), first 18x
      // only; this test is the Teams media endpoint: SRTP out with the offered key, SRTP back
      // decrypted with the key of the SBC's answer
      int echoed;
      try (DatagramSocket srtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        srtp.setSoTimeout(200);
        sipp.fromTemplate("uac-teams-srtp-call", "uac-teams-srtp-call.xml",
            Map.of("RTP_PORT", Integer.toString(srtp.getLocalPort()), "HOLD_MS", "4000"));
        uas = sipp.startUas("uas-carrier-plain-rtp.xml", carrierUas, "u1", 1, 30, "-rtp_echo", "-mp",
            Integer.toString(Sipp.freePort()));
        Path messages = work.resolve("teams-messages.log");
        CompletableFuture<Sipp.Result> teamsCall = CompletableFuture.supplyAsync(() -> {
          try {
            return sipp.runUac("uac-teams-srtp-call.xml", Sipp.freePort(), "127.0.0.1:" + kamUdp, "u1", 1, 1, 30,
                "-trace_msg", "-message_file", messages.toString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        String[] answer = await().atMost(Duration.ofSeconds(15)).until(() -> sbcAnswer(messages), a -> a != null);
        int sbcPort = Integer.parseInt(answer[0]);
        SrtpContext toSbc = SdesKeys.parse(SrtpProfile.AES_CM_128_HMAC_SHA1_80, TEAMS_KEY).orNull().newContext(128);
        SrtpContext fromSbc = SdesKeys.parse(SrtpProfile.fromSdesName(answer[1]).orElseThrow(), answer[2]).orNull()
            .newContext(128);
        echoed = 0;
        for (int i = 0; i < 120 && !teamsCall.isDone(); i++) {
          byte[] plain = MediaPackets.packet(i);
          byte[] buf = Arrays.copyOf(plain, plain.length + toSbc.rtpOverhead());
          int len = toSbc.protect(buf, 0, plain.length);
          srtp.send(new DatagramPacket(buf, len, InetAddress.getLoopbackAddress(), sbcPort));
          try {
            DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
            srtp.receive(d);
            byte[] got = Arrays.copyOf(d.getData(), d.getLength());
            int n = fromSbc.unprotect(got, 0, got.length);
            if (n == plain.length && Arrays.equals(Arrays.copyOfRange(got, 12, n),
                Arrays.copyOfRange(plain, 12, plain.length))) {
              echoed++;
            }
          } catch (SocketTimeoutException late) {
            // counted below
          }
          Thread.sleep(20);
        }
        Sipp.Result result = teamsCall.get(40, TimeUnit.SECONDS);
        assertTrue(result.allCallsSucceeded(), () -> "Teams caller: " + result.log() + "\n" + logOf(kamailio));
      }
      System.out.println("Teams lab: " + echoed + " of 120 SRTP packets came back decrypted under the SBC's key");
      assertTrue(echoed >= 60, "SRTP from Teams came back as SRTP after crossing the carrier's RTP echo: " + echoed);
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

  /** The SDES key the "Teams" offer carries (RFC 4568's example key). */
  static final String TEAMS_KEY = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
  private static final Pattern ANSWER = Pattern.compile(
      "m=audio (\\d+) RTP/SAVP[^\\n]*\\n(?:[^\\n]*\\n)*?a=crypto:\\d+ (\\S+) (inline:[A-Za-z0-9+/=]+)");

  /** Port, suite and key of the SBC's SDP answer in the caller's message log; null before the 200. */
  private static String[] sbcAnswer(Path messages) throws java.io.IOException {
    if (!Files.exists(messages)) {
      return null;
    }
    String log = Files.readString(messages, StandardCharsets.ISO_8859_1).replace("\r", "");
    int ok = log.indexOf("SIP/2.0 200 OK");
    if (ok < 0) {
      return null;
    }
    Matcher m = ANSWER.matcher(log);
    return m.find(ok) ? new String[] {m.group(1), m.group(2), m.group(3)} : null;
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
