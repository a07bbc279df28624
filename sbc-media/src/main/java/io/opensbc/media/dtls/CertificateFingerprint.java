package io.opensbc.media.dtls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

/**
 * Certificate fingerprints as SDP carries them (RFC 8122 §5): a hash of the DER certificate,
 * written as colon-separated hex pairs. Used to check that the certificate a DTLS peer presents is
 * the one its SDP announced (RFC 5763 §5); MD2 and MD5 are refused as RFC 8122 says.
 */
public final class CertificateFingerprint {
  private static final Map<String, String> ALGORITHMS = Map.of(
      "sha-1", "SHA-1",
      "sha-224", "SHA-224",
      "sha-256", "SHA-256",
      "sha-384", "SHA-384",
      "sha-512", "SHA-512");

  private CertificateFingerprint() {}

  /** Whether we can check fingerprints made with this {@code hash-func} (case-insensitive). */
  public static boolean supported(String hashFunction) {
    return hashFunction != null && ALGORITHMS.containsKey(hashFunction.toLowerCase(Locale.ROOT));
  }

  /** The hash of {@code der}; throws for an unsupported function (check {@link #supported}). */
  public static byte[] digest(String hashFunction, byte[] der) {
    String algorithm = ALGORITHMS.get(hashFunction.toLowerCase(Locale.ROOT));
    if (algorithm == null) {
      throw new IllegalArgumentException("hash function " + hashFunction
          + " (allowed: " + String.join(", ", ALGORITHMS.keySet()) + ")");
    }
    try {
      return MessageDigest.getInstance(algorithm).digest(der);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }

  /** Whether {@code der} hashes to {@code expected} with {@code hashFunction}; false if unsupported. */
  public static boolean matches(String hashFunction, byte[] expected, byte[] der) {
    return supported(hashFunction) && MessageDigest.isEqual(expected, digest(hashFunction, der));
  }

  /** Upper-case hex pairs separated by colons. */
  public static String hex(byte[] hash) {
    StringBuilder s = new StringBuilder(hash.length * 3);
    for (byte b : hash) {
      if (s.length() > 0) {
        s.append(':');
      }
      s.append(Character.toUpperCase(Character.forDigit((b >>> 4) & 0xf, 16)))
          .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }
    return s.toString();
  }
}
