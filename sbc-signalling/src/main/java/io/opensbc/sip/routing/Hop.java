package io.opensbc.sip.routing;

import io.opensbc.config.model.Transport;

/**
 * One place a call attempt can be sent: a resolved address of one of a trunk's targets.
 *
 * @param trunk the trunk's name
 * @param target the configured target it came from ({@code host[:port][/transport]}), the key for
 *     health and busy marks
 * @param host IP address
 */
public record Hop(String trunk, String target, String host, int port, Transport transport) {
  /** The address alone, {@code transport:host:port}: the key of unreachable marks. */
  public String address() {
    return transport.name().toLowerCase(java.util.Locale.ROOT) + ":" + host + ":" + port;
  }

  @Override
  public String toString() {
    return transport.name().toLowerCase(java.util.Locale.ROOT) + ":" + host + ":" + port + " (" + target + ")";
  }
}
