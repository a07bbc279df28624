package io.opensbc.cluster.interop;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SIPp call (scenario {@code uac-long-call-reanchored}) whose media is a socket of the test:
 * it sends an RTP packet every 20 ms to the relay address the SBC last gave the caller in SDP (200
 * OK, then the ACK of a re-anchoring), and keeps when and from where the callee's echo came back.
 */
final class RtpCall implements AutoCloseable {
  private static final Pattern SDP = Pattern.compile("c=IN IP4 ([0-9.]+)[\\s\\S]*?m=audio (\\d+) ");

  /**
   * An echo received: when (epoch ms) and from which relay port (its source address says nothing:
   * a relay bound to the wildcard address answers loopback peers from 127.0.0.1 on any node).
   */
  record Echo(long at, int port) {}

  private final DatagramSocket socket;
  private final Process sipp;
  private final Path messages;
  private final Sipp runner;
  private final int sipPort;
  private final ConcurrentLinkedQueue<Echo> echoes = new ConcurrentLinkedQueue<>();
  private final Thread media;
  private volatile boolean running = true;
  private volatile InetSocketAddress relay;

  private RtpCall(DatagramSocket socket, Process sipp, Path messages, Sipp runner, int sipPort) {
    this.socket = socket;
    this.sipp = sipp;
    this.messages = messages;
    this.runner = runner;
    this.sipPort = sipPort;
    this.media = new Thread(this::run, "rtp-call-" + socket.getLocalPort());
    media.setDaemon(true);
    media.start();
  }

  static RtpCall start(Sipp sipp, Path work, String target) throws Exception {
    return start(sipp, work, target, 4000, 8000);
  }

  /** A call that hangs up {@code minMs} to {@code maxMs} after its media was re-anchored. */
  static RtpCall start(Sipp sipp, Path work, String target, int minMs, int maxMs) throws Exception {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    socket.setSoTimeout(20);
    int port = socket.getLocalPort();
    String scenario = "uac-rtp-" + port + ".xml";
    sipp.fromTemplate("uac-long-call-reanchored", scenario,
        Map.of("MEDIA_PORT", Integer.toString(port), "MIN_MS", Integer.toString(minMs), "MAX_MS",
            Integer.toString(maxMs)));
    Path messages = work.resolve("rtp-" + port + "-messages.log");
    int sipPort = Sipp.freePort();
    Process p = sipp.startUac(scenario, sipPort, target, "u1", 1, 1, 80, "-trace_msg", "-message_file",
        messages.toString());
    return new RtpCall(socket, p, messages, sipp, sipPort);
  }

  private void run() {
    byte[] buf = new byte[2048];
    int seq = 0;
    while (running) {
      try {
        InetSocketAddress to = currentRelay();
        if (to != null) {
          byte[] p = packet(seq++);
          socket.send(new DatagramPacket(p, p.length, to));
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        while (System.nanoTime() < until) {
          DatagramPacket d = new DatagramPacket(buf, buf.length);
          try {
            socket.receive(d);
            echoes.add(new Echo(System.currentTimeMillis(), d.getPort()));
          } catch (SocketTimeoutException quiet) {
            // nothing this slot
          }
        }
      } catch (IOException e) {
        if (!running) {
          return;
        }
      }
    }
  }

  /** The relay in the SDP the SBC sent last (the caller's own SDP names its own port). */
  private InetSocketAddress currentRelay() throws IOException {
    if (!Files.exists(messages)) {
      return relay;
    }
    Matcher m = SDP.matcher(Files.readString(messages, StandardCharsets.ISO_8859_1));
    InetSocketAddress last = relay;
    while (m.find()) {
      int port = Integer.parseInt(m.group(2));
      if (port != socket.getLocalPort()) {
        last = new InetSocketAddress(InetAddress.getByName(m.group(1)), port);
      }
    }
    relay = last;
    return last;
  }

  /** Waits until an echo came back through the relay port the SBC gave; that port, or -1. */
  int echoedThroughRelay(int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      InetSocketAddress r = relay;
      if (r != null && echoes.stream().anyMatch(e -> e.port() == r.getPort())) {
        return r.getPort();
      }
      Thread.sleep(20);
    }
    return -1;
  }

  /** When the first echo through a relay port other than {@code oldPort} arrived (epoch ms), or -1. */
  long firstEchoNotThrough(int oldPort) {
    return echoes.stream().filter(e -> e.port() != oldPort).mapToLong(Echo::at).min().orElse(-1);
  }

  InetSocketAddress lastRelay() {
    return relay;
  }

  /** Waits for the SIPp call to end; its exit code. */
  int finish() throws InterruptedException {
    return Sipp.waitFor(sipp, 40);
  }

  String log() {
    try {
      return runner.uacLog(sipPort) + "\nechoes: " + echoes.size() + " relay " + relay;
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static byte[] packet(int seq) {
    byte[] p = new byte[172];
    p[0] = (byte) 0x80;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    int ts = seq * 160;
    p[4] = (byte) (ts >> 24);
    p[5] = (byte) (ts >> 16);
    p[6] = (byte) (ts >> 8);
    p[7] = (byte) ts;
    p[8] = 0x12;
    p[9] = 0x34;
    p[10] = 0x56;
    p[11] = 0x78;
    for (int i = 12; i < p.length; i++) {
      p[i] = (byte) 0xff;
    }
    return p;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    Sipp.stop(sipp);
    socket.close();
    media.join(1000);
  }
}
