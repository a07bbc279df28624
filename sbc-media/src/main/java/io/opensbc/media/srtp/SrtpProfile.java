package io.opensbc.media.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles we speak, with the lengths of their keys, salts and tags (RFC 3711
 * §8.2 and RFC 4568 §6.2 for AES-CM with HMAC-SHA1, RFC 7714 §12 and §14 for AES-GCM).
 *
 * <p>Lengths are in bytes. The session keys have the master key's length; the session salt has the
 * master salt's. AES-CM profiles authenticate with a 160-bit HMAC-SHA1 key; AEAD profiles have no
 * separate authentication key.
 */
public enum SrtpProfile {
  /** RFC 4568 §6.2.1: AES-128 counter mode, HMAC-SHA1 tag of 80 bits for SRTP and SRTCP. */
  AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80", 0x0001, 16, 14, 20, 10, 10, false),
  /**
   * RFC 4568 §6.2.2: as above, but the SRTP tag is truncated to 32 bits. SRTCP keeps the 80-bit tag
   * ("the SRTCP authentication tag length is 80 bits").
   */
  AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32", 0x0002, 16, 14, 20, 4, 10, false),
  /** RFC 7714: AES-128 in Galois/Counter Mode, 16-byte tag, 12-byte salt. */
  AEAD_AES_128_GCM("AEAD_AES_128_GCM", 0x0007, 16, 12, 0, 16, 16, true),
  /** RFC 7714: AES-256 in Galois/Counter Mode, 16-byte tag, 12-byte salt. */
  AEAD_AES_256_GCM("AEAD_AES_256_GCM", 0x0008, 32, 12, 0, 16, 16, true);

  private final String sdesName;
  private final int dtlsProfileId;
  private final int keyLength;
  private final int saltLength;
  private final int authKeyLength;
  private final int rtpTagLength;
  private final int rtcpTagLength;
  private final boolean aead;

  SrtpProfile(String sdesName, int dtlsProfileId, int keyLength, int saltLength,
      int authKeyLength, int rtpTagLength, int rtcpTagLength, boolean aead) {
    this.sdesName = sdesName;
    this.dtlsProfileId = dtlsProfileId;
    this.keyLength = keyLength;
    this.saltLength = saltLength;
    this.authKeyLength = authKeyLength;
    this.rtpTagLength = rtpTagLength;
    this.rtcpTagLength = rtcpTagLength;
    this.aead = aead;
  }

  /** The crypto-suite name in an SDES {@code a=crypto} attribute (RFC 4568 §6.2, RFC 7714 §14). */
  public String sdesName() {
    return sdesName;
  }

  /** The DTLS-SRTP protection profile number (RFC 5764 §4.1.2, RFC 7714 §14.2). */
  public int dtlsProfileId() {
    return dtlsProfileId;
  }

  /** Master key length, which is also the session encryption key length. */
  public int keyLength() {
    return keyLength;
  }

  /** Master salt length, which is also the session salt length. */
  public int saltLength() {
    return saltLength;
  }

  /** Session authentication key length: 20 for HMAC-SHA1, 0 for AEAD profiles. */
  public int authKeyLength() {
    return authKeyLength;
  }

  /** Authentication tag length appended to each SRTP packet. */
  public int rtpTagLength() {
    return rtpTagLength;
  }

  /** Authentication tag length appended to each SRTCP packet. */
  public int rtcpTagLength() {
    return rtcpTagLength;
  }

  /** True for the AES-GCM profiles of RFC 7714. */
  public boolean aead() {
    return aead;
  }

  /**
   * The profile an SDES crypto-suite name names. Case is ignored: the names are quoted strings in
   * RFC 4568's ABNF, and those are case-insensitive (RFC 5234 §2.3).
   */
  public static Optional<SrtpProfile> fromSdesName(String name) {
    for (SrtpProfile p : values()) {
      if (p.sdesName.equalsIgnoreCase(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
