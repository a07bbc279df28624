package io.opensbc.cluster.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's first acceptance, on the shipped example as it is: the active/passive pair of
 * {@code deploy/examples/cluster/} (service address 127.0.0.10:5060, carrier 127.0.0.1:5080) runs
 * as two JVMs; 20 sipp calls with RTP (a test socket per call that checks the callee's echo) go to
 * 127.0.0.10:5060; the active node is SIGKILLed mid-call. The passive node binds the service
 * address, adopts every call and re-anchors its media; every call then ends with BYE/200 on both
 * sides, about 25 s after it started, and RTP flows again within 3 s of the detection.
 */
@Tag("interop")
class ClusterPairExampleInteropTest {
  private static final Logger LOG = Logger.getLogger(ClusterPairExampleInteropTest.class.getName());
  private static final Path EXAMPLES = Path.of("..", "deploy", "examples", "cluster");
  private static final int CALLS = 20;

  @Test
  void theShippedPairCarriesTwentyCallsWithRtpThroughAKillOfTheActiveNode(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    assumeTrue(Files.exists(EXAMPLES.resolve("active.yaml")), "run from the sbc-cluster module");
    assumeTrue(NodeHealth.freeOn("127.0.0.10", 5060) && NodeHealth.freeOn("127.0.0.11", 5060)
        && NodeHealth.freeOn("127.0.0.1", 5080) && NodeHealth.freeOn("127.0.0.1", 8080)
        && NodeHealth.freeOn("127.0.0.1", 8081) && NodeHealth.freeOn("127.0.0.1", 5701)
        && NodeHealth.freeOn("127.0.0.1", 5702), "the example's addresses are in use on this machine");
    Sipp sipp = new Sipp(work);
    SbcProcess active = null;
    SbcProcess passive = null;
    Process uas = null;
    List<RtpCall> calls = new ArrayList<>();
    try {
      active = SbcProcess.start(work, "active", Files.readString(EXAMPLES.resolve("active.yaml"))).awaitReady(60);
      passive = SbcProcess.start(work, "passive", Files.readString(EXAMPLES.resolve("passive.yaml")))
          .awaitReady(60);
      uas = sipp.startUas("uas-answers-reanchoring.xml", 5080, "u1", CALLS, 90, "-rtp_echo", "-mp",
          Integer.toString(Sipp.freePort()));
      for (int i = 0; i < CALLS; i++) {
        // hang up 10-12 s after the re-anchoring: about 25 s a call with the kill 10 s in
        calls.add(RtpCall.start(sipp, work, "127.0.0.10:5060", 10_000, 12_000));
        // the calls arrive over two seconds, as a trunk's do: twenty sipp processes started at
        // once on two cores next to two cold nodes made the active node's event loop lag past
        // admission.max-event-loop-lag, and it shed some of them with 503 (as it should)
        Thread.sleep(100);
      }
      NodeHealth.await("127.0.0.1", 8080, h -> h.getInteger("activeCalls") == CALLS, 20,
          "the active node carries every call");
      Map<RtpCall, Integer> relayOfActive = new HashMap<>();
      for (RtpCall c : calls) {
        int port = c.echoedThroughRelay(10);
        assertTrue(port > 0, () -> "RTP through the active node's relay before the kill: " + c.log());
        relayOfActive.put(c, port);
      }
      Thread.sleep(8_000); // mid-call

      long killedAt = System.currentTimeMillis();
      active.kill();

      JsonObject took = NodeHealth.await("127.0.0.1", 8081,
          h -> h.getJsonObject("cluster").getLong("adopted") == CALLS, 15, "the passive node adopts every call");
      long detectedAt = NodeHealth.departure(took);
      for (RtpCall c : calls) {
        assertEquals(0, c.finish(), () -> "the call ends with BYE/200 for the caller: " + c.log());
      }
      assertEquals(0, Sipp.waitFor(uas, 20), "every call ends with BYE/200 for the callee");
      long worst = 0;
      for (RtpCall c : calls) {
        long resumed = c.firstEchoNotThrough(relayOfActive.get(c));
        assertTrue(resumed > 0 && resumed - detectedAt < 3000, () -> "RTP flows again within 3 s of detection: "
            + (resumed - detectedAt) + " ms, " + c.log());
        worst = Math.max(worst, resumed - detectedAt);
      }
      LOG.info("pair: detection " + (detectedAt - killedAt) + " ms after the kill; RTP back on every call within "
          + worst + " ms of detection");
      NodeHealth.await("127.0.0.1", 8081, h -> h.getInteger("activeCalls") == 0, 10, "the passive node ends them all");
    } finally {
      for (RtpCall c : calls) {
        c.close();
      }
      Sipp.stop(uas);
      for (SbcProcess n : new SbcProcess[] {active, passive}) {
        if (n != null) {
          n.close();
        }
      }
    }
  }
}
