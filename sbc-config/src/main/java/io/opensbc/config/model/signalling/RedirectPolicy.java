package io.opensbc.config.model.signalling;

import java.util.List;

/**
 * What the SBC does with a 3xx from a trunk it sent an INVITE to (docs/transfers.md, "3xx").
 *
 * @param recurse true: the SBC tries the Contacts itself; false: the 3xx goes back to the caller
 * @param maxHops how many redirects one call may follow (1-10)
 * @param allowedTargets hosts a Contact may name to be followed: exact names or addresses, or
 *     {@code *.domain} suffixes; empty: only the trunk's own host
 */
public record RedirectPolicy(boolean recurse, int maxHops, List<String> allowedTargets) {
  public static final int DEFAULT_MAX_HOPS = 3;
  public static final RedirectPolicy PASS_THROUGH = new RedirectPolicy(false, DEFAULT_MAX_HOPS, List.of());

  public RedirectPolicy {
    allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
  }
}
