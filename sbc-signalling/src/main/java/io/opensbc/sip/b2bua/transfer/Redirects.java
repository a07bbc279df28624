package io.opensbc.sip.b2bua.transfer;

import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.signalling.RedirectPolicy;
import io.opensbc.sip.routing.Hop;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.SipUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 3xx recursion (RFC 3261 §8.1.3.4): which Contact of a redirect the SBC follows itself under a
 * trunk's {@link RedirectPolicy}; none means the 3xx goes back to the caller.
 */
public final class Redirects {
  private Redirects() {}

  /**
   * The Contact URI to try next, or null (pass the 3xx through): the policy must recurse, the
   * call must have followed fewer than {@code maxHops} redirects, and the Contact's host must be
   * the trunk's own or one of the allowed targets. Contacts are taken in q order (highest first),
   * then in the order given; {@code tried} are skipped.
   */
  public static String next(RedirectPolicy policy, int status, List<String> contacts, int followed,
      String trunkHost, List<String> tried) {
    if (policy == null || !policy.recurse() || status < 300 || status > 399 || followed >= policy.maxHops()) {
      return null;
    }
    List<NameAddr> ordered = new ArrayList<>();
    for (String c : contacts) {
      for (String one : io.opensbc.sip.message.Headers.splitList(c)) {
        NameAddr a = NameAddr.parse(one).orNull();
        if (a != null) {
          ordered.add(a);
        }
      }
    }
    ordered.sort((x, y) -> Double.compare(q(y), q(x)));
    for (NameAddr a : ordered) {
      SipUri u = SipUri.parse(a.uri()).orNull();
      if (u == null || u.isTel() || tried.contains(a.uri())) {
        continue;
      }
      if (allowed(policy, u.host(), trunkHost)) {
        return a.uri();
      }
    }
    return null;
  }

  /**
   * Where the INVITE to {@code contact} goes: its host and port (the default port of its
   * transport when it has none), its {@code transport} parameter or else {@code transport}.
   */
  public static Hop hop(TrunkConfig trunk, String contact, Transport transport) {
    SipUri u = SipUri.parse(contact).orNull();
    if (u == null || u.host() == null) {
      return null;
    }
    String param = u.params().get("transport");
    Transport t = transport;
    if (param != null) {
      t = switch (param.toLowerCase(Locale.ROOT)) {
        case "tcp" -> Transport.TCP;
        case "tls" -> Transport.TLS;
        case "udp" -> Transport.UDP;
        default -> transport;
      };
    }
    String host = u.host().startsWith("[") ? u.host().substring(1, u.host().length() - 1) : u.host();
    int port = u.port() > 0 ? u.port() : t == Transport.TLS || u.isSips() ? 5061 : 5060;
    return new Hop(trunk.name(), contact, host, port, t);
  }

  /** Whether a Contact's host may be followed: the trunk's host, an allowed name, or a *.domain suffix. */
  public static boolean allowed(RedirectPolicy policy, String host, String trunkHost) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equalsIgnoreCase(trunkHost)) {
      return true;
    }
    for (String t : policy.allowedTargets()) {
      String a = t.toLowerCase(Locale.ROOT);
      if (a.startsWith("*.") ? h.endsWith(a.substring(1)) : h.equals(a)) {
        return true;
      }
    }
    return false;
  }

  private static double q(NameAddr a) {
    String q = a.params().get("q");
    if (q == null) {
      return 1.0;
    }
    try {
      return Double.parseDouble(q);
    } catch (NumberFormatException e) {
      return 0.0;
    }
  }
}
