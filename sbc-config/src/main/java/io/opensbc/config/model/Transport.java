package io.opensbc.config.model;

import java.util.Locale;

/** SIP transports a listener or trunk may use. TLS comes later. */
public enum Transport {
  UDP,
  TCP;

  /** The YAML spelling: lower case. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
