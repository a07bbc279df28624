package io.opensbc.cluster.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
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
 * Media through the SBC's relay between SIPp peers: RTP from the caller's socket crosses to a
 * SIPp callee that echoes it ({@code -rtp_echo}) and comes back; a call without media is hung
 * up by the media timeout with a Reason header.
 */
@Tag("interop")
class MediaInteropTest {
  private static final Pattern M_AUDIO = Pattern.compile("m=audio (\\d+) ");

  private static SbcNode node(int uasPort) throws Exception {
    return node(uasPort, "2s", "2h");
  }

  private static SbcNode node(int uasPort, String timeout, String holdTimeout) throws Exception {
    String yaml = """
        admin: {host: 127.0.0.1, port: 0}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp}
        routes:
          - {name: all, match: {}, trunk: carrier}
        media:
          ports: {min: 32000, max: 32999}
          workers: 1
          timeout: %s
          hold-timeout: %s
        """.formatted(uasPort, timeout, holdTimeout);
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "media.yaml")).config();
    return SbcNode.start(config, SbcNode.Options.STANDALONE).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void rtpCrossesTheRelayToAnEchoingSippCalleeAndBack(@TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uasPort = Sipp.freePort();
    SbcNode node = node(uasPort);
    Process uas = null;
    try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      rtp.setSoTimeout(200);
      // the call lasts 4 s, twice the media timeout: it survives only while media flows
      sipp.fromTemplate("uac-media-at-port", "uac-media.xml",
          Map.of("RTP_PORT", Integer.toString(rtp.getLocalPort()), "HOLD_MS", "4000"));
      uas = sipp.startUas("uas", uasPort, "u1", 1, 30, "-rtp_echo", "-mp", Integer.toString(Sipp.freePort()));
      Path messages = work.resolve("uac-messages.log");
      int sbcPort = node.sipPort("udp");
      CompletableFuture<Sipp.Result> uac = CompletableFuture.supplyAsync(() -> {
        try {
          return sipp.runUac("uac-media.xml", Sipp.freePort(), "127.0.0.1:" + sbcPort, "u1", 1, 1, 30,
              "-trace_msg", "-message_file", messages.toString());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // the relay's A-leg port, from the 200 OK the caller got
      int aPort = await().atMost(Duration.ofSeconds(10)).until(() -> relayPort(messages), p -> p > 0);
      int echoed = 0;
      for (int i = 0; i < 150 && !uac.isDone(); i++) {
        byte[] p = MediaPackets.packet(i);
        rtp.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), aPort));
        try {
          DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
          rtp.receive(d);
          byte[] got = Arrays.copyOf(d.getData(), d.getLength());
          assertEquals(aPort, d.getPort(), "the echo comes back from the relay's A-leg port");
          if (Arrays.equals(Arrays.copyOfRange(got, 12, got.length), Arrays.copyOfRange(p, 12, p.length))) {
            echoed++;
          }
        } catch (SocketTimeoutException late) {
          // a lost packet on loopback is unusual; counted below
        }
        Thread.sleep(20);
      }
      Sipp.Result result = uac.get(40, TimeUnit.SECONDS);
      assertTrue(result.allCallsSucceeded(), () -> "sipp UAC exit " + result.exitCode() + "\n" + result.log());
      assertTrue(echoed >= 100, "RTP echoed through the relay: " + echoed);
      assertEquals(0, Sipp.waitFor(uas, 20), "the sipp UAS completed its call");
      await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
      // the call's media statistics reach /metrics when it ends (docs/operations.md)
      int echoedPackets = echoed;
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        // the caller is at the carrier's address too, so both legs count under trunk="carrier"
        assertTrue(counter(metrics, "sbc_media_packets_total{direction=\"received\",trunk=\"carrier\"}")
            >= 2 * echoedPackets, () -> "each packet came in on A, and back on B: "
            + metrics.lines().filter(l -> l.startsWith("sbc_media")).toList());
        assertTrue(counter(metrics, "sbc_media_packets_total{direction=\"sent\",trunk=\"carrier\"}") >= 2 * echoedPackets);
        assertTrue(counter(metrics, "sbc_media_bytes_total{direction=\"sent\",trunk=\"carrier\"}") >= 2 * echoedPackets * 172);
        assertEquals(0, counter(metrics, "sbc_media_packets_lost_total{trunk=\"carrier\"}"), 2.0, "nothing lost on loopback");
        assertEquals(2, counter(metrics, "sbc_media_jitter_seconds_count{trunk=\"carrier\"}"), "one jitter figure per leg");
      });
    } finally {
      Sipp.stop(uas);
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  /** The value of one Prometheus sample line, 0 when absent. */
  private static double counter(String metrics, String series) {
    return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(
        l.substring(series.length() + 1).trim())).findFirst().orElse(0);
  }

  /**
   * Both SIPp peers answer with SDP and send no RTP: after {@code media.timeout} each gets a BYE
   * carrying {@code Reason: SIP;cause=408;text="media timeout"}, checked by an {@code ereg} in both
   * scenarios (a missing or different header fails the SIPp call).
   */
  @Test
  void aCallWithoutMediaIsHungUpByTheMediaTimeout(@TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uasPort = Sipp.freePort();
    SbcNode node = node(uasPort);
    Process uas = null;
    try {
      uas = sipp.startUas("uas-expect-media-timeout.xml", uasPort, "u1", 1, 30, "-mp",
          Integer.toString(Sipp.freePort()));
      Sipp.Result uac = sipp.runUac("uac-expect-media-timeout.xml", Sipp.freePort(),
          "127.0.0.1:" + node.sipPort("udp"), "u1", 1, 1, 30, "-mp", Integer.toString(Sipp.freePort()));
      assertTrue(uac.allCallsSucceeded(), () -> "sipp UAC exit " + uac.exitCode() + "\n" + uac.log());
      assertEquals(0, Sipp.waitFor(uas, 20), "the sipp UAS got its BYE too");
      await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    } finally {
      Sipp.stop(uas);
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  /**
   * A call put on hold by the caller ({@code a=sendonly}) with no media outlives {@code media.timeout}
   * (1 s) and is hung up on both legs, with the Reason header, after {@code media.hold-timeout} (4 s).
   */
  @Test
  void aCallOnHoldIsHungUpOnlyByTheLongerHoldTimeout(@TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uasPort = Sipp.freePort();
    SbcNode node = node(uasPort, "1s", "4s");
    Process uas = null;
    try {
      uas = sipp.startUas("uas-expect-media-timeout.xml", uasPort, "u1", 1, 30, "-mp",
          Integer.toString(Sipp.freePort()));
      long start = System.nanoTime();
      Sipp.Result uac = sipp.runUac("uac-hold-expect-media-timeout.xml", Sipp.freePort(),
          "127.0.0.1:" + node.sipPort("udp"), "u1", 1, 1, 30, "-mp", Integer.toString(Sipp.freePort()));
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(uac.allCallsSucceeded(), () -> "sipp UAC exit " + uac.exitCode() + "\n" + uac.log());
      assertEquals(0, Sipp.waitFor(uas, 20), "the sipp UAS got its BYE with the Reason too");
      assertTrue(elapsedMs >= 3_500, "ended after " + elapsedMs + " ms: the hold timeout is 4 s, not the 1-s timeout");
      assertTrue(elapsedMs < 15_000, "ended after " + elapsedMs + " ms");
      await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    } finally {
      Sipp.stop(uas);
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  /** The m=audio port of the 200 OK in a sipp message log, or 0 before it arrived. */
  private static int relayPort(Path messages) throws Exception {
    if (!Files.exists(messages)) {
      return 0;
    }
    String log = Files.readString(messages, StandardCharsets.ISO_8859_1);
    int ok = log.indexOf("SIP/2.0 200 OK");
    if (ok < 0) {
      return 0;
    }
    Matcher m = M_AUDIO.matcher(log);
    return m.find(ok) ? Integer.parseInt(m.group(1)) : 0;
  }

}
