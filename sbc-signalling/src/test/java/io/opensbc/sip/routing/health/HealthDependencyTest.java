package io.opensbc.sip.routing.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * package-info: health imports java.*, Vert.x core, the routing config model, SIP messages,
 * {@code SipTransport} and the {@code Timers} of the transaction layer; never the B2BUA, dialogs or
 * Hazelcast. {@code TargetHealth} (the state machine) needs no Vert.x at all.
 */
class HealthDependencyTest {
  private static final Path SOURCES = Path.of("src/main/java/io/opensbc/sip/routing/health");
  private static final List<String> ALLOWED = List.of("java.", "io.vertx.core.", "io.opensbc.config.model.routing.",
      "io.opensbc.sip.message.", "io.opensbc.sip.routing.dns.SipTransport", "io.opensbc.sip.routing.health.",
      "io.opensbc.sip.transaction.Timers", "io.opensbc.sip.transaction.VertxTimers");

  @Test
  void importsOnlyWhatThePackageInfoAllows() {
    assertEquals(List.of(), offending(null, ALLOWED));
  }

  @Test
  void theStateMachineIsPure() {
    assertEquals(List.of(), offending("TargetHealth.java", List.of("java.", "io.opensbc.config.model.routing.",
        "io.opensbc.sip.routing.health.")));
  }

  private static List<String> offending(String only, List<String> allowed) {
    try (Stream<Path> files = Files.list(SOURCES)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> only == null || p.getFileName().toString().equals(only))
          .flatMap(HealthDependencyTest::imports)
          .filter(i -> allowed.stream().noneMatch(a -> i.substring(i.indexOf(": ") + 2).startsWith(a)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "File.java: imported.Name" for each import of the file. */
  private static Stream<String> imports(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .map(String::trim)
          .filter(l -> l.startsWith("import "))
          .map(l -> l.substring("import ".length()).replace("static ", "").replace(";", "").trim())
          .map(i -> file.getFileName() + ": " + i);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
