package io.opensbc.cluster.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.sip.routing.dns.DnsRecord;
import io.opensbc.sip.routing.dns.TestDnsServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster published under one name with DNS SRV (docs/cluster.md, deploy/dns/): two nodes on
 * 127.0.0.2 and 127.0.0.3 behind {@code _sip._udp.cluster.lab.test} (priorities 10 and 20), served
 * by a DNS server on loopback. The UA that resolves the name is another OpenSBC (a PBX-side SBC
 * whose trunk target is the cluster's name), so the lookups are the product's own RFC 3263 location
 * and serial hunting: with the first node gone, the first new call times out there (Timer B, 64×T1)
 * and moves to the next node, and the calls after it go to the next node at once (the address that
 * did not answer is tried last for 30 s).
 */
@Tag("interop")
class ClusterSrvFailoverInteropTest {
  private static final String NAME = "cluster.lab.test";

  @TempDir
  Path work;

  @Test
  void aUaThatResolvesTheClustersSrvMovesNewCallsToTheNextNodeWhenTheFirstIsGone() throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int carrier = Sipp.freePort();
    SbcNode a = start(member("127.0.0.2", carrier));
    SbcNode b = start(member("127.0.0.3", carrier));
    SbcNode ua = null;
    Path trace = work.resolve("carrier-messages.log");
    Process uas = sipp.startTracedUas("uas", carrier, "u1", 90, trace);
    try (TestDnsServer dns = new TestDnsServer()) {
      dns.add(
          new DnsRecord.SrvRecord("_sip._udp." + NAME, 60, 10, 1, a.sipPort("udp"), "a." + NAME),
          new DnsRecord.SrvRecord("_sip._udp." + NAME, 60, 20, 1, b.sipPort("udp"), "b." + NAME),
          new DnsRecord.ARecord("a." + NAME, 60, InetAddress.getByName("127.0.0.2")),
          new DnsRecord.ARecord("b." + NAME, 60, InetAddress.getByName("127.0.0.3")));
      ua = start("""
          admin: {enabled: false}
          sip:
            dns: {servers: ["127.0.0.1:%d"], timeout: 500ms}
            timers: {t1: 50ms, t2: 400ms}
          listeners:
            - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
          trunks:
            - name: cluster
              host: %s
              targets: [{host: %s}]
          routes:
            - {name: all, match: {}, trunk: cluster}
          """.formatted(dns.address().getPort(), NAME, NAME));
      String target = "127.0.0.1:" + ua.sipPort("udp");

      Sipp.Result before = sipp.runUac("uac", Sipp.freePort(), target, "u1", 5, 5, 30);
      assertTrue(before.allCallsSucceeded(), before::log);
      assertEquals(5, viaFrom(trace, "127.0.0.2"), "priority 10: the first node takes the calls");
      assertEquals(0, viaFrom(trace, "127.0.0.3"));

      close(a);
      a = null;
      long gone = System.nanoTime();
      Sipp.Result first = sipp.runUac("uac", Sipp.freePort(), target, "u1", 1, 1, 30);
      long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - gone);
      assertTrue(first.allCallsSucceeded(), () -> "the first new call after the node left: " + first.log());
      assertEquals(1, viaFrom(trace, "127.0.0.3"), "it reached the next node by SRV priority");
      assertTrue(firstMs < 3_200 + 2_000, "after one Timer B (64 x 50 ms) on the node that left: " + firstMs + " ms");
      long started = System.nanoTime();
      Sipp.Result after = sipp.runUac("uac", Sipp.freePort(), target, "u1", 5, 5, 30);
      long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(after.allCallsSucceeded(), () -> "new calls after the first node left: " + after.log());
      assertEquals(6, viaFrom(trace, "127.0.0.3"), "the next node takes every new call");
      assertEquals(5, viaFrom(trace, "127.0.0.2"), "none went to the node that left");
      assertTrue(afterMs < 3_000, "without waiting on the node that left again: " + afterMs + " ms");
    } finally {
      Sipp.stop(uas);
      for (SbcNode n : new SbcNode[] {ua, a, b}) {
        if (n != null) {
          close(n);
        }
      }
    }
  }

  /** A cluster node on {@code host}: every call to the carrier (sipp on 127.0.0.1). */
  private static String member(String host, int carrier) {
    return """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: %s, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d}
        routes:
          - {name: all, match: {}, trunk: carrier}
        """.formatted(host, carrier);
  }

  private static SbcNode start(String yaml) throws Exception {
    ConfigResult r = ConfigLoader.parse(yaml, "srv.yaml");
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    return SbcNode.start(((ConfigResult.Valid) r).config(), SbcNode.Options.STANDALONE)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void close(SbcNode node) throws Exception {
    node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  /** Calls (distinct Call-IDs of INVITEs) the carrier received from the node at {@code host}. */
  private static int viaFrom(Path trace, String host) throws Exception {
    if (!Files.exists(trace)) {
      return 0;
    }
    String text = Files.readString(trace, java.nio.charset.StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("(?m)^INVITE sip:[^\\r\\n]*\\r?\\n((?:[^\\r\\n]+\\r?\\n)*)").matcher(text);
    java.util.Set<String> calls = new java.util.HashSet<>();
    while (m.find()) {
      String headers = m.group(1);
      Matcher via = Pattern.compile("(?mi)^Via: SIP/2\\.0/UDP ([^:;\\s]+)").matcher(headers);
      Matcher id = Pattern.compile("(?mi)^Call-ID: *(\\S+)").matcher(headers);
      if (via.find() && via.group(1).equals(host) && id.find()) {
        calls.add(id.group(1));
      }
    }
    return calls.size();
  }
}
