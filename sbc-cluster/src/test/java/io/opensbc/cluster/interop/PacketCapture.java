package io.opensbc.cluster.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real packet capture on the loopback interface with {@code dumpcap} (from the tshark package;
 * needs root or the capture capability, as CI has), and a reader for the pcap file it writes: the
 * UDP datagrams over IPv4, with their ports and payload. Bounded: dumpcap stops by itself after
 * {@code maxSeconds}; {@link #stop()} ends the process started here by its handle.
 */
final class PacketCapture implements AutoCloseable {
  /** One captured UDP datagram. */
  record Datagram(int srcPort, int dstPort, byte[] payload) {}

  private final Process process;
  private final Path file;
  private final Path log;

  private PacketCapture(Process process, Path file, Path log) {
    this.process = process;
    this.file = file;
    this.log = log;
  }

  static boolean available() {
    try {
      Process p = new ProcessBuilder("dumpcap", "-D").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("lo");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Starts capturing on {@code lo} with a BPF {@code filter}; returns once dumpcap is capturing. */
  static PacketCapture start(Path dir, String filter, int maxSeconds) throws IOException, InterruptedException {
    Path file = dir.resolve("capture.pcap");
    Path log = dir.resolve("dumpcap.log");
    Process p = new ProcessBuilder("dumpcap", "-i", "lo", "-f", filter, "-P", "-w", file.toString(),
        "-a", "duration:" + maxSeconds)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PacketCapture c = new PacketCapture(p, file, log);
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).contains("Capturing on")) {
        return c;
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    c.close();
    throw new AssertionError("dumpcap did not start capturing: " + (Files.exists(log) ? Files.readString(log) : ""));
  }

  /** Stops the capture (dumpcap finishes the file on SIGTERM) and reads the UDP datagrams in it. */
  List<Datagram> stop() throws IOException, InterruptedException {
    close();
    return read(file);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The UDP/IPv4 datagrams of a pcap file (link types Ethernet, as Linux gives {@code lo}, or raw IP). */
  static List<Datagram> read(Path pcap) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
    int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
      b.order(ByteOrder.BIG_ENDIAN);
    }
    int linkType = b.getInt(20);
    ByteBuffer net = ByteBuffer.wrap(b.array()).order(ByteOrder.BIG_ENDIAN); // packet fields
    int linkHeader = switch (linkType) {
      case 1 -> 14;    // Ethernet (Linux loopback)
      case 101 -> 0;   // raw IP
      case 113 -> 16;  // Linux cooked
      default -> throw new IOException("pcap link type " + linkType + " not handled");
    };
    List<Datagram> out = new ArrayList<>();
    int pos = 24;
    while (pos + 16 <= b.limit()) {
      int caplen = b.getInt(pos + 8);
      int start = pos + 16;
      pos = start + caplen;
      if (pos > b.limit()) {
        break;
      }
      int ip = start + linkHeader;
      if (caplen < linkHeader + 28 || (b.get(ip) & 0xf0) != 0x40 || b.get(ip + 9) != 17) {
        continue;
      }
      int udp = ip + (b.get(ip) & 0x0f) * 4;
      int src = net.getShort(udp) & 0xffff;
      int dst = net.getShort(udp + 2) & 0xffff;
      int len = (net.getShort(udp + 4) & 0xffff) - 8;
      if (len < 0 || udp + 8 + len > pos) {
        continue;
      }
      out.add(new Datagram(src, dst, Arrays.copyOfRange(b.array(), udp + 8, udp + 8 + len)));
    }
    return out;
  }
}
