package io.opensbc.config.model.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash functions of HTTP digest (RFC 7616 §3.4, RFC 8760): lower-case hex of MD5 or SHA-256. */
public final class DigestHash {
  private DigestHash() {}

  /** H(data) for "MD5" or "SHA-256". */
  public static String hash(String algorithm, String data) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm.equals("MD5") ? "MD5" : "SHA-256");
      return HexFormat.of().formatHex(md.digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every Java platform", e);
    }
  }

  /** HA1 = H(username:realm:password). */
  public static String ha1(String algorithm, String username, String realm, String password) {
    return hash(algorithm, username + ":" + realm + ":" + password);
  }
}
