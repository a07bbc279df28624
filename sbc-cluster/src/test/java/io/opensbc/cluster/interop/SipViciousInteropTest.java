package io.opensbc.cluster.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of issue 10 with the real SIPVicious tools (Debian package sipvicious) against a node
 * on loopback: svmap gets nothing back, svwar learns no extension, svcrack is banned before it can
 * try more than {@code security.brute-force.max-failures} passwords. Every run is bounded in time
 * and in what it sends.
 */
@Tag("interop")
class SipViciousInteropTest {
  private static final String USERS = """
        security:
          brute-force: {max-failures: 3, window: 60s, ban-time: 120s}
          registrar:
            realm: sbc.test
            domains: [sbc.test]
            algorithms: [MD5]   # svcrack only answers MD5 challenges; SHA-256 first would make it crash
            users:
              - {username: alice, password: letmein-4}
              - {username: bob, password: letmein-9}
        """;

  static boolean installed() {
    return Files.isExecutable(Path.of("/usr/bin/svmap")) && Files.isExecutable(Path.of("/usr/bin/svwar"))
        && Files.isExecutable(Path.of("/usr/bin/svcrack"));
  }

  private static SbcNode start(String admission) throws Exception {
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.9, port: 5060}
        routes:
          - {name: to-phones, match: {source-trunk: carrier}, trunk: registered-users}
        """ + admission + USERS;
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "sipvicious.yaml")).config();
    return SbcNode.start(config, SbcNode.Options.STANDALONE).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  /** Runs a tool to its end (or kills it after {@code seconds}) and returns what it printed. */
  private static String run(Path work, int seconds, String... cmd) throws Exception {
    Path out = work.resolve(cmd[0].replace('/', '_') + ".out");
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroy();
      if (!p.waitFor(3, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(3, TimeUnit.SECONDS);
      }
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void svmapGetsNothing(@TempDir Path work) throws Exception {
    assumeTrue(installed(), "sipvicious is not installed (apt-get install sipvicious)");
    SbcNode node = start("");
    try {
      int port = node.sipPort("udp");
      String out = run(work, 30, "svmap", "-P", Integer.toString(Sipp.freePort()), "-p", Integer.toString(port), "-t", "0.2", "127.0.0.1");
      System.out.println("svmap:\n" + out);
      assertFalse(out.contains("127.0.0.1:" + port), () -> "svmap found the SBC:\n" + out);
      assertTrue(node.health().getLong("scannerDroppedRequests") > 0, "the scan reached the SBC and was dropped");
    } finally {
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  /**
   * With the scanner filter on, svwar gets no answer at all; with it off, every extension, real
   * or not, gets the same 401 challenge, so it still learns none.
   */
  @Test
  void svwarLearnsNoExtension(@TempDir Path work) throws Exception {
    assumeTrue(installed(), "sipvicious is not installed (apt-get install sipvicious)");
    Path dictionary = work.resolve("extensions.txt");
    Files.write(dictionary, List.of("alice", "bob", "carol", "100", "1000", "admin"));
    for (String admission : new String[] {"", "admission: {scanner-user-agents: []}\n"}) {
      SbcNode node = start(admission);
      try {
        int port = node.sipPort("udp");
        String out = run(work, 40, "svwar", "-P", Integer.toString(Sipp.freePort()), "-p", Integer.toString(port), "-d",
            dictionary.toString(), "-t", "0.2", "--maximumtime=5", "127.0.0.1");
        System.out.println("svwar (" + (admission.isEmpty() ? "scanner filter on" : "scanner filter off") + "):\n"
            + out);
        assertFalse(out.contains("| alice") || out.contains("| bob"), () -> "svwar learnt an extension:\n" + out);
        if (!admission.isEmpty()) {
          // forced past its sanity check, it sees the same answer for users that exist and that don't
          String forced = run(work, 40, "svwar", "-P", Integer.toString(Sipp.freePort()), "-p", Integer.toString(port), "-d", dictionary.toString(), "-t",
              "0.2", "--maximumtime=5", "--force", "127.0.0.1");
          System.out.println("svwar --force:\n" + forced);
          assertEquals(line(forced, "alice").replace("alice", "x"), line(forced, "carol").replace("carol", "x"),
              () -> "alice (exists) and carol (does not) look different:\n" + forced);
        }
      } finally {
        node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * svcrack against a real user with the right password 4th in its list: with max-failures 3 the
   * source is banned after three wrong ones and the 4th attempt is dropped, so it never finds it.
   */
  @Test
  void svcrackIsBannedBeforeItFindsThePassword(@TempDir Path work) throws Exception {
    assumeTrue(installed(), "sipvicious is not installed (apt-get install sipvicious)");
    Path passwords = work.resolve("passwords.txt");
    List<String> list = new ArrayList<>(List.of("123456", "password", "alice"));
    list.add("letmein-4");
    for (int i = 0; i < 16; i++) {
      list.add("guess" + i);
    }
    Files.write(passwords, list);
    SbcNode node = start("admission: {scanner-user-agents: []}\n");
    try {
      int port = node.sipPort("udp");
      String out = run(work, 40, "svcrack", "-P", Integer.toString(Sipp.freePort()), "-u", "alice", "-d", passwords.toString(), "-p",
          Integer.toString(port), "-t", "0.2", "--maximumtime=5", "--domain=sbc.test",
          "127.0.0.1");
      System.out.println("svcrack:\n" + out);
      assertFalse(out.contains("letmein-4"), () -> "svcrack found the password:\n" + out);
      assertTrue(node.health().getLong("accessRefusedRequests") > 0, "the banned source's requests were dropped");
    } finally {
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  /** The control: without the ban (a high limit), the same svcrack run does find the password. */
  @Test
  void withoutTheBanSvcrackWouldFindIt(@TempDir Path work) throws Exception {
    assumeTrue(installed(), "sipvicious is not installed (apt-get install sipvicious)");
    Path passwords = work.resolve("passwords.txt");
    Files.write(passwords, List.of("123456", "password", "alice", "letmein-4"));
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        admission: {scanner-user-agents: []}
        """ + USERS.replace("max-failures: 3", "max-failures: 100");
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "sipvicious.yaml")).config();
    SbcNode node = SbcNode.start(config, SbcNode.Options.STANDALONE).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    try {
      String out = run(work, 40, "svcrack", "-P", Integer.toString(Sipp.freePort()), "-u", "alice", "-d", passwords.toString(), "-p",
          Integer.toString(node.sipPort("udp")), "-t", "0.2", "--maximumtime=5",
          "--domain=sbc.test", "127.0.0.1");
      System.out.println("svcrack without ban:\n" + out);
      assertTrue(out.contains("letmein-4"), () -> "svcrack should find the password when not banned:\n" + out);
    } finally {
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  /** The line of svwar's result table that names {@code ext} ("" when none). */
  private static String line(String out, String ext) {
    return out.lines().filter(l -> l.startsWith("| " + ext + " ")).findFirst().orElse("").replaceAll("\\s+", " ");
  }

  static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p) : "";
  }
}
