package io.opensbc.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * Connection data {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7). For
 * {@code IN IP4} the address is an IPv4 literal or a domain name, optionally with the multicast
 * {@code /<ttl>[/<number>]} suffix; for {@code IN IP6} an IPv6 literal or a domain name with an
 * optional {@code /<number>}.
 */
public record Connection(String netType, String addrType, String address) {

  public Connection {
    Objects.requireNonNull(netType, "netType");
    Objects.requireNonNull(addrType, "addrType");
    Objects.requireNonNull(address, "address");
  }

  /** {@code IN IP6 address} when the address contains a colon, {@code IN IP4 address} otherwise. */
  public static Connection of(String address) {
    return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
  }

  public static SdpParse<Connection> parse(String value) {
    List<String> f = Syntax.fields(value);
    if (f.size() != 3) {
      return SdpParse.malformed("c=: expected <nettype> <addrtype> <address>");
    }
    return parse(f.get(0), f.get(1), f.get(2));
  }

  static SdpParse<Connection> parse(String netType, String addrType, String address) {
    if (!Syntax.isToken(netType) || !Syntax.isToken(addrType)) {
      return SdpParse.malformed("c=: network or address type is not a token");
    }
    if (netType.equalsIgnoreCase("IN")) {
      String[] parts = address.split("/", -1);
      boolean ip4 = addrType.equalsIgnoreCase("IP4");
      if (!ip4 && !addrType.equalsIgnoreCase("IP6")) {
        return SdpParse.malformed("c=: address type is neither IP4 nor IP6");
      }
      String host = parts[0];
      boolean hostOk = ip4 ? Syntax.isIp4(host) || Syntax.isHostName(host)
          : Syntax.isIp6(host) || Syntax.isHostName(host);
      if (!hostOk || parts.length > (ip4 ? 3 : 2)) {
        return SdpParse.malformed("c=: not an " + (ip4 ? "IP4" : "IP6") + " address");
      }
      for (int i = 1; i < parts.length; i++) {
        if (Syntax.parseInt(parts[i], 0, 65535) < 0) {
          return SdpParse.malformed("c=: multicast suffix is not a number");
        }
      }
    }
    return SdpParse.ok(new Connection(netType, addrType, address));
  }

  public boolean isInternet() {
    return netType.equalsIgnoreCase("IN");
  }

  /** The address without a multicast {@code /ttl} or {@code /number} suffix. */
  public String host() {
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }

  /** {@code 0.0.0.0} (or {@code ::}): the RFC 2543 way of putting a stream on hold. */
  public boolean isUnspecified() {
    String h = host();
    return h.equals("0.0.0.0") || h.equals("::");
  }

  /** The value after {@code c=}. */
  public String value() {
    return netType + " " + addrType + " " + address;
  }
}
