package io.opensbc.sip.routing;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.RouteMatch;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.rules.NumberRange;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the route of a new call: the first route (in configuration order) whose match holds on
 * the receiving listener, the source trunk, the Request-URI user (prefix, regex, number ranges),
 * the From user and the time. Immutable; built once per
 * configuration.
 */
public final class Router {
  private final List<RouteConfig> routes;
  private final Map<String, TrunkConfig> trunks = new HashMap<>();
  /**
   * Per source host, what tells its trunk: by source port, by receiving listener, or the first
   * trunk at that host. Looked up with no allocation (every new request asks, on the listener's
   * thread and again in its shard).
   */
  private final Map<String, HostTrunks> byHost = new HashMap<>();
  /**
   * A TLS trunk by the listener it names: its peers (Microsoft's proxies) call from addresses that
   * are not its targets, and TLS has authenticated them.
   */
  private final Map<String, String> tlsByListener = new HashMap<>();

  private static final class HostTrunks {
    final Map<Integer, String> byPort = new HashMap<>();
    final Map<String, String> byListener = new HashMap<>();
    String first;
  }

  /** Tells a trunk by its extra source ranges when no trunk is at the host (null: none). */
  private final java.util.function.UnaryOperator<String> trunkByRange;

  public Router(List<RouteConfig> routes, List<TrunkConfig> trunkList, List<ListenerConfig> listeners) {
    this(routes, trunkList, listeners, null);
  }

  /**
   * {@code trunkByRange}: the trunk of a source host no trunk has as its address (the security
   * section's per-trunk ranges), or null.
   */
  public Router(List<RouteConfig> routes, List<TrunkConfig> trunkList, List<ListenerConfig> listeners,
      java.util.function.UnaryOperator<String> trunkByRange) {
    this.trunkByRange = trunkByRange;
    this.routes = List.copyOf(routes);
    Map<String, String> localOfListener = new HashMap<>();
    for (ListenerConfig l : listeners) {
      localOfListener.put(l.name(), l.host() + ":" + l.port());
    }
    for (TrunkConfig t : trunkList) {
      trunks.put(t.name(), t);
      if (t.transport() == io.opensbc.config.model.Transport.TLS && t.listener() != null) {
        tlsByListener.putIfAbsent(t.listener(), t.name());
      }
      HostTrunks h = byHost.computeIfAbsent(t.host(), k -> new HostTrunks());
      h.byPort.putIfAbsent(t.port(), t.name());
      if (h.first == null) {
        h.first = t.name();
      }
      String local = t.listener() == null ? null : localOfListener.get(t.listener());
      if (local != null) {
        // every listener on the trunk listener's address (UDP and TCP alike) tells this trunk
        for (ListenerConfig l : listeners) {
          if (local.equals(l.host() + ":" + l.port())) {
            h.byListener.putIfAbsent(l.name(), t.name());
          }
        }
      }
    }
  }

  /**
   * The trunk a request belongs to, or null: the trunk at exactly this host:port; else the trunk at
   * this host whose listener has the receiving listener's address (UDP and TCP on one address
   * count as one: a PBX may use either); else the TLS trunk that names the receiving listener (Teams calls from
   * addresses that are not its targets); else the first trunk at this host.
   */
  public String sourceTrunk(String listener, String host, int port) {
    HostTrunks h = byHost.get(host);
    if (h == null) {
      String tlsTrunk = listener == null ? null : tlsByListener.get(listener);
      return tlsTrunk != null || trunkByRange == null ? tlsTrunk : trunkByRange.apply(host);
    }
    String t = h.byPort.get(port);
    if (t == null && listener != null) {
      t = h.byListener.get(listener);
      if (t == null) {
        t = tlsByListener.get(listener);
      }
    }
    return t != null ? t : h.first;
  }

  public TrunkConfig trunk(String name) {
    return trunks.get(name);
  }

  /**
   * The trunks the calls of a peer may be routed to: those of every route whose listener and
   * source-trunk conditions allow it (other conditions depend on the call and are ignored).
   */
  public java.util.Set<String> destinations(String listener, String sourceTrunk) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (RouteConfig r : routes) {
      RouteMatch m = r.match();
      if ((m.listener() == null || m.listener().equals(listener))
          && (m.sourceTrunk() == null || m.sourceTrunk().equals(sourceTrunk))) {
        out.addAll(r.trunks());
      }
    }
    return out;
  }

  /** The route for a call, or null when none matches. */
  public RouteConfig route(String listener, String sourceTrunk, String user, String fromUser, ZonedDateTime now) {
    for (RouteConfig r : routes) {
      if (matches(r.match(), listener, sourceTrunk, user, fromUser, now)) {
        return r;
      }
    }
    return null;
  }

  static boolean matches(RouteMatch m, String listener, String sourceTrunk, String user, String fromUser,
      ZonedDateTime now) {
    if (m == null) {
      return true;
    }
    if (m.listener() != null && !m.listener().equals(listener)) {
      return false;
    }
    if (m.sourceTrunk() != null && !m.sourceTrunk().equals(sourceTrunk)) {
      return false;
    }
    String u = user == null ? "" : user;
    if (m.userPrefix() != null && !u.startsWith(m.userPrefix())) {
      return false;
    }
    if (m.userRegex() != null && !m.userRegex().matcher(u).find()) {
      return false;
    }
    if (!m.userRanges().isEmpty()) {
      String digits = NumberRange.digits(u);
      boolean in = false;
      for (NumberRange r : m.userRanges()) {
        if (r.contains(digits)) {
          in = true;
          break;
        }
      }
      if (!in) {
        return false;
      }
    }
    String f = fromUser == null ? "" : fromUser;
    if (m.fromPrefix() != null && !f.startsWith(m.fromPrefix())) {
      return false;
    }
    if (m.fromRegex() != null && !m.fromRegex().matcher(f).find()) {
      return false;
    }
    return m.time() == null || m.time().contains(now);
  }
}
