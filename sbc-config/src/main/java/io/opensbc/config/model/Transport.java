package io.opensbc.config.model;

import java.util.Locale;

/** SIP transports a listener or trunk may use. */
public enum Transport {
  UDP,
  TCP,
  /** SIP over TLS (RFC 3261 §26.2; port 5061 by convention): a TCP stream with TLS 1.2 or 1.3. */
  TLS;

  /** The YAML spelling: lower case. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A stream transport (TCP or TLS): framing by Content-Length, no retransmissions. */
  public boolean stream() {
    return this != UDP;
  }
}
