package io.opensbc.media.srtp;

/**
 * The cryptographic half of a context: it encrypts, decrypts, tags and verifies one packet in place
 * once the context has parsed the header and settled the packet index. It knows where the tag,
 * the SRTCP index and the MKI sit for its profile; it keeps no per-stream state besides reusable
 * JCE instances and scratch arrays, so it is as single-threaded as its context.
 *
 * <p>Lengths passed to the unprotect methods have been checked by the context against
 * {@link #rtpOverhead()} and {@link #minimumSrtcpLength()}. Every method returns the new length or
 * a negative {@link SrtpDrop} status.
 */
abstract sealed class SrtpTransform permits AesCmTransform, AesGcmTransform {

  /** The MKI to write after each packet and to expect on each received one; may be empty. */
  protected final byte[] mki;

  SrtpTransform(byte[] mki) {
    this.mki = mki.clone();
  }

  /** Bytes protect adds to an RTP packet: tag and MKI. */
  abstract int rtpOverhead();

  /** Bytes protect adds to an RTCP packet: tag, E flag and SRTCP index, MKI. */
  abstract int rtcpOverhead();

  /** The shortest SRTCP packet worth looking at: the RTCP header plus everything protect adds. */
  int minimumSrtcpLength() {
    return RtpHeader.RTCP_FIXED + rtcpOverhead();
  }

  /** Bytes after the E flag and SRTCP index word in an SRTCP packet. */
  abstract int rtcpTrailerAfterIndex();

  abstract int protectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index);

  abstract int unprotectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index);

  /** Encrypts (E = 1) and tags; the word with E and the index follows the ciphertext. */
  abstract int protectRtcp(byte[] b, int off, int len, int ssrc, int index);

  /** Verifies, and decrypts when E is set; {@code indexAt} is where the E-and-index word starts. */
  abstract int unprotectRtcp(byte[] b, int off, int len, int ssrc, int indexAt, boolean encrypted);

  /** Whether the MKI bytes at {@code at} are ours. */
  final boolean mkiMatches(byte[] b, int at) {
    int diff = 0;
    for (int i = 0; i < mki.length; i++) {
      diff |= b[at + i] ^ mki[i];
    }
    return diff == 0;
  }

  /** Comparison in time independent of where the first difference is. */
  static boolean constantTimeEquals(byte[] a, int aOff, byte[] b, int bOff, int len) {
    int diff = 0;
    for (int i = 0; i < len; i++) {
      diff |= a[aOff + i] ^ b[bOff + i];
    }
    return diff == 0;
  }

  static IllegalStateException jceFailure(Exception e) {
    return new IllegalStateException("JCE failed on a well-formed SRTP operation", e);
  }
}
