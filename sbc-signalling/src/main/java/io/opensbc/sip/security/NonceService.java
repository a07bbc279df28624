package io.opensbc.sip.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless digest nonces (RFC 7616 §3.3 leaves the form to the server): {@code <issued-at ms in
 * hex>.<HMAC-SHA-256(secret, issued-at ":" realm), 128 bits, base64url>}. Every node that has the
 * cluster's secret can check a nonce another node issued; a nonce older than the lifetime is
 * stale (the client retries with the fresh one of a stale=true challenge, RFC 7616 §3.3).
 */
public final class NonceService {
  public enum Check { VALID, STALE, INVALID }

  private final byte[] secret;
  private final String realm;
  private final long lifetimeMillis;

  public NonceService(byte[] secret, String realm, long lifetimeMillis) {
    this.secret = secret.clone();
    this.realm = realm;
    this.lifetimeMillis = lifetimeMillis;
  }

  public String issue(long nowMillis) {
    String ts = Long.toHexString(nowMillis);
    return ts + "." + mac(ts);
  }

  public Check check(String nonce, long nowMillis) {
    if (nonce == null || nonce.length() > 64) {
      return Check.INVALID;
    }
    int dot = nonce.indexOf('.');
    if (dot <= 0 || dot > 16) {
      return Check.INVALID;
    }
    String ts = nonce.substring(0, dot);
    long issued;
    try {
      issued = Long.parseLong(ts, 16);
    } catch (NumberFormatException e) {
      return Check.INVALID;
    }
    byte[] expected = mac(ts).getBytes(StandardCharsets.US_ASCII);
    byte[] given = nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given) || issued > nowMillis + 60_000) {
      return Check.INVALID;
    }
    return nowMillis - issued > lifetimeMillis ? Check.STALE : Check.VALID;
  }

  private String mac(String ts) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] full = m.doFinal((ts + ":" + realm).getBytes(StandardCharsets.UTF_8));
      byte[] half = java.util.Arrays.copyOf(full, 16);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(half);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  /** A keyed hash of {@code text} with the nonce secret (e.g. a stand-in HA1 for unknown users). */
  public String keyed(String text) {
    return mac("u:" + text);
  }
}
