package io.opensbc.media.sdp;

import java.util.Optional;

/**
 * The SRTP crypto suites the relay accepts in {@code a=crypto}, with their master key and salt
 * lengths: RFC 4568 §6.2 (AES-CM with HMAC-SHA1) and RFC 7714 §12 (AEAD AES-GCM).
 */
public enum CryptoSuite {
  AES_CM_128_HMAC_SHA1_80(16, 14),
  AES_CM_128_HMAC_SHA1_32(16, 14),
  AEAD_AES_128_GCM(16, 12),
  AEAD_AES_256_GCM(32, 12);

  private final int keyLength;
  private final int saltLength;

  CryptoSuite(int keyLength, int saltLength) {
    this.keyLength = keyLength;
    this.saltLength = saltLength;
  }

  public static Optional<CryptoSuite> of(String name) {
    for (CryptoSuite s : values()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public int keyLength() {
    return keyLength;
  }

  public int saltLength() {
    return saltLength;
  }

  /**
   * Whether the relay can use {@code c}: a suite of this enum, every key {@code inline} with the
   * suite's key and salt length, and no session parameter other than {@code WSH=<n>} (a hint) or
   * {@code KDR=0} (RFC 4568 §6.3: an answerer must not accept parameters it does not support).
   */
  public static boolean acceptable(Crypto c) {
    Optional<CryptoSuite> suite = of(c.suite());
    if (suite.isEmpty()) {
      return false;
    }
    int length = suite.get().keyLength + suite.get().saltLength;
    for (Crypto.KeyParams k : c.keyParams()) {
      if (!k.isInline() || k.keySaltBytes().length != length) {
        return false;
      }
    }
    for (String p : c.sessionParams()) {
      if (!p.startsWith("WSH=") && !p.equals("KDR=0")) {
        return false;
      }
    }
    return true;
  }
}
