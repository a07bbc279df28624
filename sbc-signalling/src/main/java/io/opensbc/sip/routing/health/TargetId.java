package io.opensbc.sip.routing.health;

import io.opensbc.sip.routing.dns.SipTransport;
import java.util.Locale;
import java.util.Objects;

/**
 * One probed destination of a trunk. Its {@link #key()} (e.g. {@code carrier|10.0.0.2|5060|udp})
 * names it in the shared health map, so it must not change between releases.
 *
 * @param trunk the trunk's name
 * @param host IP address or FQDN as configured (lower-cased here: host names are case-insensitive)
 * @param port 1..65535, or 0 when not given (the sender then locates it per RFC 3263)
 * @param transport the transport the OPTIONS goes out on
 */
public record TargetId(String trunk, String host, int port, SipTransport transport) {
  private static final char SEP = '|';

  public TargetId {
    Objects.requireNonNull(trunk, "trunk");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(transport, "transport");
    if (trunk.isEmpty() || trunk.indexOf(SEP) >= 0 || host.isEmpty() || host.indexOf(SEP) >= 0) {
      throw new IllegalArgumentException("trunk and host must be non-empty and without '|': " + trunk + ", " + host);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    host = host.toLowerCase(Locale.ROOT);
  }

  /** {@code trunk|host|port|transport}, transport in lower case. */
  public String key() {
    return trunk + SEP + host + SEP + port + SEP + transport.name().toLowerCase(Locale.ROOT);
  }

  /** The target a {@link #key()} names; IllegalArgumentException when it is not one. */
  public static TargetId parse(String key) {
    String[] parts = key.split("\\|", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not a target key: " + key);
    }
    try {
      return new TargetId(parts[0], parts[1], Integer.parseInt(parts[2]),
          SipTransport.valueOf(parts[3].toUpperCase(Locale.ROOT)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a target key: " + key, e);
    }
  }

  @Override
  public String toString() {
    return key();
  }
}
