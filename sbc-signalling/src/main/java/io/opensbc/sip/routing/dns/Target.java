package io.opensbc.sip.routing.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/** One place to send a request: an address, a port and a transport (RFC 3263 §4). */
public record Target(InetAddress address, int port, SipTransport transport) {

  /** E.g. {@code udp:192.0.2.1:5060} or {@code tls:[2001:db8::1]:5061}. */
  @Override
  public String toString() {
    String ip = address.getHostAddress();
    return transport.name().toLowerCase(Locale.ROOT) + ":"
        + (address instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + port;
  }
}
