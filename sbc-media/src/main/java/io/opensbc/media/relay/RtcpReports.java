package io.opensbc.media.relay;

import io.netty.buffer.ByteBuf;

/**
 * Reads the reception report blocks of a (compound) RTCP packet: sender reports (PT 200) and
 * receiver reports (PT 201), RFC 3550 sections 6.4.1 and 6.4.2. Bounds-checked over the buffer,
 * indices unmoved; anything malformed ends the walk (the packet is still relayed as it is).
 * Keeps the last report block seen: what the leg's peer says about the stream it receives from
 * us.
 */
final class RtcpReports {
  static final int SR = 200;
  static final int RR = 201;

  private long reports;
  private int fractionLost = -1;
  private long cumulativeLost = -1;
  private long jitter = -1;

  /** Reads the report blocks of one plain RTCP packet; returns how many it had. */
  int read(ByteBuf rtcp) {
    int pos = rtcp.readerIndex();
    int end = rtcp.writerIndex();
    int blocks = 0;
    while (pos + 4 <= end) {
      int first = rtcp.getUnsignedByte(pos);
      if ((first >>> 6) != 2) {
        break;
      }
      int count = first & 0x1f;
      int type = rtcp.getUnsignedByte(pos + 1);
      int length = (rtcp.getUnsignedShort(pos + 2) + 1) * 4;
      if (pos + length > end) {
        break;
      }
      int block = type == SR ? pos + 28 : type == RR ? pos + 8 : -1;
      if (block > 0 && block + 24 * count <= pos + length) {
        for (int i = 0; i < count; i++, block += 24) {
          fractionLost = rtcp.getUnsignedByte(block + 4);
          int lost = rtcp.getMedium(block + 5); // 24-bit signed
          cumulativeLost = lost;
          jitter = rtcp.getUnsignedInt(block + 12);
          blocks++;
        }
      }
      pos += length;
    }
    reports += blocks;
    return blocks;
  }

  long reports() {
    return reports;
  }

  /** The fraction lost of the last block, 0..255 (lost / 256), or -1 before any. */
  int fractionLost() {
    return fractionLost;
  }

  /** The cumulative number of packets lost of the last block, or -1 before any. */
  long cumulativeLost() {
    return cumulativeLost;
  }

  /** The interarrival jitter of the last block in timestamp units, or -1 before any. */
  long jitter() {
    return jitter;
  }
}
