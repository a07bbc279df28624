package io.opensbc.config.model;

import io.opensbc.config.model.rules.IdentityPolicy;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.TrunkRules;

/**
 * A SIP peer (carrier, PBX) calls are sent to or received from.
 *
 * @param port default 5060
 * @param transport default UDP
 * @param listener the listener whose socket sends to this trunk; nullable, meaning the first
 *     listener with the same transport (the loader fills it in; see {@link
 *     SbcConfig#listenerFor(TrunkConfig)})
 * @param trusted inside our RFC 3325 trust domain: P-Asserted-Identity is accepted from it and sent
 *     to it; default false (PAI is removed both ways)
 * @param rules the rule sets attached per direction
 * @param responseMap translation of failure responses received from the trunk
 * @param identity calling-identity policy for requests sent to the trunk; null for none
 */
public record TrunkConfig(
    String name,
    String host,
    int port,
    Transport transport,
    String listener,
    boolean trusted,
    TrunkRules rules,
    ResponseMap responseMap,
    IdentityPolicy identity) {

  public TrunkConfig {
    rules = rules == null ? TrunkRules.NONE : rules;
    responseMap = responseMap == null ? ResponseMap.NONE : responseMap;
  }

  /** A trunk without rules or policies, not trusted. */
  public TrunkConfig(String name, String host, int port, Transport transport, String listener) {
    this(name, host, port, transport, listener, false, TrunkRules.NONE, ResponseMap.NONE, null);
  }

  public TrunkConfig withListener(String l) {
    return new TrunkConfig(name, host, port, transport, l, trusted, rules, responseMap, identity);
  }
}
