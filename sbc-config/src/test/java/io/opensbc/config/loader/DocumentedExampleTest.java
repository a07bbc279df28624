package io.opensbc.config.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
}
