package io.opensbc.cluster.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real baresip user agent (Debian package {@code baresip-core}) with its own config directory:
 * SIP on a given loopback port, audio from a WAV file ({@code aufile}), what it decodes recorded
 * by the {@code sndfile} filter into its own directory, driven by commands on its stdin
 * ({@code stdio} module, e.g. {@code /dial sip:...}, {@code /hangup}, {@code /quit}). Bounded: it
 * quits by itself after {@code maxSeconds}, and {@link #close()} stops the process started here
 * by its handle.
 */
final class Baresip implements AutoCloseable {
  private final String name;
  private final Path dir;
  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final OutputStream stdin;

  private Baresip(String name, Path dir, Process process) {
    this.name = name;
    this.dir = dir;
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread reader = new Thread(() -> {
      try (InputStream in = process.getInputStream()) {
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) > 0; ) {
          out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException closed) {
        // the process ended
      }
    }, "baresip-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  static boolean installed() {
    try {
      Process p = new ProcessBuilder("baresip", "-h").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(5, TimeUnit.SECONDS)
          && Files.exists(Path.of("/usr/lib/baresip/modules/aufile.so"))
          && Files.exists(Path.of("/usr/lib/baresip/modules/sndfile.so"));
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Starts baresip {@code name} in {@code work/name}: {@code account} is its accounts line (e.g.
   * {@code <sip:alice@127.0.0.1:5060>;regint=0;mediaenc=srtp-mand}), {@code rtpPorts} its local RTP
   * port range ({@code "LOW-HIGH"}), {@code source} the WAV it sends.
   */
  static Baresip start(String name, Path work, int sipPort, String rtpPorts, Path source, String account,
      int maxSeconds) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    Path records = Files.createDirectories(dir.resolve("records"));
    String config = String.join("\n",
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + sipPort,
        "net_interface 127.0.0.1",
        "audio_source aufile," + source,
        // no sound card: the player is a bridge device nobody reads from; the sndfile filter
        // still sees every decoded frame
        "audio_player aubridge,nil",
        "audio_alert aubridge,nil",
        "audio_srate 8000",
        "audio_channels 1",
        "rtp_ports " + rtpPorts,
        "rtcp_mux no",
        "module_path /usr/lib/baresip/modules",
        "module stdio.so",
        "module g711.so",
        "module aufile.so",
        "module aubridge.so",
        "module sndfile.so",
        "module srtp.so",
        "module_app account.so",
        "module_app menu.so",
        "snd_path " + records,
        "");
    Files.writeString(dir.resolve("config"), config);
    Files.writeString(dir.resolve("accounts"), account + "\n");
    Process p = new ProcessBuilder("baresip", "-f", dir.toString(), "-t", Integer.toString(maxSeconds))
        .redirectErrorStream(true).start();
    return new Baresip(name, dir, p);
  }

  /** Waits until the output has a match for {@code regex}; the first group, or the whole match. */
  String await(String regex, Duration timeout) throws InterruptedException {
    Pattern p = Pattern.compile(regex);
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      Matcher m = p.matcher(out);
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("baresip " + name + ": no '" + regex + "' within " + timeout
        + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + "; output:\n" + output());
  }

  void command(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    stdin.flush();
  }

  /** The output without the echo of typed commands, for failure messages. */
  String output() {
    return out.toString().replaceAll("(?m)^//.*$", "").replace("\r", "");
  }

  /** The WAV files the sndfile filter wrote for what baresip decoded ({@code dump-*-dec.wav}). */
  List<Path> decodedRecordings() throws IOException {
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(dir.resolve("records"))) {
      s.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).sorted().forEach(files::add);
    }
    return files;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** {@code /quit}, then the process is stopped by its handle if it is still there. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      try {
        command("/quit");
      } catch (IOException gone) {
        // already exiting
      }
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }
}
