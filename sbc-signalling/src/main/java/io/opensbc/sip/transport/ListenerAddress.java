package io.opensbc.sip.transport;

import io.opensbc.config.model.Transport;

/** A listener's name, transport and the address it is bound to (or the FQDN it goes by). */
public record ListenerAddress(String name, Transport transport, String host, int port) {
  public String hostPort() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  public String viaTransport() {
    return transport.name();
  }

  /** The {@code ;transport=} URI parameter for this listener ("" for UDP, the default). */
  public String uriTransport() {
    return transport == Transport.UDP ? "" : ";transport=" + transport.yamlName();
  }

  /** The same listener presented by a DNS name (a trunk's {@code fqdn}); null keeps the address. */
  public ListenerAddress as(String fqdn) {
    return fqdn == null ? this : new ListenerAddress(name, transport, fqdn, port);
  }
}
