package io.opensbc.cluster.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session timers (RFC 4028) on the wire, SIPp on both legs over UDP, with intervals of seconds
 * (the SBC accepts them for labs; RFC 4028 asks for 90 s or more on the public network).
 */
@Tag("interop")
class SessionTimerInteropTest {
  @TempDir Path work;

  private SbcNode start(int uacPort, int uasPort, String pbxTimer, String carrierTimer) throws Exception {
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: pbx, host: 127.0.0.1, port: %d, session-timer: %s}
          - {name: carrier, host: 127.0.0.1, port: %d, session-timer: %s}
        routes:
          - {name: to-carrier, match: {source-trunk: pbx}, trunk: carrier}
        """.formatted(uacPort, pbxTimer, uasPort, carrierTimer);
    ConfigResult r = ConfigLoader.parse(yaml, "timers.yaml");
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    return SbcNode.start(((ConfigResult.Valid) r).config(), SbcNode.Options.STANDALONE)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aLegThatStopsRefreshingIsEndedWithByeOnBothSides() throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uacPort = Sipp.freePort();
    int uasPort = Sipp.freePort();
    SbcNode node = start(uacPort, uasPort, "{expires: 30s, min-se: 2s, refresher: peer}", "{enabled: false}");
    Process uas = null;
    try {
      uas = sipp.startUas("uas-bye-from-sbc.xml", uasPort, "u1", 1, 30);
      long t0 = System.nanoTime();
      Sipp.Result uac = sipp.runUac("uac-session-timer-no-refresh.xml", uacPort,
          "127.0.0.1:" + node.sipPort("udp"), "u1", 1, 1, 30);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(uac.allCallsSucceeded(), () -> "caller: " + uac.exitCode() + "\n" + uac.log());
      assertEquals(0, Sipp.waitFor(uas, 15), "the callee got the SBC's BYE with the Reason");
      // 4 s interval, the peer refreshes: the SBC waits 4 - min(32, 4/3) = 2.67 s (RFC 4028 §10)
      assertTrue(took >= 2_500, "the call was ended by the timer, not at once: " + took + " ms");
      await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    } finally {
      Sipp.stop(uas);
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void anIntervalBelowMinSeIsRefusedWith422() throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uacPort = Sipp.freePort();
    SbcNode node = start(uacPort, Sipp.freePort(), "{expires: 30s, min-se: 2s}", "{enabled: false}");
    try {
      Sipp.Result uac = sipp.runUac("uac-expect-422.xml", uacPort, "127.0.0.1:" + node.sipPort("udp"), "u1",
          1, 1, 20);
      assertTrue(uac.allCallsSucceeded(), () -> "caller: " + uac.exitCode() + "\n" + uac.log());
    } finally {
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void theSbcRefreshesTheLegItIsRefresherOfWithUpdate() throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uacPort = Sipp.freePort();
    int uasPort = Sipp.freePort();
    SbcNode node = start(uacPort, uasPort, "{enabled: false}", "{expires: 4s, min-se: 2s, refresher: sbc}");
    Process uas = null;
    try {
      uas = sipp.startUas("uas-session-refreshed-by-sbc.xml", uasPort, "u1", 1, 30);
      Sipp.Result uac = sipp.runUac("uac-hangs-up-after-3s.xml", uacPort, "127.0.0.1:" + node.sipPort("udp"),
          "u1", 1, 1, 30);
      assertTrue(uac.allCallsSucceeded(), () -> "caller: " + uac.exitCode() + "\n" + uac.log());
      assertEquals(0, Sipp.waitFor(uas, 15), "the callee got an UPDATE refresh, then the BYE");
      await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    } finally {
      Sipp.stop(uas);
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }
}
