package io.opensbc.media.relay;

import io.netty.buffer.ByteBuf;
import io.opensbc.media.control.PacketKind;

/**
 * The few header facts the relay needs, read with bounds checks from a received buffer without
 * moving its indices. RTP and RTCP are told apart as RFC 5761 section 4 does.
 */
final class RtpPackets {
  /** RTP fixed header (RFC 3550 section 5.1). */
  static final int RTP_HEADER = 12;
  /** RTCP common header plus the sender SSRC (RFC 3550 section 6.4). */
  static final int RTCP_HEADER = 8;

  private RtpPackets() {}

  /**
   * RTP for a version-2 packet long enough for its fixed header and CSRC list, RTCP for a version-2
   * packet whose second byte is an RTCP packet type (192..223) and that holds a sender SSRC; null
   * for anything else (STUN, DTLS, garbage).
   */
  static PacketKind classify(ByteBuf packet) {
    int length = packet.readableBytes();
    if (length < RTCP_HEADER) {
      return null;
    }
    int at = packet.readerIndex();
    int first = packet.getUnsignedByte(at);
    if ((first >>> 6) != 2) {
      return null;
    }
    int second = packet.getUnsignedByte(at + 1);
    if (second >= 192 && second <= 223) {
      return PacketKind.RTCP;
    }
    return length >= RTP_HEADER + 4 * (first & 0x0f) ? PacketKind.RTP : null;
  }

  /** The RTP payload type (0..127); only for a packet {@link #classify} called RTP. */
  static int payloadType(ByteBuf rtp) {
    return rtp.getUnsignedByte(rtp.readerIndex() + 1) & 0x7f;
  }

  /** The RTP SSRC, or the RTCP sender's SSRC; only for a classified packet. */
  static int ssrc(ByteBuf packet, PacketKind kind) {
    return packet.getInt(packet.readerIndex() + (kind == PacketKind.RTP ? 8 : 4));
  }
}
