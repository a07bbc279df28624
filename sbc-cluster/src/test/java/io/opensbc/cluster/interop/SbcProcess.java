package io.opensbc.cluster.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SBC node as a separate JVM ({@code Main run --config FILE}) on the test's class path, with
 * its output in a file: started, waited for until it prints that it is ready, and stopped (or
 * SIGKILLed) by its own handle only.
 */
final class SbcProcess implements AutoCloseable {
  private static final List<String> OPENS = List.of("java.base/java.lang", "java.base/sun.nio.ch",
      "java.management/sun.management", "jdk.management/com.sun.management.internal");

  private final String name;
  private final Path log;
  private final Process process;

  private SbcProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** Starts a node from the YAML written to {@code work/<name>.yaml}; returns at once. */
  static SbcProcess start(Path work, String name, String yaml) throws IOException {
    Path config = work.resolve(name + ".yaml");
    Files.writeString(config, yaml);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    for (String o : OPENS) {
      cmd.add("--add-opens=" + o + "=ALL-UNNAMED");
    }
    cmd.addAll(List.of("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "io.opensbc.cluster.node.Main", "run", "--config",
        config.toString()));
    Path log = work.resolve(name + ".log");
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new SbcProcess(name, log, p);
  }

  /** Waits until the node printed "OpenSBC ready"; fails with its output when it exits or times out. */
  SbcProcess awaitReady(int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (output().contains("OpenSBC ready")) {
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + name + " exited: " + output());
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("node " + name + " not ready in " + seconds + " s: " + output());
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** The first epoch-ms number the output prints after {@code prefix}, or -1. */
  long firstMillisAfter(String prefix) throws IOException {
    Matcher m = Pattern.compile(Pattern.quote(prefix) + "(\\d{13})").matcher(output());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** SIGKILL: the node gets no chance to leave the cluster or end its calls. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
