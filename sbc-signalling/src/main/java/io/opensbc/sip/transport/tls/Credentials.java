package io.opensbc.sip.transport.tls;

import io.vertx.core.net.KeyCertOptions;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain and its key, read and checked, as Vert.x options.
 *
 * @param chain leaf first
 * @param options the key and chain for a server or client SSL context
 * @param stamp the files' modification times and sizes when read (a change means a reload)
 */
public record Credentials(List<X509Certificate> chain, KeyCertOptions options, FileStamp stamp) {
  public Credentials {
    chain = List.copyOf(chain);
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }
}
