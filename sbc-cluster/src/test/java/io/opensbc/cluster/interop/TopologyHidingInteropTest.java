package io.opensbc.cluster.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topology hiding (issue 10): a sipp call carrier (127.0.0.2) -> SBC -> PBX (127.0.0.1), both
 * sipps logging every message they receive ({@code -trace_msg}). No message sent to one trunk may
 * carry the other trunk's address or port, a Call-ID of the other leg, or a Via (branch) of the
 * other trunk.
 */
@Tag("interop")
class TopologyHidingInteropTest {
  private static final Pattern BRANCH = Pattern.compile("branch=([^;>\\s,]+)");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"udp", "tcp"})
  void noMessageToATrunkCarriesTheOtherTrunk(String transport, @TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Sipp sipp = new Sipp(work);
    int pbxPort = Sipp.freePort();
    int carrierPort = Sipp.freePort();
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
          - {name: tcp, transport: tcp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.2, port: %d, transport: %s}
          - {name: pbx, host: 127.0.0.1, port: %d, transport: %s}
        routes:
          - {name: in, match: {source-trunk: carrier}, trunk: pbx}
        """.formatted(carrierPort, transport, pbxPort, transport);
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "topology.yaml")).config();
    SbcNode node = SbcNode.start(config, SbcNode.Options.STANDALONE)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String t = transport.equals("udp") ? "u1" : "t1";
    Path pbxLog = work.resolve("pbx-messages.log");
    Path carrierLog = work.resolve("carrier-messages.log");
    Process pbx = null;
    Process carrier = null;
    try {
      pbx = sipp.startUas("uas", pbxPort, t, 1, 30, "-trace_msg", "-message_file", pbxLog.toString());
      carrier = sipp.startClient("uac", "127.0.0.2", carrierPort, t, 30, "127.0.0.1:" + node.sipPort(transport),
          "-s", "4420123", "-trace_msg", "-message_file", carrierLog.toString());
      Process c = carrier;
      assertEquals(0, Sipp.waitFor(carrier, 30), () -> "the call completed: " + logOf(sipp, carrierPort));
      assertEquals(0, Sipp.waitFor(pbx, 20), "the PBX's sipp completed its call");

      List<String> toPbx = received(pbxLog);
      List<String> toCarrier = received(carrierLog);
      assertTrue(toPbx.size() >= 3 && toCarrier.size() >= 4, () -> "messages seen: pbx " + toPbx.size()
          + ", carrier " + toCarrier.size());
      Set<String> carrierCallIds = headerValues(sent(carrierLog), "Call-ID");
      Set<String> pbxCallIds = headerValues(sent(pbxLog), "Call-ID");
      Set<String> carrierBranches = branches(sent(carrierLog));
      Set<String> pbxBranches = branches(sent(pbxLog));
      assertFalse(carrierCallIds.isEmpty() || pbxCallIds.isEmpty() || carrierBranches.isEmpty());

      for (String m : toPbx) {
        assertFalse(m.contains("127.0.0.2"), () -> "the carrier's address reached the PBX:\n" + m);
        assertFalse(m.contains(":" + carrierPort), () -> "the carrier's port reached the PBX:\n" + m);
        for (String id : carrierCallIds) {
          assertFalse(m.contains(id), () -> "the carrier's Call-ID reached the PBX:\n" + m);
        }
        for (String b : carrierBranches) {
          assertFalse(m.contains(b), () -> "a carrier Via reached the PBX:\n" + m);
        }
      }
      for (String m : toCarrier) {
        assertFalse(m.contains(":" + pbxPort), () -> "the PBX's port reached the carrier:\n" + m);
        for (String id : pbxCallIds) {
          assertFalse(m.contains(id), () -> "the PBX's Call-ID reached the carrier:\n" + m);
        }
        for (String b : pbxBranches) {
          assertFalse(m.contains(b), () -> "a PBX Via reached the carrier:\n" + m);
        }
      }
    } finally {
      Sipp.stop(carrier);
      Sipp.stop(pbx);
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  /** The messages of a sipp -trace_msg log whose block header says "received". */
  static List<String> received(Path log) throws Exception {
    return blocks(log, "received");
  }

  static List<String> sent(Path log) throws Exception {
    return blocks(log, "sent");
  }

  private static List<String> blocks(Path log, String kind) throws Exception {
    List<String> out = new ArrayList<>();
    if (!Files.exists(log)) {
      return out;
    }
    String text = "\n" + Files.readString(log, StandardCharsets.ISO_8859_1);
    for (String block : text.split("\n-{20,}[^\n]*\n")) {
      int nl = block.indexOf('\n');
      if (nl > 0 && block.substring(0, nl).contains("message " + kind)) {
        out.add(block.substring(nl + 1));
      }
    }
    return out;
  }

  private static Set<String> headerValues(List<String> messages, String header) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : messages) {
      for (String line : m.split("\r?\n")) {
        if (line.regionMatches(true, 0, header + ":", 0, header.length() + 1)) {
          out.add(line.substring(header.length() + 1).trim());
        }
      }
    }
    return out;
  }

  private static Set<String> branches(List<String> messages) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : messages) {
      for (String line : m.split("\r?\n")) {
        if (line.regionMatches(true, 0, "Via:", 0, 4)) {
          Matcher b = BRANCH.matcher(line);
          while (b.find()) {
            out.add(b.group(1));
          }
        }
      }
    }
    return out;
  }

  private static String logOf(Sipp sipp, int port) {
    try {
      return sipp.clientLog(port);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
