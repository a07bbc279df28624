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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered SBC nodes in one JVM on 127.0.0.1 with SIPp peers (docs/cluster.md): an in-dialog
 * request that reaches the node that does not own the call is passed to the owner over the
 * clustered event bus; a passive node refuses new calls while its active partner is up, and when
 * the active node leaves (a graceful stop: its calls are handed over), takes over its address,
 * carries its call to the end and takes new calls.
 */
@Tag("interop")
class ClusterPairInteropTest {

  private static SbcNode node(String name, String cluster, int hazelcast, Integer joinPort, int sip, String mode,
      int uasPort) throws Exception {
    String yaml = """
        node: {name: %s}
        admin: {enabled: false}
        cluster: {name: %s, host: 127.0.0.1, port: %d, members: [%s], mode: %s}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: %d}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp}
        routes:
          - {name: all, match: {}, trunk: carrier}
        media: {ports: {min: %d, max: %d}, workers: 1}
        # two nodes starting in one JVM next to other tests: the overload check is not what is tested
        admission: {max-event-loop-lag: 10s}
        """.formatted(name, cluster, hazelcast, joinPort == null ? "" : "\"127.0.0.1:" + joinPort + "\"", mode,
        sip, uasPort, 34000 + (joinPort == null ? 0 : 1000), 34998 + (joinPort == null ? 0 : 1000));
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, name + ".yaml")).config();
    return SbcNode.start(config, SbcNode.Options.EMBEDDED).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  @Test
  void anInDialogRequestAtTheOtherNodeReachesTheLiveOwner(@TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uasPort = Sipp.freePort();
    String cluster = "pair-" + UUID.randomUUID();
    int hz = Sipp.freePort();
    SbcNode one = node("one", cluster, hz, null, Sipp.freePort(), "active-active", uasPort);
    SbcNode two = null;
    Process uas = null;
    try {
      two = node("two", cluster, Sipp.freePort(), hz, Sipp.freePort(), "active-active", uasPort);
      uas = sipp.startUas("uas", uasPort, "u1", 5, 30);
      sipp.fromTemplate("uac-bye-to-another-node", "uac-bye-elsewhere.xml",
          Map.of("OTHER_HOST", "127.0.0.1", "OTHER_PORT", Integer.toString(two.sipPort("udp"))));
      Sipp.Result uac = sipp.runUac("uac-bye-elsewhere.xml", Sipp.freePort(), "127.0.0.1:" + one.sipPort("udp"),
          "u1", 5, 5, 30);
      assertTrue(uac.allCallsSucceeded(), () -> "every BYE sent to node two is answered: " + uac.log());
      assertEquals(0, Sipp.waitFor(uas, 20), "the callee got every BYE");
      SbcNode second = two;
      await().atMost(Duration.ofSeconds(5)).until(() -> one.activeCalls() == 0);
      long forwarded = second.clusterStatus().getLong("forwarded");
      assertTrue(forwarded >= 5, "node two passed each BYE (and any retransmission) to node one: " + forwarded);
      assertEquals(0L, one.clusterStatus().getLong("adopted"), "no call changed owner: its owner was alive");
      assertEquals(0, second.activeCalls());
    } finally {
      Sipp.stop(uas);
      if (two != null) {
        two.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      one.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void thePassiveNodeWaitsThenCarriesTheActiveNodesCallAndTakesNewOnes(@TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uasPort = Sipp.freePort();
    String cluster = "pair-" + UUID.randomUUID();
    int hz = Sipp.freePort();
    int activeSip = Sipp.freePort();
    SbcNode active = node("active", cluster, hz, null, activeSip, "active", uasPort);
    SbcNode passive = null;
    boolean activeClosed = false;
    Process uas = null;
    Process uac = null;
    try {
      passive = node("passive", cluster, Sipp.freePort(), hz, Sipp.freePort(), "passive", uasPort);
      SbcNode standby = passive;
      await().atMost(Duration.ofSeconds(5)).until(() -> "standby".equals(standby.health().getString("status")));
      Sipp.Result refused = sipp.runUac("uac-expect-503.xml", Sipp.freePort(), "127.0.0.1:" + passive.sipPort("udp"),
          "u1", 1, 1, 20);
      assertTrue(refused.allCallsSucceeded(), () -> "the passive node refuses a new call: " + refused.log());

      uas = sipp.startUas("uas-answers-reanchoring.xml", uasPort, "u1", 1, 60, "-mp",
          Integer.toString(Sipp.freePort()));
      sipp.fromTemplate("uac-long-call-reanchored", "uac-long.xml",
          Map.of("MEDIA_PORT", "[media_port]", "MIN_MS", "1000", "MAX_MS", "1500"));
      int uacPort = Sipp.freePort();
      uac = sipp.startUac("uac-long.xml", uacPort, "127.0.0.1:" + activeSip, "u1", 1, 1, 60, "-mp",
          Integer.toString(Sipp.freePort()));
      await().atMost(Duration.ofSeconds(10)).until(() -> active.activeCalls() == 1);
      // a graceful stop with a call in progress: the passive node takes the call and the address
      active.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      activeClosed = true;
      int uacExit = Sipp.waitFor(uac, 30);
      String uacLog = sipp.uacLog(uacPort);
      assertEquals(0, uacExit, () -> "the call ends through the passive node: " + uacLog);
      await().atMost(Duration.ofSeconds(5)).until(() -> "up".equals(standby.health().getString("status")));
      assertEquals(1L, standby.clusterStatus().getLong("adopted"));

      assertEquals(0, Sipp.waitFor(uas, 20), "the callee's side of the call ended too");
      uas = sipp.startUas("uas", uasPort, "u1", 1, 30);
      Sipp.Result next = sipp.runUac("uac", Sipp.freePort(), "127.0.0.1:" + activeSip, "u1", 1, 1, 30);
      assertTrue(next.allCallsSucceeded(), () -> "a new call at the moved address is taken: " + next.log());
      await().atMost(Duration.ofSeconds(5)).until(() -> standby.activeCalls() == 0);
    } finally {
      Sipp.stop(uac);
      Sipp.stop(uas);
      if (passive != null) {
        passive.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      if (!activeClosed) {
        active.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * What a node does after a partition healed: a call it carries whose merged claim names the other
   * node (both sides adopted it while split; the merge kept the other's claim) is let go without a
   * BYE and without touching the stored log, so the call has one owner again.
   */
  @Test
  void afterAPartitionHealsTheNodeThatLostTheClaimLetsTheCallGo(@TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int uasPort = Sipp.freePort();
    String cluster = "pair-" + UUID.randomUUID();
    int hz = Sipp.freePort();
    SbcNode one = node("one", cluster, hz, null, Sipp.freePort(), "active-active", uasPort);
    SbcNode two = null;
    Process uas = null;
    Process uac = null;
    try {
      two = node("two", cluster, Sipp.freePort(), hz, Sipp.freePort(), "active-active", uasPort);
      uas = sipp.startUas("uas", uasPort, "u1", 2, 30);
      uac = sipp.startUac("uac", Sipp.freePort(), "127.0.0.1:" + one.sipPort("udp"), "u1", 2, 10, 30, "-d", "20000");
      await().atMost(Duration.ofSeconds(10)).until(() -> one.activeCalls() == 2);
      assertEquals(0, one.reconcileOwnership().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS),
          "calls no other node claims stay");
      var logs = one.liveCalls().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      String lost = ((io.opensbc.sip.dialog.CallEvent.CallOffered) logs.get(0).get(0)).callRef();
      var hazelcast = com.hazelcast.core.Hazelcast.getAllHazelcastInstances().iterator().next();
      hazelcast.getMap(io.opensbc.cluster.ownership.CallOwners.OWNERS).put(lost, "1 two");
      byte[] stored = (byte[]) hazelcast.getMap(io.opensbc.cluster.store.HazelcastCallLogStore.LOGS).get(lost);

      assertEquals(1, one.reconcileOwnership().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertEquals(1, one.activeCalls(), "the other call stays with node one");
      assertEquals(1L, one.clusterStatus().getLong("forgotten"));
      assertTrue(java.util.Arrays.equals(stored,
          (byte[]) hazelcast.getMap(io.opensbc.cluster.store.HazelcastCallLogStore.LOGS).get(lost)),
          "the stored log is the owner's: untouched, no tombstone");
    } finally {
      Sipp.stop(uac);
      Sipp.stop(uas);
      if (two != null) {
        two.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      one.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
