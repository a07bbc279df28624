package io.opensbc.sip.transaction.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** package-info: the fsm "may import only io.opensbc.sip.message" (and java.*). */
class FsmDependencyTest {
  private static final Path SOURCES = Path.of("src/main/java/io/opensbc/sip/transaction/fsm");

  @Test
  void importsOnlyTheMessageModelAndTheJdk() throws IOException {
    List<String> offending;
    try (Stream<Path> files = Files.list(SOURCES)) {
      offending = files
          .filter(p -> p.toString().endsWith(".java"))
          .flatMap(FsmDependencyTest::imports)
          .filter(FsmDependencyTest::forbidden)
          .collect(Collectors.toList());
    }
    assertEquals(List.of(), offending);
  }

  private static boolean forbidden(String fileAndImport) {
    String i = fileAndImport.substring(fileAndImport.indexOf(": ") + 2);
    return !i.startsWith("java.")
        && !i.startsWith("io.opensbc.sip.message.")
        && !i.startsWith("io.opensbc.sip.transaction.fsm.");
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
      throw new java.io.UncheckedIOException(e);
    }
  }
}
