package io.opensbc.cluster.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.sip.security.Binding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of issue 10: a phone (sipp on 127.0.0.2) REGISTERs through the SBC with digest
 * authentication, then a call from the carrier (sipp UAC on 127.0.0.1, a trunk) is routed by the
 * route {@code trunk: registered-users} to the phone's binding, over the flow the REGISTER came
 * on, and the phone (the same sipp, its out-of-call scenario) answers it.
 */
@Tag("interop")
class RegisteredPhoneInteropTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"udp", "tcp"})
  void carrierCallReachesTheRegisteredPhone(String transport, @TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int carrierPort = Sipp.freePort();
    int phonePort = Sipp.freePort();
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
          - {name: tcp, transport: tcp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: %s}
        routes:
          - {name: to-phones, match: {source-trunk: carrier}, trunk: registered-users}
        security:
          registrar:
            realm: sbc.test
            domains: [sbc.test]
            algorithms: [MD5]
            users:
              - {username: alice, password: s3cret-Pass}
        """.formatted(carrierPort, transport);
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "phones.yaml")).config();
    SbcNode node = SbcNode.start(config, SbcNode.Options.STANDALONE)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String t = transport.equals("udp") ? "u1" : "t1";
    Process phone = null;
    try {
      int sbcPort = node.sipPort(transport);
      sipp.fromTemplate("phone-register-digest", "phone.xml", Map.of("USER", "alice", "PASSWORD", "s3cret-Pass",
          "DOMAIN", "sbc.test", "HOLD_MS", "6000"));
      phone = sipp.startClient("phone.xml", "127.0.0.2", phonePort, t, 40, "127.0.0.1:" + sbcPort,
          "-oocsf", sipp.resource("phone-answers-call.xml").toString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      List<Binding> bindings = List.of();
      while (bindings.isEmpty() && System.nanoTime() < deadline && phone.isAlive()) {
        Thread.sleep(100);
        bindings = node.locations().lookup("alice").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
      Process p = phone;
      assertEquals(1, bindings.size(), () -> "alice registered: " + logOf(sipp, phonePort, p));
      Binding b = bindings.get(0);
      assertEquals("127.0.0.2", b.host(), "the binding keeps the flow's source address");
      assertEquals(phonePort, b.port());

      Sipp.Result carrier = sipp.runUac("uac", carrierPort, "127.0.0.1:" + sbcPort, t, 1, 1, 20, "-s", "alice");
      assertTrue(carrier.allCallsSucceeded(), () -> "the carrier's call to alice was answered: exit "
          + carrier.exitCode() + "\n" + carrier.log() + "\nphone:\n" + logOf(sipp, phonePort, p));
      assertEquals(0, Sipp.waitFor(phone, 30), () -> "the phone's sipp finished: " + logOf(sipp, phonePort, p));
    } finally {
      Sipp.stop(phone);
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  private static String logOf(Sipp sipp, int port, Process p) {
    try {
      return sipp.clientLog(port);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
