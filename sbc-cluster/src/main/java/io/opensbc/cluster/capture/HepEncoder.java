package io.opensbc.cluster.capture;

import io.opensbc.config.model.Transport;
import io.opensbc.sip.transport.WireMessage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * HEPv3 (the Homer Encapsulation Protocol, version 3): {@code "HEP3"}, the total length (16 bits),
 * then chunks of {@code [vendor 16][type 16][length 16 incl. these 6 bytes][value]}. Generic
 * chunks (vendor 0x0000) written here: 0x0001 IP family (2 IPv4, 10 IPv6), 0x0002 IP protocol
 * (17 UDP, 6 TCP), 0x0003/0x0004 IPv4 source/destination or 0x0005/0x0006 IPv6, 0x0007/0x0008
 * source/destination port, 0x0009 seconds, 0x000a microseconds, 0x000b payload type (1 = SIP),
 * 0x000c capture agent id, 0x000e auth key (when configured), 0x000f the SIP message.
 */
public final class HepEncoder {
  public static final int FAMILY = 0x0001;
  public static final int PROTOCOL = 0x0002;
  public static final int SRC_IPV4 = 0x0003;
  public static final int DST_IPV4 = 0x0004;
  public static final int SRC_IPV6 = 0x0005;
  public static final int DST_IPV6 = 0x0006;
  public static final int SRC_PORT = 0x0007;
  public static final int DST_PORT = 0x0008;
  public static final int SECONDS = 0x0009;
  public static final int MICROS = 0x000a;
  public static final int PAYLOAD_TYPE = 0x000b;
  public static final int AGENT_ID = 0x000c;
  public static final int AUTH_KEY = 0x000e;
  public static final int PAYLOAD = 0x000f;
  /** HEP's total length is 16 bits. */
  public static final int MAX_PACKET = 0xffff;

  private final int agentId;
  private final byte[] authKey;

  public HepEncoder(int agentId, String authKey) {
    this.agentId = agentId;
    this.authKey = authKey == null ? null : authKey.getBytes(StandardCharsets.UTF_8);
  }

  /** The HEP packet of a message, or null when it would exceed 65535 bytes. */
  public Buffer encode(WireMessage m) {
    String srcHost = m.sent() ? m.localHost() : m.remoteHost();
    String dstHost = m.sent() ? m.remoteHost() : m.localHost();
    int srcPort = m.sent() ? m.localPort() : m.remotePort();
    int dstPort = m.sent() ? m.remotePort() : m.localPort();
    byte[] src = Addresses.of(srcHost);
    byte[] dst = Addresses.of(dstHost);
    if (src.length != dst.length) {
      // mixed families cannot happen on one socket; keep the packet well-formed anyway
      src = src.length == 4 ? Addresses.of("::ffff:" + srcHost) : src;
      dst = dst.length == 4 ? Addresses.of("::ffff:" + dstHost) : dst;
    }
    boolean v6 = src.length == 16;
    Buffer b = Buffer.buffer(128 + m.bytes().length);
    b.appendBytes(new byte[] {'H', 'E', 'P', '3'});
    b.appendUnsignedShort(0); // total length, set below
    u8(b, FAMILY, v6 ? 10 : 2);
    u8(b, PROTOCOL, m.transport() == Transport.UDP ? 17 : 6);
    bytes(b, v6 ? SRC_IPV6 : SRC_IPV4, src);
    bytes(b, v6 ? DST_IPV6 : DST_IPV4, dst);
    u16(b, SRC_PORT, srcPort);
    u16(b, DST_PORT, dstPort);
    u32(b, SECONDS, m.atMillis() / 1000);
    u32(b, MICROS, (m.atMillis() % 1000) * 1000);
    u8(b, PAYLOAD_TYPE, 1);
    u32(b, AGENT_ID, agentId & 0xffffffffL);
    if (authKey != null) {
      bytes(b, AUTH_KEY, authKey);
    }
    bytes(b, PAYLOAD, m.bytes());
    if (b.length() > MAX_PACKET) {
      return null;
    }
    b.setUnsignedShort(4, b.length());
    return b;
  }

  private static void head(Buffer b, int type, int valueLength) {
    b.appendUnsignedShort(0x0000);
    b.appendUnsignedShort(type);
    b.appendUnsignedShort(6 + valueLength);
  }

  private static void u8(Buffer b, int type, int v) {
    head(b, type, 1);
    b.appendUnsignedByte((short) v);
  }

  private static void u16(Buffer b, int type, int v) {
    head(b, type, 2);
    b.appendUnsignedShort(v);
  }

  private static void u32(Buffer b, int type, long v) {
    head(b, type, 4);
    b.appendUnsignedInt(v);
  }

  private static void bytes(Buffer b, int type, byte[] v) {
    head(b, type, v.length);
    b.appendBytes(v);
  }
}
