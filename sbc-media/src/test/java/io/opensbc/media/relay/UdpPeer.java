package io.opensbc.media.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A media endpoint for tests: a blocking UDP socket on 127.0.0.1 and RTP/RTCP packet builders. */
final class UdpPeer implements AutoCloseable {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final DatagramSocket socket;
  private InetSocketAddress lastSender;

  UdpPeer() {
    try {
      socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
      socket.setReceiveBufferSize(1 << 20);
      socket.setSoTimeout(2_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(LOOPBACK, port());
  }

  void send(byte[] packet, int toPort) {
    try {
      socket.send(new DatagramPacket(packet, packet.length, LOOPBACK, toPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next datagram; fails the test if none arrives within 2 s. */
  byte[] receive() {
    byte[] p = receive(2_000);
    if (p == null) {
      throw new AssertionError("nothing received on port " + port() + " within 2 s");
    }
    return p;
  }

  /** The next datagram, or null after {@code timeoutMs}. */
  byte[] receive(int timeoutMs) {
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.setSoTimeout(timeoutMs);
      socket.receive(p);
      lastSender = (InetSocketAddress) p.getSocketAddress();
      return Arrays.copyOf(buf, p.getLength());
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the last datagram came from. */
  InetSocketAddress lastSender() {
    return lastSender;
  }

  @Override
  public void close() {
    socket.close();
  }

  /** An RTP packet: version 2, the payload type, sequence number, SSRC, then {@code payload}. */
  static byte[] rtp(int payloadType, int seq, int ssrc, byte[] payload) {
    return ByteBuffer.allocate(12 + payload.length)
        .put((byte) 0x80).put((byte) payloadType).putShort((short) seq).putInt(seq * 160).putInt(ssrc)
        .put(payload).array();
  }

  static byte[] rtp(int payloadType, int seq, int ssrc) {
    return rtp(payloadType, seq, ssrc, new byte[160]);
  }

  /** An empty RTCP receiver report from {@code ssrc}. */
  static byte[] rtcpReceiverReport(int ssrc) {
    return ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt(ssrc).array();
  }

  /** The sequence number of an RTP packet built by {@link #rtp}. */
  static int seq(byte[] rtp) {
    return ((rtp[2] & 0xff) << 8) | (rtp[3] & 0xff);
  }
}
