package io.opensbc.media.relay;

import io.netty.buffer.ByteBuf;

/**
 * What arrived on a media port, told apart by its first byte as RFC 7983 §7 does for a port that
 * carries STUN, DTLS and RTP/RTCP at once (the values RFC 7983 leaves to TURN channels and ZRTP,
 * and anything else, are {@link #OTHER}).
 */
enum Demux {
  /** 0..3: a STUN message (ICE connectivity checks, consent). */
  STUN,
  /** 20..63: a DTLS record (the DTLS-SRTP handshake and its alerts). */
  DTLS,
  /** 128..191: RTP or RTCP (told apart later, RFC 5761). */
  RTP,
  /** Anything else, or an empty datagram: dropped as malformed. */
  OTHER;

  /** The class of the first byte ({@code -1} for none). */
  static Demux of(int firstByte) {
    if (firstByte < 0) {
      return OTHER;
    } else if (firstByte <= 3) {
      return STUN;
    } else if (firstByte >= 20 && firstByte <= 63) {
      return DTLS;
    } else if (firstByte >= 128 && firstByte <= 191) {
      return RTP;
    }
    return OTHER;
  }

  /** The class of a received datagram, without moving its indices. */
  static Demux of(ByteBuf datagram) {
    return of(datagram.isReadable() ? datagram.getUnsignedByte(datagram.readerIndex()) : -1);
  }
}
