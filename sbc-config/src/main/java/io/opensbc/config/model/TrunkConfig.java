package io.opensbc.config.model;

import io.opensbc.config.model.media.TrunkMedia;
import io.opensbc.config.model.rules.IdentityPolicy;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.TrunkRules;
import io.opensbc.config.model.signalling.TrunkSignalling;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.config.model.routing.TrunkDispatch;

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
 * @param dispatch targets, selection, health checks, failover and limits (docs/routing.md)
 * @param media SRTP, codecs, media bypass, ICE-lite and DTLS towards the trunk (docs/media.md)
 * @param signalling FQDN identity, TLS, template, session timers, 18x handling (docs/teams.md)
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
    IdentityPolicy identity,
    TrunkDispatch dispatch,
    TrunkMedia media,
    TrunkSignalling signalling) {

  public TrunkConfig {
    signalling = signalling == null ? TrunkSignalling.DEFAULT : signalling;
    rules = rules == null ? TrunkRules.NONE : rules;
    responseMap = responseMap == null ? ResponseMap.NONE : responseMap;
    dispatch = dispatch == null ? TrunkDispatch.DEFAULT : dispatch;
    media = media == null ? TrunkMedia.DEFAULT : media;
  }

  /** A trunk with the default signalling behaviour. */
  public TrunkConfig(String name, String host, int port, Transport transport, String listener, boolean trusted,
      TrunkRules rules, ResponseMap responseMap, IdentityPolicy identity, TrunkDispatch dispatch, TrunkMedia media) {
    this(name, host, port, transport, listener, trusted, rules, responseMap, identity, dispatch, media,
        TrunkSignalling.DEFAULT);
  }

  /** A trunk with the default media policy. */
  public TrunkConfig(String name, String host, int port, Transport transport, String listener, boolean trusted,
      TrunkRules rules, ResponseMap responseMap, IdentityPolicy identity, TrunkDispatch dispatch) {
    this(name, host, port, transport, listener, trusted, rules, responseMap, identity, dispatch, TrunkMedia.DEFAULT);
  }

  /** A trunk with the default dispatch (its host is its only target). */
  public TrunkConfig(String name, String host, int port, Transport transport, String listener, boolean trusted,
      TrunkRules rules, ResponseMap responseMap, IdentityPolicy identity) {
    this(name, host, port, transport, listener, trusted, rules, responseMap, identity, TrunkDispatch.DEFAULT,
        TrunkMedia.DEFAULT);
  }

  /** A trunk without rules or policies, not trusted. */
  public TrunkConfig(String name, String host, int port, Transport transport, String listener) {
    this(name, host, port, transport, listener, false, TrunkRules.NONE, ResponseMap.NONE, null);
  }

  public TrunkConfig withListener(String l) {
    return new TrunkConfig(name, host, port, transport, l, trusted, rules, responseMap, identity, dispatch, media,
        signalling);
  }

  /**
   * True when a call between this trunk and {@code other} is not relayed (its SDP passes
   * untouched): either lists the other in its media {@code bypass}.
   */
  public boolean bypassesMediaWith(TrunkConfig other) {
    return media.bypasses(other.name()) || other.media().bypasses(name);
  }

  /** The targets calls go to: the configured ones, else the trunk's own address. */
  public java.util.List<TargetConfig> targets() {
    return dispatch.targets().isEmpty()
        ? java.util.List.of(new TargetConfig(host, port, transport, 1, 1))
        : dispatch.targets();
  }
}
