package io.opensbc.config.model.security;

import java.time.Duration;
import java.util.List;

/**
 * The registrar and location service for phones behind the SBC (docs/security.md, "Registrar").
 *
 * @param enabled REGISTER is served only when true (else 405 as before)
 * @param realm the digest realm; default the first domain
 * @param domains the domains whose users register here (Request-URI host of REGISTER, To host);
 *     the SBC's own addresses are always accepted
 * @param trunk the name routes use to reach registered users ({@code trunk: <this>}); default
 *     {@code registered-users}
 * @param algorithms digest algorithms offered, in the order of the challenges (RFC 8760 §2.4:
 *     the preferred first); default SHA-256, MD5
 * @param users users with their credentials (from the file and the configuration)
 * @param nonceLifetime a nonce older than this is stale (401 with stale=true)
 * @param nonceSecret the key of the nonce HMAC, the same on every node; null: one generated and
 *     shared through the cluster
 * @param minExpires shorter requested expiries get 423 Interval Too Brief (RFC 3261 §10.3 step 7)
 * @param maxExpires longer requested expiries are cut to this
 * @param defaultExpires when a REGISTER asks for none
 * @param maxBindings most contacts per address-of-record
 * @param keepalive the keep-alive interval asked of phones (RFC 5626 Flow-Timer on TCP; UDP NAT
 *     bindings are kept by the phone's own re-REGISTER/OPTIONS)
 * @param authenticateCalls out-of-dialog requests from sources that are not trunks must carry
 *     valid digest credentials (407 challenge); default true
 */
public record RegistrarConfig(boolean enabled, String realm, List<String> domains, String trunk,
    List<String> algorithms, List<SipUser> users, Duration nonceLifetime, String nonceSecret, int minExpires,
    int maxExpires, int defaultExpires, int maxBindings, Duration keepalive, boolean authenticateCalls) {
  public static final String DEFAULT_TRUNK = "registered-users";
  public static final RegistrarConfig DISABLED = new RegistrarConfig(false, null, List.of(), DEFAULT_TRUNK,
      List.of("SHA-256", "MD5"), List.of(), Duration.ofMinutes(5), null, 60, 3600, 3600, 10,
      Duration.ofSeconds(30), true);

  public RegistrarConfig {
    domains = domains == null ? List.of() : List.copyOf(domains);
    algorithms = algorithms == null ? List.of("SHA-256", "MD5") : List.copyOf(algorithms);
    users = users == null ? List.of() : List.copyOf(users);
    trunk = trunk == null ? DEFAULT_TRUNK : trunk;
  }

  @Override
  public String toString() {
    return "RegistrarConfig[enabled=" + enabled + ", realm=" + realm + ", domains=" + domains + ", trunk=" + trunk
        + ", algorithms=" + algorithms + ", users=" + users.size() + ", nonceLifetime=" + nonceLifetime
        + ", nonceSecret=" + (nonceSecret == null ? "cluster-generated" : "***") + ", expires=" + minExpires + ".."
        + maxExpires + " (default " + defaultExpires + "), maxBindings=" + maxBindings + ", keepalive=" + keepalive
        + ", authenticateCalls=" + authenticateCalls + "]";
  }
}
