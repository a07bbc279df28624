package io.opensbc.sip.routing.dns;

import java.time.Duration;
import java.util.List;

/**
 * The result of server location: the targets in the order to try them (RFC 3263 §4.3: on a
 * transport failure or 503, the next one), and how long the list may be used before locating
 * again — the smallest TTL of the DNS answers it was built from, positive or negative (for a
 * numeric host, the resolver's maximum TTL).
 */
public record Location(List<Target> targets, Duration ttl) {

  public Location {
    targets = List.copyOf(targets);
  }
}
