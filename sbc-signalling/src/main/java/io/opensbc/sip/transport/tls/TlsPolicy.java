package io.opensbc.sip.transport.tls;

import io.vertx.core.net.SSLOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The TLS versions and cipher suites every SIP TLS connection uses, in and out: TLS 1.2 and 1.3
 * only, forward-secret AEAD suites only (what Microsoft Direct Routing and current BSI/NIST
 * guidance accept). Handshakes that take longer than 10 s are dropped.
 */
public final class TlsPolicy {
  public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  /** TLS 1.3 suites, then TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305. */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_256_GCM_SHA384",
      "TLS_AES_128_GCM_SHA256",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  public static final long HANDSHAKE_TIMEOUT_SECONDS = 10;

  private TlsPolicy() {}

  /** Applies the versions, suites and handshake timeout to {@code o}. */
  public static <T extends SSLOptions> T apply(T o) {
    o.setEnabledSecureTransportProtocols(PROTOCOLS);
    CIPHER_SUITES.forEach(o::addEnabledCipherSuite);
    o.setSslHandshakeTimeout(HANDSHAKE_TIMEOUT_SECONDS);
    o.setSslHandshakeTimeoutUnit(TimeUnit.SECONDS);
    return o;
  }
}
