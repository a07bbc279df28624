package io.opensbc.cluster.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kamailio proxy with its TLS module, run for one test from a configuration written into the
 * test's directory: it plays Microsoft's SIP proxies in front of SIPp (which has no TLS here).
 * Started in the foreground (-DD -E) so the process we hold is Kamailio's main process; stopped
 * by that PID (SIGTERM ends its children).
 */
final class Kamailio {
  static final Path MODULES = Path.of("/usr/lib/x86_64-linux-gnu/kamailio/modules");

  private final Process process;
  private final Path log;

  private Kamailio(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** True when kamailio and its TLS module (Debian: kamailio-tls-modules) are installed. */
  static boolean installed() {
    try {
      Process p = new ProcessBuilder("kamailio", "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(5, TimeUnit.SECONDS) && Files.exists(MODULES.resolve("tls.so"));
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * A proxy listening on UDP {@code udpPort} and TLS {@code tlsPort} of 127.0.0.1 with {@code
   * cert}/{@code key}, running {@code route} as its request_route; returns once the TLS port
   * accepts connections.
   */
  static Kamailio start(Path work, int udpPort, int tlsPort, Path cert, Path key, String route) throws Exception {
    Path tlsCfg = work.resolve("kamailio-tls.cfg");
    Files.writeString(tlsCfg, String.join("\n",
        "[server:default]",
        "method = TLSv1.2+",
        "verify_certificate = no",
        "require_certificate = no",
        "private_key = " + key.toAbsolutePath(),
        "certificate = " + cert.toAbsolutePath(),
        "",
        "[client:default]",
        "method = TLSv1.2+",
        "verify_certificate = no",
        "require_certificate = no",
        ""), StandardCharsets.US_ASCII);
    Path cfg = work.resolve("kamailio.cfg");
    Files.writeString(cfg, String.join("\n",
        "#!KAMAILIO",
        "debug=2",
        "log_stderror=yes",
        "children=2",
        "tcp_children=2",
        "enable_tls=yes",
        "auto_aliases=no",
        "listen=udp:127.0.0.1:" + udpPort,
        "listen=tls:127.0.0.1:" + tlsPort,
        "mpath=\"" + MODULES + "/\"",
        "loadmodule \"tls.so\"",
        "loadmodule \"sl.so\"",
        "loadmodule \"tm.so\"",
        "loadmodule \"rr.so\"",
        "loadmodule \"pv.so\"",
        "loadmodule \"xlog.so\"",
        "loadmodule \"textops.so\"",
        "loadmodule \"siputils.so\"",
        "modparam(\"tls\", \"config\", \"" + tlsCfg.toAbsolutePath() + "\")",
        "modparam(\"rr\", \"enable_double_rr\", 1)",
        "request_route {",
        route,
        "}",
        ""), StandardCharsets.US_ASCII);
    Path log = work.resolve("kamailio.log");
    Process p = new ProcessBuilder(List.of("kamailio", "-f", cfg.toString(), "-DD", "-E", "-m", "64", "-M", "8",
        "-P", work.resolve("kamailio.pid").toString(), "-Y", work.toString()))
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Kamailio k = new Kamailio(p, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("kamailio exited early:\n" + k.log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", tlsPort), 200);
        return k;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    k.stop();
    throw new IllegalStateException("kamailio did not listen on " + tlsPort + ":\n" + k.log());
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
