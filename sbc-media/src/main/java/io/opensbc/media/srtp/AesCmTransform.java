package io.opensbc.media.srtp;

import io.opensbc.media.srtp.SrtpKeyDerivation.SessionKeys;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode with an HMAC-SHA1 tag (RFC 3711 §4.1.1 and §4.2.1).
 *
 * <pre>
 * SRTP:  header | encrypted payload | MKI | tag          tag = HMAC(header | payload | ROC)
 * SRTCP: header(8) | encrypted rest | E | index(31) | MKI | tag   tag over everything before MKI
 * IV = (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16), 128 bits
 * </pre>
 */
final class AesCmTransform extends SrtpTransform {

  private static final int HMAC_SHA1_LENGTH = 20;

  private final Direction rtp;
  private final Direction rtcp;
  private final int rtpTag;
  private final int rtcpTag;
  private final byte[] iv = new byte[16];
  private final byte[] digest = new byte[HMAC_SHA1_LENGTH];
  private final byte[] roc = new byte[4];

  /** One Cipher and one Mac per key: the JCE caches the AES key schedule of the last key. */
  private record Direction(Cipher ctr, SecretKeySpec key, byte[] salt, Mac mac) {}

  AesCmTransform(SrtpProfile profile, SessionKeys rtpKeys, SessionKeys rtcpKeys, byte[] mki) {
    super(mki);
    this.rtp = direction(rtpKeys);
    this.rtcp = direction(rtcpKeys);
    this.rtpTag = profile.rtpTagLength();
    this.rtcpTag = profile.rtcpTagLength();
  }

  private static Direction direction(SessionKeys keys) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(keys.authenticationKey(), "HmacSHA1"));
      return new Direction(Cipher.getInstance("AES/CTR/NoPadding"),
          new SecretKeySpec(keys.encryptionKey(), "AES"), keys.salt().clone(), mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JCE lacks AES/CTR or HmacSHA1", e);
    }
  }

  @Override
  int rtpOverhead() {
    return mki.length + rtpTag;
  }

  @Override
  int rtcpOverhead() {
    return 4 + mki.length + rtcpTag;
  }

  @Override
  int rtcpTrailerAfterIndex() {
    return mki.length + rtcpTag;
  }

  @Override
  int protectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
    crypt(rtp, ssrc, index, b, off + headerLength, len - headerLength);
    System.arraycopy(mki, 0, b, off + len, mki.length);
    rtpDigest(b, off, len, index);
    System.arraycopy(digest, 0, b, off + len + mki.length, rtpTag);
    return len + mki.length + rtpTag;
  }

  @Override
  int unprotectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
    int authenticated = len - rtpOverhead();
    if (!mkiMatches(b, off + authenticated)) {
      return SrtpDrop.UNKNOWN_MKI.status();
    }
    rtpDigest(b, off, authenticated, index);
    if (!constantTimeEquals(digest, 0, b, off + authenticated + mki.length, rtpTag)) {
      return SrtpDrop.NOT_AUTHENTIC.status();
    }
    crypt(rtp, ssrc, index, b, off + headerLength, authenticated - headerLength);
    return authenticated;
  }

  @Override
  int protectRtcp(byte[] b, int off, int len, int ssrc, int index) {
    crypt(rtcp, ssrc, index, b, off + RtpHeader.RTCP_FIXED, len - RtpHeader.RTCP_FIXED);
    RtpHeader.put32(b, off + len, 0x8000_0000 | index);
    System.arraycopy(mki, 0, b, off + len + 4, mki.length);
    rtcpDigest(b, off, len + 4);
    System.arraycopy(digest, 0, b, off + len + 4 + mki.length, rtcpTag);
    return len + rtcpOverhead();
  }

  @Override
  int unprotectRtcp(byte[] b, int off, int len, int ssrc, int indexAt, boolean encrypted) {
    if (!mkiMatches(b, off + indexAt + 4)) {
      return SrtpDrop.UNKNOWN_MKI.status();
    }
    rtcpDigest(b, off, indexAt + 4);
    if (!constantTimeEquals(digest, 0, b, off + indexAt + 4 + mki.length, rtcpTag)) {
      return SrtpDrop.NOT_AUTHENTIC.status();
    }
    if (encrypted) {
      int index = RtpHeader.s32(b, off + indexAt) & 0x7fff_ffff;
      crypt(rtcp, ssrc, index, b, off + RtpHeader.RTCP_FIXED, indexAt - RtpHeader.RTCP_FIXED);
    }
    return indexAt;
  }

  /** RFC 3711 §4.2: the tag covers the authenticated portion followed by the 32-bit ROC. */
  private void rtpDigest(byte[] b, int off, int len, long index) {
    RtpHeader.put32(roc, 0, (int) (index >>> 16));
    rtp.mac.update(b, off, len);
    rtp.mac.update(roc, 0, 4);
    finish(rtp.mac);
  }

  private void rtcpDigest(byte[] b, int off, int len) {
    rtcp.mac.update(b, off, len);
    finish(rtcp.mac);
  }

  private void finish(Mac mac) {
    try {
      mac.doFinal(digest, 0);
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
  }

  /** Encrypts or decrypts (the same XOR) {@code len} bytes in place. */
  private void crypt(Direction d, int ssrc, long index, byte[] b, int at, int len) {
    if (len == 0) {
      return;
    }
    System.arraycopy(d.salt, 0, iv, 0, 14);
    iv[14] = 0;
    iv[15] = 0;
    iv[4] ^= (byte) (ssrc >>> 24);
    iv[5] ^= (byte) (ssrc >>> 16);
    iv[6] ^= (byte) (ssrc >>> 8);
    iv[7] ^= (byte) ssrc;
    for (int i = 0; i < 6; i++) {
      iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
    }
    try {
      d.ctr.init(Cipher.ENCRYPT_MODE, d.key, new IvParameterSpec(iv));
      d.ctr.doFinal(b, at, len, b, at);
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
  }
}
