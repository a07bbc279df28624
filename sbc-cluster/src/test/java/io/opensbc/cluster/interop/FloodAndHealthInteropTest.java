package io.opensbc.cluster.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flood control and trunk health with SIPp as carrier and targets: retry storms are damped at the
 * threshold (seed 001), and a target that stops answering OPTIONS is taken out of service before
 * calls are lost to it, then taken back.
 */
@Tag("interop")
class FloodAndHealthInteropTest {
  @TempDir
  Path work;

  private SbcNode start(String yaml) throws Exception {
    ConfigResult r = ConfigLoader.parse(yaml, "flood.yaml");
    assertTrue(r instanceof ConfigResult.Valid, () -> r.toString());
    return SbcNode.start(((ConfigResult.Valid) r).config(), SbcNode.Options.STANDALONE)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void close(SbcNode node) throws Exception {
    node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  /** Acceptance: a far end that always answers 403 and a carrier that calls again 100 times. */
  @Test
  void aRetryStormReachesTheFarEndOnlyUpToTheDampingThreshold() throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int farEnd = Sipp.freePort();
    SbcNode node = start("""
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: far-end, host: 127.0.0.1, port: %d}
        routes:
          - {name: all, match: {}, trunk: far-end}
        """.formatted(farEnd));
    Path messages = work.resolve("far-end-messages.log");
    Process uas = sipp.startTracedUas("uas-reject-403.xml", farEnd, "u1", 60, messages);
    try {
      Sipp.Result carrier = sipp.runUac("uac-retry-storm.xml", Sipp.freePort(), "127.0.0.1:" + node.sipPort("udp"),
          "u1", 100, 20, 40);
      assertTrue(carrier.allCallsSucceeded(), () -> "every attempt got 403 or 486: " + carrier.log());
      int reached = Sipp.countRequests(messages, "INVITE");
      assertEquals(5, reached, "the default threshold: 5 failed attempts per 30 s reach the far end");
      assertEquals(95, node.health().getLong("dampedCalls"), "the rest were answered by the SBC");
    } finally {
      Sipp.stop(uas);
      close(node);
    }
  }

  /** Acceptance: two targets behind one trunk; one stops and comes back. */
  @Test
  void aTargetThatStopsAnsweringIsTakenOutThenBackWithoutLosingCalls() throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int one = Sipp.freePort();
    int two = Sipp.freePort();
    SbcNode node = start("""
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        admin: {host: 127.0.0.1, port: 0}
        trunks:
          - name: carrier
            host: 127.0.0.1
            targets:
              - {host: 127.0.0.1, port: %d, priority: 1}
              - {host: 127.0.0.1, port: %d, priority: 2}
            health: {interval: 1s, timeout: 500ms, failures-to-down: 2, successes-to-up: 1}
        routes:
          - {name: all, match: {}, trunk: carrier}
        """.formatted(one, two));
    Path oneLog = work.resolve("one-1.log");
    Path oneLog2 = work.resolve("one-2.log");
    Process first = sipp.startTracedUas("uas-answer-and-options.xml", one, "u1", 120, oneLog);
    Process second = sipp.startTracedUas("uas-answer-and-options.xml", two, "u1", 120, work.resolve("two.log"));
    String target = "127.0.0.1:" + node.sipPort("udp");
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> state(node, one).equals("UP") && state(node, two).equals("UP"));
      Sipp.Result before = sipp.runUac("uac", Sipp.freePort(), target, "u1", 10, 10, 30);
      assertTrue(before.allCallsSucceeded(), before::log);
      assertEquals(10, Sipp.countRequests(oneLog, "INVITE"), "priority 1 takes the calls");

      Sipp.stop(first);
      long stopped = System.nanoTime();
      await().atMost(Duration.ofSeconds(4)).until(() -> state(node, one).equals("DOWN"));
      long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
      assertTrue(detectedMs <= 2_000 + 500 + 500, "detected within two probe intervals (+ timeout): " + detectedMs);
      Sipp.Result during = sipp.runUac("uac", Sipp.freePort(), target, "u1", 20, 10, 30);
      assertTrue(during.allCallsSucceeded(), () -> "no call lost to the stopped target: " + during.log());

      first = sipp.startTracedUas("uas-answer-and-options.xml", one, "u1", 120, oneLog2);
      await().atMost(Duration.ofSeconds(4)).until(() -> state(node, one).equals("UP"));
      Sipp.Result after = sipp.runUac("uac", Sipp.freePort(), target, "u1", 10, 10, 30);
      assertTrue(after.allCallsSucceeded(), after::log);
      assertEquals(10, Sipp.countRequests(oneLog2, "INVITE"), "back in service: it takes the calls again");
    } finally {
      Sipp.stop(first);
      Sipp.stop(second);
      close(node);
    }
  }

  private static String state(SbcNode node, int port) {
    for (Object o : node.health().getJsonArray("targets")) {
      JsonObject t = (JsonObject) o;
      if (t.getString("target").endsWith("|" + port + "|udp")) {
        return t.getString("state");
      }
    }
    return "UNKNOWN";
  }
}
