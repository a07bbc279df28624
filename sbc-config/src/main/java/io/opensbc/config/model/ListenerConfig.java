package io.opensbc.config.model;

import io.opensbc.config.model.tls.ListenerTls;

/**
 * A SIP socket this node listens on. Name, transport, host and port are required.
 *
 * @param tls the certificate and client verification of a {@code tls} listener; null for the
 *     others (docs/teams.md, docs/configuration.md)
 */
public record ListenerConfig(String name, Transport transport, String host, int port, ListenerTls tls) {

  /** A listener without TLS settings (UDP, TCP). */
  public ListenerConfig(String name, Transport transport, String host, int port) {
    this(name, transport, host, port, null);
  }
}
