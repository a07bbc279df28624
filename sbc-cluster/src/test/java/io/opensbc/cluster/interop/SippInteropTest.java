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
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIPp caller -> SBC -> SIPp callee, over UDP and TCP, one fresh SBC node per fixture. Each
 * fixture is a pair of scenarios named by role and behaviour, a call count and a rate.
 */
@Tag("interop")
class SippInteropTest {

  static Stream<Arguments> fixtures() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (String t : new String[] {"udp", "tcp"}) {
      b.add(Arguments.of(t, "basic", "uas", "uac", 200, 50));
      b.add(Arguments.of(t, "cancel-after-180", "uas-ring-then-487.xml", "uac-cancel-after-180.xml", 20, 10));
      b.add(Arguments.of(t, "re-invite", "uas-reinvite.xml", "uac-reinvite.xml", 20, 10));
      b.add(Arguments.of(t, "bye-from-callee", "uas-hangs-up.xml", "uac-bye-from-callee.xml", 20, 10));
      // one caller and one callee refused again and again is a retry storm: past 5 failures in
      // 30 s the SBC answers itself (retry damping, docs/flood-control.md), so 5 calls here
      b.add(Arguments.of(t, "reject-486", "uas-reject-486.xml", "uac-expect-486.xml", 5, 10));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void callsThroughTheSbc(String transport, String name, String uasScenario, String uacScenario, int calls,
      int rate, @TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uasPort = Sipp.freePort();
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
          - {name: tcp, transport: tcp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: %s}
        routes:
          - {name: all, match: {}, trunk: carrier}
        """.formatted(uasPort, transport);
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, name + ".yaml")).config();
    SbcNode node = SbcNode.start(config, SbcNode.Options.STANDALONE)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String sippTransport = transport.equals("udp") ? "u1" : "t1";
    Process uas = null;
    try {
      uas = sipp.startUas(uasScenario, uasPort, sippTransport, calls, 60);
      int sbcPort = node.sipPort(transport);
      Sipp.Result uac = sipp.runUac(uacScenario, Sipp.freePort(), "127.0.0.1:" + sbcPort, sippTransport,
          calls, rate, 60);
      assertTrue(uac.allCallsSucceeded(), () -> name + " over " + transport + ": sipp UAC exit "
          + uac.exitCode() + "\n" + uac.log());
      assertEquals(0, Sipp.waitFor(uas, 20), "the sipp UAS completed every call");
      await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    } finally {
      Sipp.stop(uas);
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }
}
