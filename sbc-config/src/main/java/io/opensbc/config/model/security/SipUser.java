package io.opensbc.config.model.security;

/**
 * A registrar user with its digest credentials as HA1 hashes (RFC 7616 §3.4.2: H(user:realm:password))
 * for the registrar's realm; either may be null when that algorithm is not configured for the user.
 * A password written in the configuration is hashed at load and never kept. {@link #toString()}
 * masks the hashes.
 */
public record SipUser(String username, String ha1Md5, String ha1Sha256) {
  @Override
  public String toString() {
    return "SipUser[username=" + username + ", ha1Md5=" + (ha1Md5 == null ? "none" : "***")
        + ", ha1Sha256=" + (ha1Sha256 == null ? "none" : "***") + "]";
  }
}
