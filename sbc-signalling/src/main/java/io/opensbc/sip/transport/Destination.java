package io.opensbc.sip.transport;

import io.opensbc.config.model.Transport;

/**
 * Where to send a message: through which listener's socket, and to which peer. For TCP and TLS a
 * known connection id is used first when it is still open; otherwise a connection to host:port
 * (for TLS: to the peer's server name and port) is reused or opened.
 *
 * @param peer for TLS: the trunk (its trust store) and the name to send as SNI and check in the
 *     peer's certificate; null when not known (a connection the transport opened before to this
 *     address is then reused, or its name remembered)
 */
public record Destination(String listener, Transport transport, String host, int port, long connectionId,
    PeerName peer) {

  public Destination(String listener, Transport transport, String host, int port, long connectionId) {
    this(listener, transport, host, port, connectionId, null);
  }

  public static Destination of(String listener, Transport transport, String host, int port) {
    return new Destination(listener, transport, host, port, 0, null);
  }

  public boolean reliable() {
    return transport != Transport.UDP;
  }

  /** The same destination towards a named TLS peer. */
  public Destination withPeer(PeerName p) {
    return new Destination(listener, transport, host, port, connectionId, p);
  }

  /**
   * Who a TLS peer is.
   *
   * @param trunk the trunk whose TLS settings apply; null for none
   * @param serverName SNI and the name the certificate must cover; null: not checked
   */
  public record PeerName(String trunk, String serverName) {}
}
