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
  void certWritesALabCertificateThatCheckConfigAcceptsForItsFqdnOnly(@TempDir Path dir) throws Exception {
    assertEquals(0, run("cert", "--fqdn", "sbc.lab.test", "--out", dir.resolve("certs").toString()));
    assertTrue(Files.exists(dir.resolve("certs/cert.pem")) && Files.exists(dir.resolve("certs/key.pem")));
    String yaml = """
        listeners:
          - name: tls
            transport: tls
            host: 127.0.0.1
            port: 5061
            tls: {certificate: certs/cert.pem, key: certs/key.pem}
        trunks:
          - {name: teams, template: teams, fqdn: FQDN}
        """;
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, yaml.replace("FQDN", "sbc.lab.test"));
    assertEquals(0, run("check-config", "--expanded", good.toString()), err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("sip2.pstnhub.microsoft.com"));
    Path wrong = dir.resolve("wrong.yaml");
    Files.writeString(wrong, yaml.replace("FQDN", "sbc.example.com"));
    assertEquals(1, run("check-config", wrong.toString()));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("trunk 'teams': fqdn sbc.example.com is not in the certificate's SAN"), e);
    assertEquals(2, run("cert", "--fqdn", "not a name", "--out", dir.toString()));
  }

  @Test
  void theTeamsExampleChecksClean() throws Exception {
    Path example = Path.of("..", "deploy", "examples", "teams-direct-routing.yaml");
    assertEquals(0, run("check-config", example.toString()), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void unknownCommandIsAUsageError() throws Exception {
    assertEquals(2, run("frobnicate"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
  }
}
