package io.opensbc.config.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.admission.AdmissionConfig;
import io.opensbc.config.model.admission.RetryDamping;
import io.opensbc.config.model.admission.SourceRate;
import io.opensbc.config.model.media.MediaConfig;
import io.opensbc.config.model.media.MediaSecurity;
import io.opensbc.config.model.media.TrunkMedia;
import io.opensbc.config.model.routing.TrunkLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the examples in docs/configuration.md true. */
class DocumentedExampleTest {

  @Test
  void docsShowTheRealOutputForTheExampleFile() throws Exception {
    String yaml;
    try (var in = getClass().getResourceAsStream("documented-mistakes.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines =
        ConfigLoader.parse(yaml, "sbc.yaml").errors().stream().map(ConfigError::toString).toList();
    assertEquals(5, lines.size(), lines::toString);
    String docs = Files.readString(QuickstartTest.findUp(Path.of("docs", "configuration.md")));
    assertTrue(docs.contains(yaml), "docs/configuration.md shows documented-mistakes.yaml");
    for (String line : lines) {
      assertTrue(docs.contains(line), "docs/configuration.md shows: " + line);
    }
  }

  @Test
  void theRuleSetsExampleLoads() throws Exception {
    String docs = Files.readString(QuickstartTest.findUp(Path.of("docs", "configuration.md")));
    String section = docs.substring(docs.indexOf("## `rule-sets`"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(start, section.indexOf("```\n", start));
    ConfigResult r = ConfigLoader.parse(yaml, "docs/configuration.md");
    assertTrue(r.isValid(), () -> yaml + r.errors());
    assertEquals(
        List.of("busy-not-forbidden", "national-to-e164", "no-premium-rate"),
        r.orElseThrow().ruleSets().get(0).rules().stream().map(rule -> rule.name()).toList());
  }

  @Test
  void theRoutingAndAdmissionExamplesLoad() throws Exception {
    String docs = Files.readString(QuickstartTest.findUp(Path.of("docs", "configuration.md")));
    String yaml =
        ConfigLoaderTest.MINIMAL
            + "  - {name: tcp, transport: tcp, host: 127.0.0.1, port: 5060}\n"
            + yamlAfter(docs, "### Targets, health checks and failover")
            + "  - {name: carrier, host: 10.0.0.1}\n" // more items of the example's trunk list
            + "  - {name: pbx, host: 10.0.0.2}\n"
            + yamlAfter(docs, "With number ranges, a time window")
            + "rule-sets:\n  - {name: uk-dialplan, rules: []}\n"
            + yamlAfter(docs, "## `admission`");
    ConfigResult r = ConfigLoader.parse(yaml, "docs/configuration.md");
    assertTrue(r.isValid(), () -> yaml + r.errors());
    SbcConfig c = r.orElseThrow();
    assertEquals(3, c.trunk("teams").orElseThrow().targets().size());
    assertTrue(c.trunk("teams").orElseThrow().dispatch().health().enabled());
    assertEquals(new TrunkLimits(10, 200), c.trunk("teams").orElseThrow().dispatch().limits());
    assertEquals(List.of("teams", "carrier"), c.routes().get(0).trunks());
    assertEquals(List.of("uk-dialplan"), c.routes().get(0).ruleSets());
    assertTrue(c.routes().get(1).match().fromRegex().matcher("+441").find());
    assertEquals(
        new AdmissionConfig(
            new SourceRate(20, 40, true, java.time.Duration.ofSeconds(10)),
            new RetryDamping(true, 5, Duration.ofSeconds(30), 486),
            List.of("friendly-scanner", "sipvicious"),
            Duration.ofMillis(100),
            Duration.ofSeconds(32)),
        c.admission());
    String admission = docs.substring(docs.indexOf("## `admission`"));
    for (String scanner : AdmissionConfig.DEFAULT_SCANNERS) {
      assertTrue(admission.contains("`" + scanner + "`"), "docs list the default scanner " + scanner);
    }
  }

  @Test
  void theMediaExamplesLoad() throws Exception {
    String docs = Files.readString(QuickstartTest.findUp(Path.of("docs", "configuration.md")));
    String yaml =
        ConfigLoaderTest.MINIMAL
            + "  - {name: tcp, transport: tcp, host: 127.0.0.1, port: 5060}\n"
            + yamlAfter(docs, "### Media")
            + "  - {name: pbx, host: 10.0.0.2}\n" // the trunk the example bypasses
            + yamlAfter(docs, "## `media`");
    ConfigResult r = ConfigLoader.parse(yaml, "docs/configuration.md");
    assertTrue(r.isValid(), () -> yaml + r.errors());
    SbcConfig c = r.orElseThrow();
    assertEquals(
        new TrunkMedia(
            MediaSecurity.SRTP,
            List.of("AES_CM_128_HMAC_SHA1_80"),
            List.of("PCMU", "PCMA", "telephone-event"),
            List.of("pbx"),
            true,
            false),
        c.trunk("teams").orElseThrow().media());
    MediaConfig defaultsButAddress =
        new MediaConfig(
            MediaConfig.DEFAULT.ports(),
            MediaConfig.DEFAULT.workers(),
            MediaConfig.DEFAULT.timeout(),
            MediaConfig.DEFAULT.holdTimeout(),
            MediaConfig.DEFAULT.maxSessions(),
            MediaConfig.DEFAULT.relatchSilence(),
            MediaConfig.DEFAULT.relatchPackets(),
            "127.0.0.1",
            MediaConfig.DEFAULT.maxPacketBytes());
    assertEquals(defaultsButAddress, c.media(), "the example shows the defaults");
    String trunkMedia = docs.substring(docs.indexOf("### Media"), docs.indexOf("## `routes`"));
    for (String profile : TrunkMedia.SRTP_PROFILES) {
      assertTrue(trunkMedia.contains("`" + profile + "`"), "docs list the SRTP profile " + profile);
    }
  }

  /** The first YAML block after {@code marker}. */
  private static String yamlAfter(String docs, String marker) {
    String section = docs.substring(docs.indexOf(marker));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    return section.substring(start, section.indexOf("```\n", start));
  }
}
