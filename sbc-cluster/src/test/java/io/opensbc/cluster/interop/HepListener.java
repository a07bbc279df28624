package io.opensbc.cluster.interop;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A HEP collector on loopback for tests: receives UDP datagrams and decodes each as HEPv3 on its
 * own (not with the code under test): "HEP3", a 16-bit total length, then chunks of vendor, type,
 * length (including the 6-byte chunk header) and value.
 */
final class HepListener implements AutoCloseable {
  /** One decoded HEP packet: the generic chunks by type, and the SIP payload. */
  record Packet(Map<Integer, byte[]> chunks, int totalLength, int datagramLength) {
    int u8(int type) {
      return chunks.get(type)[0] & 0xff;
    }

    int u16(int type) {
      return ByteBuffer.wrap(chunks.get(type)).getShort() & 0xffff;
    }

    long u32(int type) {
      return ByteBuffer.wrap(chunks.get(type)).getInt() & 0xffffffffL;
    }

    String address(int type) throws IOException {
      return InetAddress.getByAddress(chunks.get(type)).getHostAddress();
    }

    String payload() {
      return new String(chunks.get(0x000f), StandardCharsets.UTF_8);
    }
  }

  private final DatagramSocket socket;
  private final List<Packet> packets = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final Thread reader;
  private volatile boolean closed;

  HepListener() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    socket.setSoTimeout(200);
    reader = new Thread(this::read, "hep-listener");
    reader.setDaemon(true);
    reader.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  synchronized List<Packet> packets() {
    return List.copyOf(packets);
  }

  synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  private void read() {
    byte[] buf = new byte[65536];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return;
      }
      try {
        Packet decoded = decode(buf, p.getLength());
        synchronized (this) {
          packets.add(decoded);
        }
      } catch (RuntimeException e) {
        synchronized (this) {
          errors.add(e.toString());
        }
      }
    }
  }

  static Packet decode(byte[] data, int length) {
    ByteBuffer b = ByteBuffer.wrap(data, 0, length);
    byte[] magic = new byte[4];
    b.get(magic);
    if (!new String(magic, StandardCharsets.US_ASCII).equals("HEP3")) {
      throw new IllegalArgumentException("not HEP3");
    }
    int total = b.getShort() & 0xffff;
    Map<Integer, byte[]> chunks = new HashMap<>();
    while (b.position() < length) {
      int vendor = b.getShort() & 0xffff;
      int type = b.getShort() & 0xffff;
      int len = b.getShort() & 0xffff;
      if (len < 6 || b.position() + len - 6 > length) {
        throw new IllegalArgumentException("chunk " + type + " length " + len + " out of the packet");
      }
      byte[] value = new byte[len - 6];
      b.get(value);
      if (vendor != 0) {
        throw new IllegalArgumentException("vendor " + vendor);
      }
      chunks.put(type, value);
    }
    return new Packet(chunks, total, length);
  }

  @Override
  public void close() {
    closed = true;
    socket.close();
  }
}
