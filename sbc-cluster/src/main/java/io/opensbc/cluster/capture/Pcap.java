package io.opensbc.cluster.capture;

import io.opensbc.sip.transport.WireMessage;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A classic pcap file (magic 0xa1b2c3d4, version 2.4, link type 1 Ethernet) of SIP messages, each
 * in a synthesized Ethernet + IPv4 (or IPv6) + UDP frame between the addresses it crossed, whatever
 * its transport (TCP and TLS legs appear as UDP, in clear: one frame per SIP message reads better
 * than resegmented streams). Messages longer than a UDP datagram allows are cut (the frame's
 * original length says so).
 */
public final class Pcap {
  private static final int SNAPLEN = 65535;
  private static final int MAX_UDP_PAYLOAD = 65507;

  private Pcap() {}

  public static Buffer of(List<WireMessage> messages) {
    Buffer b = Buffer.buffer(24 + messages.size() * 700);
    b.appendUnsignedIntLE(0xa1b2c3d4L);
    b.appendUnsignedShortLE(2);
    b.appendUnsignedShortLE(4);
    b.appendIntLE(0); // thiszone
    b.appendUnsignedIntLE(0); // sigfigs
    b.appendUnsignedIntLE(SNAPLEN);
    b.appendUnsignedIntLE(1); // LINKTYPE_ETHERNET
    for (WireMessage m : messages) {
      frame(b, m);
    }
    return b;
  }

  private static void frame(Buffer b, WireMessage m) {
    byte[] src = Addresses.of(m.sent() ? m.localHost() : m.remoteHost());
    byte[] dst = Addresses.of(m.sent() ? m.remoteHost() : m.localHost());
    if (src.length != dst.length) {
      src = new byte[4];
      dst = new byte[4];
    }
    int srcPort = m.sent() ? m.localPort() : m.remotePort();
    int dstPort = m.sent() ? m.remotePort() : m.localPort();
    boolean v6 = src.length == 16;
    int payload = Math.min(m.bytes().length, MAX_UDP_PAYLOAD);
    int udpLen = 8 + payload;
    int ipLen = (v6 ? 40 : 20) + udpLen;
    int frameLen = 14 + ipLen;
    int incl = Math.min(frameLen, SNAPLEN);
    b.appendUnsignedIntLE(m.atMillis() / 1000);
    b.appendUnsignedIntLE((m.atMillis() % 1000) * 1000);
    b.appendUnsignedIntLE(incl);
    b.appendUnsignedIntLE(14 + (v6 ? 40 : 20) + 8 + m.bytes().length);
    int start = b.length();
    // Ethernet: locally administered addresses, ours ending in 1, the peer's in 2
    b.appendBytes(new byte[] {0x02, 0, 0, 0, 0, (byte) (m.sent() ? 2 : 1)});
    b.appendBytes(new byte[] {0x02, 0, 0, 0, 0, (byte) (m.sent() ? 1 : 2)});
    b.appendUnsignedShort(v6 ? 0x86dd : 0x0800);
    if (v6) {
      b.appendInt(0x60000000);
      b.appendUnsignedShort(udpLen);
      b.appendUnsignedByte((short) 17);
      b.appendUnsignedByte((short) 64);
      b.appendBytes(src);
      b.appendBytes(dst);
    } else {
      int ip = b.length();
      b.appendUnsignedByte((short) 0x45);
      b.appendUnsignedByte((short) 0);
      b.appendUnsignedShort(ipLen);
      b.appendUnsignedShort(0); // id
      b.appendUnsignedShort(0x4000); // don't fragment
      b.appendUnsignedByte((short) 64);
      b.appendUnsignedByte((short) 17);
      b.appendUnsignedShort(0); // checksum, set below
      b.appendBytes(src);
      b.appendBytes(dst);
      b.setUnsignedShort(ip + 10, ipChecksum(b, ip));
    }
    b.appendUnsignedShort(srcPort);
    b.appendUnsignedShort(dstPort);
    b.appendUnsignedShort(udpLen);
    b.appendUnsignedShort(0); // no UDP checksum
    b.appendBytes(m.bytes(), 0, payload);
    if (b.length() - start > incl) {
      // cannot happen with the caps above; keep the record consistent regardless
      throw new IllegalStateException("pcap frame longer than its snap length");
    }
  }

  private static int ipChecksum(Buffer b, int from) {
    long sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += b.getUnsignedShort(from + i);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }
}
