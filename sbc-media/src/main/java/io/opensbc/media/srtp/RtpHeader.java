package io.opensbc.media.srtp;

/**
 * Bounds-checked reads of the RTP (RFC 3550 §5.1) and RTCP (§6.4) fixed headers, as much as SRTP
 * needs: where the payload starts, the SSRC and the sequence number. Every method returns -1 for a
 * packet too short or not of version 2; none throws for any byte content.
 */
final class RtpHeader {

  static final int RTP_FIXED = 12;
  static final int RTCP_FIXED = 8;
  static final int MALFORMED = -1;

  private RtpHeader() {}

  /**
   * The length of the RTP header including the CSRC list and the header extension (RFC 3550
   * §5.3.1), or {@link #MALFORMED} when it is not version 2 or does not fit in {@code len} bytes.
   */
  static int rtpHeaderLength(byte[] b, int off, int len) {
    if (len < RTP_FIXED || (b[off] & 0xc0) != 0x80) {
      return MALFORMED;
    }
    int n = RTP_FIXED + 4 * (b[off] & 0x0f);
    if ((b[off] & 0x10) != 0) {
      if (n + 4 > len) {
        return MALFORMED;
      }
      n += 4 + 4 * u16(b, off + n + 2);
    }
    return n <= len ? n : MALFORMED;
  }

  /**
   * Whether the padding a plaintext RTP packet declares fits: with P set, the last octet counts
   * the padding octets including itself (RFC 3550 §5.1), so it is at least 1 and no larger than
   * the payload.
   */
  static boolean paddingFits(byte[] b, int off, int len, int headerLength) {
    if ((b[off] & 0x20) == 0) {
      return true;
    }
    int payload = len - headerLength;
    int padding = b[off + len - 1] & 0xff;
    return payload > 0 && padding >= 1 && padding <= payload;
  }

  /** True when {@code len} bytes hold at least an RTCP fixed header of version 2. */
  static boolean isRtcp(byte[] b, int off, int len) {
    return len >= RTCP_FIXED && (b[off] & 0xc0) == 0x80;
  }

  static int sequenceNumber(byte[] b, int off) {
    return u16(b, off + 2);
  }

  static int rtpSsrc(byte[] b, int off) {
    return s32(b, off + 8);
  }

  static int rtcpSsrc(byte[] b, int off) {
    return s32(b, off + 4);
  }

  static int u16(byte[] b, int i) {
    return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
  }

  static int s32(byte[] b, int i) {
    return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff;
  }

  static void put32(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 24);
    b[i + 1] = (byte) (v >>> 16);
    b[i + 2] = (byte) (v >>> 8);
    b[i + 3] = (byte) v;
  }
}
