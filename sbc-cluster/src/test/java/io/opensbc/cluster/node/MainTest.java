package io.opensbc.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: check-config exit codes and error lines; usage errors. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void quickstartChecksClean() throws Exception {
    Path quickstart = Path.of("..", "deploy", "examples", "quickstart.yaml");
    assertEquals(0, run("check-config", quickstart.toString()));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("OK"));
  }

  @Test
  void badConfigurationExitsOneWithEveryErrorAndItsLine(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        listeners:
          - {name: udp, transport: sctp, host: 127.0.0.1, port: 5060}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: 99999}
        routes:
          - {name: r, match: {user-regex: "([0-9"}, trunk: nowhere}
        """);
    assertEquals(1, run("check-config", bad.toString()));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("bad.yaml:2:"), e);
    assertTrue(e.contains("bad.yaml:4:"), e);
    assertTrue(e.contains("bad.yaml:6:"), e);
    assertTrue(e.contains("sctp"), e);
    assertTrue(e.contains("nowhere"), e);
  }

  @Test
  void unknownCommandIsAUsageError() throws Exception {
    assertEquals(2, run("frobnicate"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
  }
}
