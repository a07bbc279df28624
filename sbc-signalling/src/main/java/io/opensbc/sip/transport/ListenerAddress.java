package io.opensbc.sip.transport;

import io.opensbc.config.model.Transport;

/** A listener's name, transport and the address it is bound to. */
public record ListenerAddress(String name, Transport transport, String host, int port) {
  public String hostPort() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  public String viaTransport() {
    return transport.name();
  }
}
