package io.opensbc.cluster.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The field reports fixed by deploy/examples/teams-carrier.yaml, with SIPp on both sides at the
 * addresses the example names (carrier 127.0.0.1:5080, Teams/PBX 127.0.0.1:5090; the SBC on 5060
 * and 5070). The example file is used as shipped, except that its admin port is made ephemeral.
 */
@Tag("interop")
class TeamsCarrierRulesTest {
  static final Path EXAMPLE = Path.of("../deploy/examples/teams-carrier.yaml");

  @TempDir
  Path work;
  private Path configFile;
  private SbcNode node;
  private Sipp sipp;
  private int rounds;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    configFile = work.resolve("teams-carrier.yaml");
    Files.writeString(configFile, example());
    ConfigResult r = ConfigLoader.load(configFile);
    assertTrue(r instanceof ConfigResult.Valid, () -> "the example must load: " + r);
    node = SbcNode.start(((ConfigResult.Valid) r).config(), SbcNode.Options.STANDALONE)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).configFile(configFile);
    sipp = new Sipp(work);
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  static String example() throws Exception {
    return Files.readString(EXAMPLE, StandardCharsets.UTF_8).replace("port: 8080", "port: 0");
  }

  /** Acceptance (a), seed 001: Teams' 403 + cause 63 reaches the carrier as 486 + cause 17. */
  @ParameterizedTest(name = "carrier over {0}")
  @ValueSource(strings = {"u1", "t1"})
  void teamsForbiddenCause63ReachesTheCarrierAsBusyCause17(String carrierTransport) throws Exception {
    assertEquals(0, refusedCall(486, "Q\\.850;cause=17", carrierTransport), "every call refused with 486 + cause 17");
    assertTrue(ruleHits("teams", "inbound", "response-map") >= 5, "the response map counted its hits");
  }

  /** Acceptance (b), seed 000: outside the DDI range PAI = the default CLI; inside, the caller's own number. */
  @ParameterizedTest(name = "From {0}")
  @ValueSource(strings = {"+447912345678", "+442071234567", "02071234599"})
  void pbxIdentityIsFixedForTheCarrier(String fromNumber) throws Exception {
    String asserted = switch (fromNumber) {
      case "+442071234567" -> "+442071234567";
      case "02071234599" -> "+442071234599"; // national form, compared with country code 44
      default -> "+442071234500";
    };
    sipp.fromTemplate("uas-carrier-checks-identity", "uas-carrier.xml", Map.of("PAI", asserted.replace("+", "\\+")));
    Process carrier = sipp.startUas("uas-carrier.xml", 5080, "u1", 3, 30);
    try {
      Sipp.Result pbx = sipp.runUac("uac-pbx-identity.xml", Sipp.freePort(), "127.0.0.1:5070", "u1", 3, 10, 30,
          "-key", "from", fromNumber);
      assertTrue(pbx.allCallsSucceeded(), () -> "PBX side: sipp exit " + pbx.exitCode() + "\n" + pbx.log());
      assertEquals(0, Sipp.waitFor(carrier, 20), () -> "the carrier saw PAI " + asserted + " and no Privacy");
    } finally {
      Sipp.stop(carrier);
    }
    assertTrue(ruleHits("carrier", "outbound", "identity") >= 3);
  }

  /** Hot reload: a broken file is refused with every error and the running rules stay; a good one applies. */
  @Test
  void reloadRefusesABrokenFileAndKeepsTheRunningRules() throws Exception {
    String good = Files.readString(configFile);
    String broken = good
        .replace("to-status: 486", "to-status: 986")
        .replace("match: INVITE\n        do:\n          - normalise-e164", "match: INVITE\n        do:\n          - normalize-e146");
    Files.writeString(configFile, broken);
    HttpResponse<String> refused = postReload();
    assertEquals(422, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("\"applied\" : false"), refused.body());
    assertTrue(count(refused.body(), "teams-carrier.yaml:") >= 2, () -> "each mistake with its line: " + refused.body());
    assertEquals(0, refusedCall(486, "Q\\.850;cause=17", "u1"), "the running rules stay");

    Files.writeString(configFile, good.replace("to-status: 486, to-cause: 17, to-reason: Busy Here",
        "to-status: 480, to-cause: 18"));
    HttpResponse<String> applied = postReload();
    assertEquals(200, applied.statusCode(), applied.body());
    assertTrue(applied.body().contains("\"version\" : 2"), applied.body());
    assertEquals(0, refusedCall(480, "Q\\.850;cause=18", "u1"), "new transactions use the new rules");
  }

  /** Runs 5 calls carrier -> SBC -> Teams, which refuses them with 403 + cause 63. Returns the UAS exit. */
  private int refusedCall(int expectStatus, String reasonRegex, String carrierTransport) throws Exception {
    String name = "uac-expect-" + expectStatus + "-" + rounds + ".xml";
    // a new callee each round: five refused calls to one callee is where retry damping starts
    String callee = "+4420712345" + (60 + rounds++);
    sipp.fromTemplate("uac-expect-final", name, Map.of("STATUS", Integer.toString(expectStatus), "REASON", reasonRegex,
        "CALLEE", callee));
    Process teams = sipp.startUas("uas-reject-403-cause-63.xml", 5090, "u1", 5, 30);
    try {
      Sipp.Result carrier = sipp.runUac(name, Sipp.freePort(), "127.0.0.1:5060", carrierTransport, 5, 10, 30);
      assertTrue(carrier.allCallsSucceeded(), () -> "carrier side: sipp exit " + carrier.exitCode() + "\n" + carrier.log());
      return Sipp.waitFor(teams, 20);
    } finally {
      Sipp.stop(teams);
    }
  }

  private HttpResponse<String> postReload() throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.adminPort() + "/admin/reload"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private long ruleHits(String trunk, String direction, String rule) throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("sbc_rule_hits_total\\{([^}]*)\\} ([0-9.E]+)").matcher(metrics);
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("trunk=\"" + trunk + "\"") && labels.contains("direction=\"" + direction + "\"")
          && labels.contains("rule=\"" + rule + "\"")) {
        return (long) Double.parseDouble(m.group(2));
      }
    }
    return -1;
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
