package io.opensbc.cluster.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node as `sbc.jar run` starts it: clustered on an embedded Hazelcast member. SIPp calls go
 * through it, every call's log reaches the Hazelcast map and is tombstoned when the call ends,
 * the admin listener reports it, and a drain sheds new calls with 503 + Retry-After.
 */
@Tag("interop")
class EmbeddedNodeTest {

  @Test
  void callsAreLoggedInHazelcastAndTheNodeDrains(@TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uasPort = Sipp.freePort();
    String yaml = """
        admin: {host: 127.0.0.1, port: 0}
        cluster: {name: sbc-embedded-%s, host: 127.0.0.1, port: 0}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp}
        routes:
          - {name: all, match: {}, trunk: carrier}
        """.formatted(UUID.randomUUID(), uasPort);
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "embedded.yaml")).config();
    SbcNode node = SbcNode.start(config, SbcNode.Options.EMBEDDED)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Process uas = null;
    HttpClient http = HttpClient.newHttpClient();
    String admin = "http://127.0.0.1:" + node.adminPort();
    try {
      uas = sipp.startUas("uas", uasPort, "u1", 50, 60);
      Sipp.Result uac = sipp.runUac("uac", Sipp.freePort(), "127.0.0.1:" + node.sipPort("udp"), "u1", 50, 25, 60);
      assertTrue(uac.allCallsSucceeded(), uac::log);
      await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);

      var logs = node.hazelcastMap("sbc.call-logs");
      await().atMost(Duration.ofSeconds(5)).until(() -> logs.size() == 50);
      assertEquals(50, logs.size(), "one (tombstoned) entry per call in the Hazelcast map");

      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(admin + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("\"answeredCalls\":50"), health.body());
      assertTrue(health.body().contains("\"clustered\":true"), health.body());
      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(metrics.body().contains("vertx_"), "Prometheus text with Vert.x metrics");
      assertTrue(metrics.body().contains("sbc_hazelcast_map_entries{map=\"sbc.call-logs\"} 50.0"),
          "the call-log map's entries owned by this member");
      assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(admin + "/nothing")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());

      HttpResponse<String> drain = http.send(HttpRequest.newBuilder(URI.create(admin + "/admin/drain"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(202, drain.statusCode());
      assertEquals(503, http.send(HttpRequest.newBuilder(URI.create(admin + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      String answer = inviteAndRead(node.sipPort("udp"));
      assertTrue(answer.startsWith("SIP/2.0 503"), answer);
      assertTrue(answer.contains("Retry-After: "), answer);
    } finally {
      Sipp.stop(uas);
      node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static String inviteAndRead(int sbcPort) throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      s.setSoTimeout(5000);
      String invite = "INVITE sip:123@127.0.0.1 SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-drain;rport\r\n"
          + "Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:123@127.0.0.1>\r\n"
          + "Call-ID: drain-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
      byte[] b = invite.getBytes(StandardCharsets.UTF_8);
      s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), sbcPort));
      byte[] buf = new byte[4096];
      while (true) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        String text = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
        if (!text.startsWith("SIP/2.0 100")) {
          return text;
        }
      }
    }
  }
}
