package io.opensbc.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP key derivation function: the AES-CM PRF of RFC 3711 §4.3.3, with a key derivation rate
 * of zero (session keys are derived once, §4.3.1). AES-256 master keys use AES-256 as the PRF
 * (RFC 6188 §7, which RFC 7714 §11 adopts for AEAD_AES_256_GCM). A 12-byte AEAD master salt takes
 * the place of the 14-byte one, left-aligned and padded with zeros, as libsrtp and pion do (RFC
 * 7714 §11 keeps the RFC 3711 KDF unchanged).
 */
public final class SrtpKeyDerivation {

  /** Key derivation labels (RFC 3711 §4.3.1 and §4.3.2). */
  public static final int LABEL_RTP_ENCRYPTION = 0x00;
  public static final int LABEL_RTP_AUTHENTICATION = 0x01;
  public static final int LABEL_RTP_SALT = 0x02;
  public static final int LABEL_RTCP_ENCRYPTION = 0x03;
  public static final int LABEL_RTCP_AUTHENTICATION = 0x04;
  public static final int LABEL_RTCP_SALT = 0x05;

  /** The PRF input block is the master salt as a 112-bit value, shifted left 16 bits. */
  private static final int PRF_SALT_BYTES = 14;

  private SrtpKeyDerivation() {}

  /**
   * {@code PRF_n(k_master, x)}: the first {@code length} bytes of the AES-CM keystream keyed by the
   * master key, starting at the counter {@code x * 2^16} where {@code x = (label || r) XOR
   * master_salt}, {@code r = 0}, right-aligned (RFC 3711 §4.3.1 and §4.3.3).
   */
  public static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
    if (masterSalt.length > PRF_SALT_BYTES) {
      throw new IllegalArgumentException("master salt longer than 112 bits");
    }
    if (label < 0 || label > 0xff) {
      throw new IllegalArgumentException("label " + label);
    }
    byte[] iv = new byte[16];
    System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
    // key_id = label || r is 7 bytes (r is 48 bits); right-aligned against the 14-byte salt, the
    // label lands on byte 7 and r (zero) on bytes 8..13.
    iv[7] ^= (byte) label;
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
      return aes.doFinal(new byte[length]);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "JCE lacks AES/CTR for a " + masterKey.length + "-byte key", e);
    }
  }

  /** The session keys for SRTP (labels 0, 1, 2). */
  static SessionKeys rtp(SrtpMasterKey master) {
    return session(master, LABEL_RTP_ENCRYPTION, LABEL_RTP_AUTHENTICATION, LABEL_RTP_SALT);
  }

  /** The session keys for SRTCP (labels 3, 4, 5). */
  static SessionKeys rtcp(SrtpMasterKey master) {
    return session(master, LABEL_RTCP_ENCRYPTION, LABEL_RTCP_AUTHENTICATION, LABEL_RTCP_SALT);
  }

  private static SessionKeys session(SrtpMasterKey master, int enc, int auth, int salt) {
    SrtpProfile p = master.profile();
    byte[] key = master.key();
    byte[] masterSalt = master.salt();
    return new SessionKeys(derive(key, masterSalt, enc, p.keyLength()),
        p.authKeyLength() == 0 ? new byte[0] : derive(key, masterSalt, auth, p.authKeyLength()),
        derive(key, masterSalt, salt, p.saltLength()));
  }

  /** Session keys for one of SRTP or SRTCP. Never printed. */
  record SessionKeys(byte[] encryptionKey, byte[] authenticationKey, byte[] salt) {
    @Override
    public String toString() {
      return "SessionKeys[hidden]";
    }
  }
}
