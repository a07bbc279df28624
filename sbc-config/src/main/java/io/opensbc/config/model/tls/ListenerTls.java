package io.opensbc.config.model.tls;

import java.time.Duration;

/**
 * The server side of a TLS listener.
 *
 * @param certificate PEM certificate chain (leaf first), or a PKCS#12 file ({@code .p12}/{@code
 *     .pfx}) holding key and chain
 * @param key PEM private key (PKCS#8 or PKCS#1); null for PKCS#12
 * @param password the PKCS#12 password; null for PEM. Masked in {@link #toString()}
 * @param ca PEM file of the CAs that client certificates must chain to; null: no client
 *     certificate is asked for
 * @param clientAuth whether a client certificate is asked for and required (mutual TLS)
 * @param reloadInterval how often the certificate files are checked for a change; a changed
 *     certificate is used for new connections, established ones keep theirs
 */
public record ListenerTls(String certificate, String key, String password, String ca, ClientAuth clientAuth,
    Duration reloadInterval) {

  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);

  public ListenerTls {
    clientAuth = clientAuth == null ? (ca == null ? ClientAuth.NONE : ClientAuth.REQUIRE) : clientAuth;
    reloadInterval = reloadInterval == null ? DEFAULT_RELOAD_INTERVAL : reloadInterval;
  }

  /** True for a PKCS#12 keystore (by file name). */
  public boolean pkcs12() {
    String c = certificate == null ? "" : certificate.toLowerCase(java.util.Locale.ROOT);
    return c.endsWith(".p12") || c.endsWith(".pfx");
  }

  @Override
  public String toString() {
    return "ListenerTls[certificate=" + certificate + ", key=" + key + ", password="
        + (password == null ? "null" : "****") + ", ca=" + ca + ", clientAuth=" + clientAuth
        + ", reloadInterval=" + reloadInterval + "]";
  }

  /** Mutual TLS on a listener. */
  public enum ClientAuth {
    /** No client certificate is asked for. */
    NONE,
    /** Asked for; a client without one is still accepted. */
    REQUEST,
    /** Required and verified against {@code ca}. */
    REQUIRE;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
