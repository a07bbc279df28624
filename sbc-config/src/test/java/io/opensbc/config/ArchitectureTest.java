package io.opensbc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the package rules of docs/STYLE: model (and model.rules) -> JDK only; validation -> model;
 * loader -> both and SnakeYAML.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/io/opensbc/config");
  private static final Pattern IMPORT =
      Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

  @Test
  void modelImportsOnlyTheJdk() throws IOException {
    assertEquals(List.of(), imports("model", "java.", "io.opensbc.config.model."));
    assertEquals(List.of(), imports("model/rules", "java.", "io.opensbc.config.model."));
    assertEquals(List.of(), imports("model/media", "java.", "io.opensbc.config.model."));
  }

  @Test
  void validationImportsOnlyTheModelAndTheJdk() throws IOException {
    assertEquals(
        List.of(),
        imports(
            "validation", "java.", "io.opensbc.config.model.", "io.opensbc.config.validation."));
  }

  @Test
  void loaderImportsTheModelValidationAndSnakeYaml() throws IOException {
    assertEquals(
        List.of(), imports("loader", "java.", "io.opensbc.config.", "org.yaml.snakeyaml."));
  }

  /** The imports in {@code pkg} that start with none of {@code allowed}. */
  private static List<String> imports(String pkg, String... allowed) throws IOException {
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          String imported = m.group(2);
          if (Stream.of(allowed).noneMatch(imported::startsWith)) {
            bad.add(f.getFileName() + ": " + imported);
          }
        }
      }
    }
    return bad;
  }
}
