package io.opensbc.sip.security;

import io.opensbc.config.model.security.DigestHash;
import io.opensbc.config.model.security.SipUser;
import io.opensbc.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP digest for SIP (RFC 3261 §22, RFC 7616, RFC 8760): challenges with qop=auth for each
 * configured algorithm (SHA-256 and/or MD5, the preferred first), and verification of the
 * credentials that answer them. An unknown user is verified against a stand-in HA1 derived from
 * the nonce secret, so the work done and the answer given are the same whether the user exists or
 * not. Immutable; safe from any thread.
 */
public final class DigestAuth {
  /** What a request's credentials amount to. */
  public sealed interface Result permits Missing, Accepted, Stale, Rejected {}

  /** No credentials for our realm: challenge. */
  public record Missing() implements Result {}

  /** Valid credentials of {@code username}. */
  public record Accepted(String username) implements Result {}

  /** Right password, but an expired nonce: challenge again with stale=true (not a failure). */
  public record Stale(String username) implements Result {}

  /** Wrong password, unknown user, forged nonce or unusable credentials: a failure to count. */
  public record Rejected(String username, String why) implements Result {}

  private final String realm;
  private final List<String> algorithms;
  private final Map<String, SipUser> users = new HashMap<>();
  private final NonceService nonces;

  public DigestAuth(String realm, List<String> algorithms, List<SipUser> userList, NonceService nonces) {
    this.realm = realm;
    this.algorithms = List.copyOf(algorithms);
    this.nonces = nonces;
    for (SipUser u : userList) {
      users.put(u.username(), u);
    }
  }

  public String realm() {
    return realm;
  }

  /** The challenge values (one per algorithm) for WWW-Authenticate or Proxy-Authenticate. */
  public List<String> challenges(long nowMillis, boolean stale) {
    String nonce = nonces.issue(nowMillis);
    return algorithms.stream().map(a -> "Digest realm=\"" + realm + "\", nonce=\"" + nonce
        + "\", algorithm=" + a + ", qop=\"auth\"" + (stale ? ", stale=true" : "")).toList();
  }

  /** Checks the {@code header} (Authorization or Proxy-Authorization) of {@code req} for our realm. */
  public Result verify(SipRequest req, String header, long nowMillis) {
    Map<String, String> p = null;
    for (String v : req.headers().values(header)) {
      Map<String, String> candidate = DigestParams.parse(v);
      if (candidate != null && realm.equals(candidate.get("realm"))) {
        p = candidate;
        break;
      }
    }
    if (p == null) {
      return new Missing();
    }
    String username = p.get("username");
    String nonce = p.get("nonce");
    String uri = p.get("uri");
    String response = p.get("response");
    if (username == null || nonce == null || uri == null || response == null) {
      return new Rejected(username, "incomplete credentials");
    }
    String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    if (!algorithms.contains(algorithm)) {
      return new Rejected(username, "algorithm not offered");
    }
    String qop = p.get("qop");
    if (qop != null && !qop.equalsIgnoreCase("auth")) {
      return new Rejected(username, "qop not offered");
    }
    String ha1 = ha1(username, algorithm);
    String ha2 = DigestHash.hash(algorithm, req.method() + ":" + uri);
    String expected = qop == null
        ? DigestHash.hash(algorithm, ha1 + ":" + nonce + ":" + ha2)
        : DigestHash.hash(algorithm, ha1 + ":" + nonce + ":" + p.getOrDefault("nc", "") + ":"
            + p.getOrDefault("cnonce", "") + ":auth:" + ha2);
    boolean right = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    NonceService.Check nonceCheck = nonces.check(nonce, nowMillis);
    boolean known = users.containsKey(username) && hasHash(users.get(username), algorithm);
    if (nonceCheck == NonceService.Check.INVALID) {
      return new Rejected(username, "nonce not ours");
    }
    if (!right || !known) {
      return new Rejected(username, "wrong credentials");
    }
    return nonceCheck == NonceService.Check.STALE ? new Stale(username) : new Accepted(username);
  }

  private String ha1(String username, String algorithm) {
    SipUser u = users.get(username);
    String h = u == null ? null : algorithm.equals("MD5") ? u.ha1Md5() : u.ha1Sha256();
    // the same hashing for a user that does not exist: no timing or answer tells them apart
    return h != null ? h : DigestHash.hash(algorithm, nonces.keyed(username));
  }

  private static boolean hasHash(SipUser u, String algorithm) {
    return (algorithm.equals("MD5") ? u.ha1Md5() : u.ha1Sha256()) != null;
  }
}
