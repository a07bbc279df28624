package io.opensbc.media.srtp;

import io.opensbc.media.srtp.SrtpKeyDerivation.SessionKeys;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM (RFC 7714), tag of 16 bytes.
 *
 * <pre>
 * SRTP  (§8):  header | ciphertext | tag | MKI                 AAD = header
 *              IV = (0x0000 | SSRC | ROC | SEQ) XOR salt
 * SRTCP (§9):  header(8) | ciphertext | tag | E | index | MKI  AAD = header | E | index
 *   E = 0:     header | rest (clear) | tag | E | index | MKI   AAD = header | rest | E | index
 *              IV = (0x0000 | SSRC | 0x0000 | 0 | index) XOR salt
 * </pre>
 *
 * A forged packet surfaces from the JCE as {@link AEADBadTagException}; it is caught here and
 * becomes {@link SrtpDrop#NOT_AUTHENTIC}. The JCE checks the tag before it writes any plaintext, so
 * a rejected packet is left as it arrived.
 */
final class AesGcmTransform extends SrtpTransform {

  static final int TAG = 16;
  private static final int TAG_BITS = TAG * 8;

  private final Direction rtp;
  private final Direction rtcp;
  private final byte[] iv = new byte[12];
  private final byte[] word = new byte[4];

  private record Direction(Cipher gcm, SecretKeySpec key, byte[] salt) {}

  AesGcmTransform(SessionKeys rtpKeys, SessionKeys rtcpKeys, byte[] mki) {
    super(mki);
    this.rtp = direction(rtpKeys);
    this.rtcp = direction(rtcpKeys);
  }

  private static Direction direction(SessionKeys keys) {
    try {
      return new Direction(Cipher.getInstance("AES/GCM/NoPadding"),
          new SecretKeySpec(keys.encryptionKey(), "AES"), keys.salt().clone());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JCE lacks AES/GCM", e);
    }
  }

  @Override
  int rtpOverhead() {
    return TAG + mki.length;
  }

  @Override
  int rtcpOverhead() {
    return TAG + 4 + mki.length;
  }

  @Override
  int rtcpTrailerAfterIndex() {
    return mki.length;
  }

  @Override
  int protectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
    try {
      init(rtp, Cipher.ENCRYPT_MODE, ssrc, index, 6);
      rtp.gcm.updateAAD(b, off, headerLength);
      rtp.gcm.doFinal(b, off + headerLength, len - headerLength, b, off + headerLength);
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
    System.arraycopy(mki, 0, b, off + len + TAG, mki.length);
    return len + TAG + mki.length;
  }

  @Override
  int unprotectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
    int sealedEnd = len - mki.length;
    if (!mkiMatches(b, off + sealedEnd)) {
      return SrtpDrop.UNKNOWN_MKI.status();
    }
    try {
      init(rtp, Cipher.DECRYPT_MODE, ssrc, index, 6);
      rtp.gcm.updateAAD(b, off, headerLength);
      rtp.gcm.doFinal(b, off + headerLength, sealedEnd - headerLength, b, off + headerLength);
    } catch (AEADBadTagException e) {
      return SrtpDrop.NOT_AUTHENTIC.status();
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
    return sealedEnd - TAG;
  }

  @Override
  int protectRtcp(byte[] b, int off, int len, int ssrc, int index) {
    RtpHeader.put32(word, 0, 0x8000_0000 | index);
    int body = off + RtpHeader.RTCP_FIXED;
    try {
      init(rtcp, Cipher.ENCRYPT_MODE, ssrc, index, 8);
      rtcp.gcm.updateAAD(b, off, RtpHeader.RTCP_FIXED);
      rtcp.gcm.updateAAD(word, 0, 4);
      rtcp.gcm.doFinal(b, body, len - RtpHeader.RTCP_FIXED, b, body);
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
    System.arraycopy(word, 0, b, off + len + TAG, 4);
    System.arraycopy(mki, 0, b, off + len + TAG + 4, mki.length);
    return len + rtcpOverhead();
  }

  @Override
  int unprotectRtcp(byte[] b, int off, int len, int ssrc, int indexAt, boolean encrypted) {
    if (!mkiMatches(b, off + indexAt + 4)) {
      return SrtpDrop.UNKNOWN_MKI.status();
    }
    int index = RtpHeader.s32(b, off + indexAt) & 0x7fff_ffff;
    int plainEnd = indexAt - TAG;
    try {
      init(rtcp, Cipher.DECRYPT_MODE, ssrc, index, 8);
      if (encrypted) {
        rtcp.gcm.updateAAD(b, off, RtpHeader.RTCP_FIXED);
        rtcp.gcm.updateAAD(b, off + indexAt, 4);
        int body = off + RtpHeader.RTCP_FIXED;
        rtcp.gcm.doFinal(b, body, indexAt - RtpHeader.RTCP_FIXED, b, body);
      } else {
        rtcp.gcm.updateAAD(b, off, plainEnd);
        rtcp.gcm.updateAAD(b, off + indexAt, 4);
        rtcp.gcm.doFinal(b, off + plainEnd, TAG, b, off + plainEnd);
      }
    } catch (AEADBadTagException e) {
      return SrtpDrop.NOT_AUTHENTIC.status();
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
    return plainEnd;
  }

  /**
   * Sets up the 96-bit IV: the SSRC at bytes 2..5, the index ending at byte 11 (48 bits of ROC and
   * SEQ for SRTP from byte 6, 32 bits of SRTCP index from byte 8), XORed with the session salt.
   */
  private void init(Direction d, int mode, int ssrc, long index, int indexFrom)
      throws GeneralSecurityException {
    System.arraycopy(d.salt, 0, iv, 0, 12);
    iv[2] ^= (byte) (ssrc >>> 24);
    iv[3] ^= (byte) (ssrc >>> 16);
    iv[4] ^= (byte) (ssrc >>> 8);
    iv[5] ^= (byte) ssrc;
    for (int i = indexFrom; i < 12; i++) {
      iv[i] ^= (byte) (index >>> (8 * (11 - i)));
    }
    d.gcm.init(mode, d.key, new GCMParameterSpec(TAG_BITS, iv));
  }
}
