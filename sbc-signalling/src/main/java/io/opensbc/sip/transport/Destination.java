package io.opensbc.sip.transport;

import io.opensbc.config.model.Transport;

/**
 * Where to send a message: through which listener's socket, and to which peer. For TCP a known
 * connection id is used first when it is still open; otherwise a connection to host:port is
 * reused or opened.
 */
public record Destination(String listener, Transport transport, String host, int port, long connectionId) {
  public static Destination of(String listener, Transport transport, String host, int port) {
    return new Destination(listener, transport, host, port, 0);
  }

  public boolean reliable() {
    return transport != Transport.UDP;
  }
}
