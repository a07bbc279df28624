package io.opensbc.cluster.interop;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp as a real peer: scenario files come from the test resources, every run is bounded
 * (-m, -timeout, and a process timeout), the UAS is waited for until its port is bound, and only
 * the processes started here are stopped, by their handles.
 */
final class Sipp {
  record Result(int exitCode, String log) {
    boolean allCallsSucceeded() {
      return exitCode == 0;
    }
  }

  private final Path work;

  Sipp(Path work) {
    this.work = work;
  }

  static boolean installed() {
    try {
      Process p = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** A free port for both UDP and TCP on 127.0.0.1 (bound then released). */
  static int freePort() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = s.getLocalPort();
        try (DatagramSocket d = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free port");
  }

  /** The scenario argument: a built-in name ("uac", "uas") or a resource under /sipp/. */
  private List<String> scenario(String name) throws IOException {
    if (!name.endsWith(".xml")) {
      return List.of("-sn", name);
    }
    Path file = work.resolve(name);
    if (!Files.exists(file)) {
      try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name)) {
        if (in == null) {
          throw new IOException("no scenario resource /sipp/" + name);
        }
        Files.write(file, in.readAllBytes());
      }
    }
    return List.of("-sf", file.toString());
  }

  private List<String> common(String scenario, int port, String transport, int calls, int seconds) throws IOException {
    return common(scenario, "127.0.0.1", port, transport, calls, seconds);
  }

  private List<String> common(String scenario, String ip, int port, String transport, int calls, int seconds)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of("sipp"));
    cmd.addAll(scenario(scenario));
    cmd.addAll(List.of("-i", ip, "-p", Integer.toString(port), "-t", transport, "-nostdin",
        "-m", Integer.toString(calls), "-timeout", seconds + "s", "-timeout_error", "-max_socket", "64"));
    return cmd;
  }

  /** Starts a UAS and returns once its port is bound; {@code extra} are more sipp options. */
  Process startUas(String scenario, int port, String transport, int calls, int seconds, String... extra)
      throws Exception {
    List<String> cmd = common(scenario, port, transport, calls, seconds);
    cmd.addAll(List.of(extra));
    Path log = work.resolve("uas-" + port + ".log");
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("sipp UAS exited early: " + Files.readString(log));
      }
      if (bound(port, transport)) {
        return p;
      }
      Thread.sleep(20);
    }
    stop(p);
    throw new IllegalStateException("sipp UAS did not bind port " + port);
  }

  private static boolean bound(int port, String transport) {
    if (transport.startsWith("t")) {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    try (DatagramSocket d = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
      return false;
    } catch (IOException inUse) {
      return true;
    }
  }

  /**
   * Writes scenario {@code name} into the work directory from the resource template
   * {@code /sipp/TEMPLATE.xml.template}, replacing each {@code @KEY@}; runs then use {@code name}.
   */
  void fromTemplate(String template, String name, java.util.Map<String, String> values) throws IOException {
    try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + template + ".xml.template")) {
      if (in == null) {
        throw new IOException("no scenario template /sipp/" + template + ".xml.template");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      for (var e : values.entrySet()) {
        text = text.replace("@" + e.getKey() + "@", e.getValue());
      }
      Files.writeString(work.resolve(name), text, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Runs a UAC to completion (bounded) against the target and returns its exit code and log;
   * {@code extra} are more sipp options (e.g. {@code -key from +4420...}).
   */
  Result runUac(String scenario, int localPort, String target, String transport, int calls, int rate,
      int seconds, String... extra) throws Exception {
    List<String> cmd = common(scenario, localPort, transport, calls, seconds);
    cmd.addAll(List.of("-r", Integer.toString(rate), "-l", "100", "-trace_err",
        "-error_file", work.resolve("uac-" + localPort + "-errors.log").toString()));
    cmd.addAll(List.of(extra)); // after the defaults, so that an extra "-l" wins
    cmd.add(target);
    Path log = work.resolve("uac-" + localPort + ".log");
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(seconds + 15, TimeUnit.SECONDS)) {
      stop(p);
      return new Result(-1, "sipp UAC did not finish in time\n" + tail(log));
    }
    Path errors = work.resolve("uac-" + localPort + "-errors.log");
    String errText = Files.exists(errors) ? Files.readString(errors, StandardCharsets.UTF_8) : "";
    return new Result(p.exitValue(), tail(log) + "\n" + errText);
  }

  /**
   * Starts a UAC of {@code calls} calls at {@code rate} per second and returns at once (see
   * {@link #uacErrors} and {@link #waitFor}); {@code extra} are more sipp options.
   */
  Process startUac(String scenario, int localPort, String target, String transport, int calls, int rate,
      int seconds, String... extra) throws Exception {
    List<String> cmd = common(scenario, localPort, transport, calls, seconds);
    cmd.addAll(List.of(extra));
    cmd.addAll(List.of("-r", Integer.toString(rate), "-l", Integer.toString(calls), "-trace_err",
        "-error_file", work.resolve("uac-" + localPort + "-errors.log").toString(), target));
    return new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve("uac-" + localPort + ".log").toFile()).start();
  }

  /** The end of a UAC's log and its unexpected messages. */
  String uacLog(int localPort) throws IOException {
    Path errors = work.resolve("uac-" + localPort + "-errors.log");
    return tail(work.resolve("uac-" + localPort + ".log")) + "\n"
        + (Files.exists(errors) ? tail(errors) : "");
  }

  /**
   * Starts sipp as a client from {@code ip:port} (another loopback address than 127.0.0.1 makes it
   * a different source) and returns at once; {@code extra} are more options (e.g. {@code -oocsf}).
   */
  Process startClient(String scenario, String ip, int port, String transport, int seconds, String target,
      String... extra) throws Exception {
    List<String> cmd = common(scenario, ip, port, transport, 1, seconds);
    cmd.addAll(List.of(extra));
    cmd.add(target);
    Path log = work.resolve("client-" + port + ".log");
    return new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  /** The end of the log of a process started by {@link #startClient}. */
  String clientLog(int port) throws IOException {
    return tail(work.resolve("client-" + port + ".log"));
  }

  /** Copies a scenario resource into the work directory and returns its path (for -oocsf). */
  Path resource(String name) throws IOException {
    Path file = work.resolve(name);
    scenario(name);
    return file;
  }

  /** Starts a UAS that logs every message to {@code messages} (see {@link #countRequests}). */
  Process startTracedUas(String scenario, int port, String transport, int seconds, Path messages) throws Exception {
    return startUas(scenario, port, transport, 100_000, seconds, "-trace_msg", "-message_file", messages.toString());
  }

  /** How many requests of the method a traced UAS received (request lines in its message log). */
  static int countRequests(Path messages, String method) throws IOException {
    if (!Files.exists(messages)) {
      return 0;
    }
    int n = 0;
    for (String line : Files.readAllLines(messages, StandardCharsets.ISO_8859_1)) {
      if (line.startsWith(method + " sip:")) {
        n++;
      }
    }
    return n;
  }

  static void stop(Process p) throws InterruptedException {
    if (p == null) {
      return;
    }
    p.destroy();
    if (!p.waitFor(3, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(3, TimeUnit.SECONDS);
    }
  }

  static int waitFor(Process p, int seconds) throws InterruptedException {
    if (p.waitFor(seconds, TimeUnit.SECONDS)) {
      return p.exitValue();
    }
    stop(p);
    return -1;
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    String s = Files.readString(log, StandardCharsets.ISO_8859_1);
    return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
  }
}
