package io.opensbc.sip.b2bua;

import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.signalling.Provisional;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.routing.Hop;
import io.opensbc.sip.routing.dns.SipTarget;
import io.opensbc.sip.transport.Destination;

/**
 * What a trunk's signalling settings do to the messages of its legs (docs/teams.md): the product
 * header on requests to it, the TLS peer name of its targets, and which 18x reach it as caller.
 */
final class TrunkProfile {
  private TrunkProfile() {}

  /** The INVITE to the trunk with its product header ({@code X-MS-SBC: OpenSBC/0.1.0}) and session timer. */
  static SipRequest outgoingInvite(SipRequest invite, TrunkConfig trunk, SessionTimers timers) {
    SipRequest out = invite;
    String header = trunk.signalling().sbcHeader();
    if (header != null) {
      out = out.withHeaders(out.headers().set(header, Product.NAME_VERSION));
    }
    return timers == null ? out : timers.toCallee(out, trunk);
  }

  /**
   * Who a TLS hop is: the trunk (its trust store) and the name for SNI and the certificate check:
   * the trunk's {@code tls.server-name}, else the target's FQDN; none for an address target.
   */
  static Destination.PeerName peerName(TrunkConfig trunk, Hop hop) {
    if (hop.transport() != Transport.TLS) {
      return null;
    }
    String configured = trunk.signalling().tls().serverName();
    if (configured != null) {
      return new Destination.PeerName(trunk.name(), configured);
    }
    String host = targetHost(hop.target());
    boolean numeric = host == null || SipTarget.of(host).numericHost() != null;
    return new Destination.PeerName(trunk.name(), numeric ? null : host);
  }

  /** The host of a target key {@code trunk|host[:port][/transport]}. */
  static String targetHost(String key) {
    int bar = key.indexOf('|');
    String rest = key.substring(bar + 1);
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      return close < 0 ? null : rest.substring(0, close + 1);
    }
    int end = rest.length();
    for (char c : new char[] {':', '/'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return rest.substring(0, end);
  }

  /**
   * The provisional response for a caller on {@code caller}'s trunk, or null to absorb it: {@code
   * first-only} passes the first 18x of a call only, {@code 183-as-180} turns 183 into 180.
   */
  static SipResponse provisionalToCaller(SipResponse r, TrunkConfig caller, boolean oneRelayed) {
    Provisional p = caller == null ? Provisional.ALL : caller.signalling().provisional();
    return switch (p) {
      case ALL -> r;
      case FIRST_ONLY -> oneRelayed ? null : r;
      case AS_180 -> r.status() == 183 ? r.withStatus(180, "Ringing") : r;
    };
  }
}
