package io.opensbc.cluster.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's acceptance: three SBC nodes as separate JVMs on 127.0.0.1, .2 and .3; 100 long calls
 * through node A (sipp UAC -> A -> sipp UAS); node A is SIGKILLed with every call established. Then
 * every call still ends with BYE/200 on both sides through the survivors (the oldest survivor
 * binds A's address, the call's new owner carries it), each call is adopted exactly once and
 * leaves exactly one complete record. Detection time and the time from the kill to the first
 * message of an adopted call served are printed.
 */
@Tag("interop")
class ClusterFailoverInteropTest {
  private static final Logger LOG = Logger.getLogger(ClusterFailoverInteropTest.class.getName());
  private static final int CALLS = 100;
  /** Calls among them that carry RTP (a test socket that sends and checks the callee's echo). */
  private static final int RTP_CALLS = 4;
  private static final String[] HOSTS = {"127.0.0.1", "127.0.0.2", "127.0.0.3"};
  private static final String[] NAMES = {"a", "b", "c"};

  @Test
  void survivorsCarryOnEveryCallWhenTheirNodeIsKilled(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    assumeTrue(NodeHealth.freeOn(HOSTS[1], 0) && NodeHealth.freeOn(HOSTS[2], 0), "127.0.0.2 and 127.0.0.3 are not bindable here");
    int sip = portFreeOnAll();
    int hazelcast = portFreeOnAll();
    int admin = portFreeOnAll();
    int uasPort = Sipp.freePort();
    String clusterName = "failover-" + UUID.randomUUID();
    Sipp sipp = new Sipp(work);
    SbcProcess[] nodes = new SbcProcess[3];
    Process uas = null;
    Process uac = null;
    List<RtpCall> rtpCalls = new java.util.ArrayList<>();
    try {
      nodes[0] = SbcProcess.start(work, "a", config(0, clusterName, sip, hazelcast, admin, uasPort, work))
          .awaitReady(60);
      nodes[1] = SbcProcess.start(work, "b", config(1, clusterName, sip, hazelcast, admin, uasPort, work));
      nodes[2] = SbcProcess.start(work, "c", config(2, clusterName, sip, hazelcast, admin, uasPort, work));
      nodes[1].awaitReady(60);
      nodes[2].awaitReady(60);
      uas = sipp.startUas("uas-answers-reanchoring.xml", uasPort, "u1", CALLS, 80, "-rtp_echo", "-mp",
          Integer.toString(Sipp.freePort()));
      sipp.fromTemplate("uac-long-call-reanchored", "uac-bulk.xml",
          Map.of("MEDIA_PORT", "[media_port]", "MIN_MS", "4000", "MAX_MS", "12000"));
      int uacPort = Sipp.freePort();
      uac = sipp.startUac("uac-bulk.xml", uacPort, HOSTS[0] + ":" + sip, "u1", CALLS - RTP_CALLS, 25, 80,
          "-mp", Integer.toString(Sipp.freePort()));
      for (int i = 0; i < RTP_CALLS; i++) {
        rtpCalls.add(RtpCall.start(sipp, work, HOSTS[0] + ":" + sip));
      }
      NodeHealth.await(HOSTS[0], admin, h -> h.getLong("answeredCalls", 0L) >= CALLS && h.getInteger("activeCalls") == CALLS,
          20, "node a answered every call");
      Map<RtpCall, Integer> relayOfA = new HashMap<>();
      for (RtpCall c : rtpCalls) {
        int port = c.echoedThroughRelay(5);
        assertTrue(port > 0, () -> "RTP flows through node a's relay before the kill: " + c.log());
        relayOfA.put(c, port);
      }

      long killedAt = System.currentTimeMillis();
      nodes[0].kill();

      int uacExit = Sipp.waitFor(uac, 60);
      for (RtpCall c : rtpCalls) {
        assertEquals(0, c.finish(), () -> "the RTP call ends with BYE/200: " + c.log());
      }
      String uacLog = sipp.uacLog(uacPort);
      assertEquals(0, uacExit, () -> "every call ends with BYE/200 for the caller:\n" + uacLog);
      assertEquals(0, Sipp.waitFor(uas, 20), "every call ends with BYE/200 for the callee");

      JsonObject hb = NodeHealth.await(HOSTS[1], admin, h -> h.getInteger("activeCalls") == 0, 10, "node b has no calls left");
      JsonObject hc = NodeHealth.await(HOSTS[2], admin, h -> h.getInteger("activeCalls") == 0, 10, "node c has no calls left");
      long detectedAt = Math.min(NodeHealth.departure(hb), NodeHealth.departure(hc));
      long adopted = hb.getJsonObject("cluster").getLong("adopted") + hc.getJsonObject("cluster").getLong("adopted");
      assertEquals(CALLS, adopted, "each call adopted exactly once by the survivors");
      long firstServed = firstServed(hb, hc);
      LOG.info("failover: detection " + (detectedAt - killedAt) + " ms after the kill; first message of an adopted"
          + " call served " + (firstServed - killedAt) + " ms after the kill; adopted b="
          + hb.getJsonObject("cluster").getLong("adopted") + " c=" + hc.getJsonObject("cluster").getLong("adopted"));
      assertTrue(detectedAt - killedAt < 6000, "the kill is detected within max-no-heartbeat");
      for (RtpCall c : rtpCalls) {
        long resumed = c.firstEchoNotThrough(relayOfA.get(c));
        LOG.info("failover: RTP resumed " + (resumed - detectedAt) + " ms after detection via " + c.lastRelay());
        assertTrue(resumed > 0 && resumed - detectedAt < 3000, () -> "RTP resumes within 3 s of detection: "
            + (resumed - detectedAt) + " ms, " + c.log());
      }

      Map<String, JsonObject> records = new HashMap<>();
      for (int i = 1; i < 3; i++) {
        Path file = work.resolve("calls-" + NAMES[i] + ".jsonl");
        for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
          JsonObject r = new JsonObject(line);
          JsonObject earlier = records.put(r.getString("callRef"), r);
          assertEquals(null, earlier, () -> "one record per call: " + r.getString("callRef"));
        }
      }
      assertEquals(CALLS, records.size(), "every call has a record on a survivor");
      for (JsonObject r : records.values()) {
        assertEquals("ended", r.getString("state"), r::encode);
        assertEquals("A", r.getString("endedBy"), r::encode);
        assertTrue(r.getString("offered") != null && r.getString("answered") != null, r::encode);
        JsonArray adoptions = r.getJsonArray("adoptions");
        assertTrue(adoptions != null && adoptions.size() == 1 && "a".equals(adoptions.getJsonObject(0).getString("from")),
            r::encode);
      }
    } finally {
      Sipp.stop(uac);
      Sipp.stop(uas);
      for (RtpCall c : rtpCalls) {
        c.close();
      }
      for (SbcProcess n : nodes) {
        if (n != null) {
          n.close();
        }
      }
    }
  }

  private static long firstServed(JsonObject... healths) {
    long first = Long.MAX_VALUE;
    for (JsonObject h : healths) {
      long t = h.getJsonObject("cluster").getLong("firstAdoptedMessageAt");
      if (t > 0) {
        first = Math.min(first, t);
      }
    }
    return first;
  }

  private static String config(int i, String cluster, int sip, int hazelcast, int admin, int uasPort, Path work) {
    StringBuilder members = new StringBuilder();
    for (int j = 0; j < 3; j++) {
      if (j != i) {
        members.append(members.length() == 0 ? "" : ", ").append('"').append(HOSTS[j]).append(':').append(hazelcast)
            .append('"');
      }
    }
    int mediaMin = 40000 + 2000 * i;
    return """
        node: {name: %s, workers: 1}
        admin: {host: %s, port: %d, token: failover-test-token-0123}
        cluster: {name: %s, host: %s, port: %d, members: [%s], backup-count: 1, heartbeat: 1s, max-no-heartbeat: 5s}
        listeners:
          - {name: udp, transport: udp, host: %s, port: %d}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp}
        routes:
          - {name: all, match: {}, trunk: carrier}
        media: {address: %s, ports: {min: %d, max: %d}}
        operations: {call-records: {file: %s}}
        # three JVMs and sipp on two shared cores: the overload check would shed calls this test needs
        admission: {max-event-loop-lag: 10s}
        """.formatted(NAMES[i], HOSTS[i], admin, cluster, HOSTS[i], hazelcast, members, HOSTS[i], sip, uasPort,
        HOSTS[i], mediaMin, mediaMin + 1998, work.resolve("calls-" + NAMES[i] + ".jsonl"));
  }

  /** A port free for UDP and TCP on all three loopback addresses. */
  private static int portFreeOnAll() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = Sipp.freePort();
      if (NodeHealth.freeOn(HOSTS[1], port) && NodeHealth.freeOn(HOSTS[2], port)) {
        return port;
      }
    }
    throw new IOException("no port free on " + String.join(", ", HOSTS));
  }
}
