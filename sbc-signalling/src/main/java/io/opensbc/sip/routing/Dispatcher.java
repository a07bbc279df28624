package io.opensbc.sip.routing;

import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.routing.Selection;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.sip.routing.dns.ServerLocator;
import io.opensbc.sip.routing.dns.SipTarget;
import io.opensbc.sip.routing.dns.SipTransport;
import io.opensbc.sip.routing.dns.Target;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Plans where a call to a trunk goes (docs/routing.md): the trunk's targets in selection order
 * (priority then weight, round robin, or Call-ID hash), each expanded to its addresses (an IP
 * target as it is; an FQDN per RFC 3263 through the {@link ServerLocator}), without targets that are
 * DOWN or busy, addresses that recently did not answer at all moved last, capped at the trunk's
 * {@code failover.max-targets}. The B2BUA tries the hops in
 * order. Shared by every shard; the DNS part completes on the caller's context.
 */
public final class Dispatcher {
  private final ServerLocator locator;
  private final TargetAvailability availability;
  private final RandomGenerator random;
  private final Set<Transport> transports;
  private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();

  /**
   * @param locator null: FQDN targets cannot be resolved (they are skipped)
   * @param transports the transports this node has listeners for
   */
  public Dispatcher(ServerLocator locator, TargetAvailability availability, RandomGenerator random,
      Set<Transport> transports) {
    this.locator = locator;
    this.availability = availability;
    this.random = random;
    this.transports = Set.copyOf(transports);
  }

  public TargetAvailability availability() {
    return availability;
  }

  /**
   * Whether the trunk accepts a method, as far as its targets' OPTIONS answers (Allow) tell: false
   * when a target that answered does not list it; true when none has told (unknown).
   */
  public boolean accepts(String trunk, String method) {
    return availability.accepts(trunk, method);
  }

  /** The key health checks and busy marks use for a target: {@code host[:port][/transport]}. */
  public static String key(TrunkConfig trunk, TargetConfig t) {
    return trunk.name() + "|" + t.host() + (t.port() > 0 ? ":" + t.port() : "")
        + (t.transport() != null ? "/" + t.transport().name().toLowerCase(java.util.Locale.ROOT) : "");
  }

  /** The hops of a call to the trunk, best first; empty when no target is usable. */
  public Future<List<Hop>> plan(TrunkConfig trunk, String callId) {
    List<TargetConfig> ordered = order(trunk, callId);
    List<Future<List<Hop>>> parts = new ArrayList<>(ordered.size());
    boolean allNumeric = true;
    for (TargetConfig t : ordered) {
      String key = key(trunk, t);
      if (!availability.usable(key)) {
        continue;
      }
      List<Hop> direct = numeric(trunk, t, key);
      if (direct != null) {
        parts.add(Future.succeededFuture(direct));
      } else {
        allNumeric = false;
        parts.add(resolve(trunk, t, key));
      }
    }
    int cap = trunk.dispatch().failover().maxTargets();
    if (allNumeric) {
      List<Hop> hops = new ArrayList<>();
      for (Future<List<Hop>> f : parts) {
        hops.addAll(f.result());
      }
      return Future.succeededFuture(cap(availability.reachableFirst(hops), cap));
    }
    return Future.join(parts).transform(ar -> {
      LinkedHashSet<Hop> hops = new LinkedHashSet<>();
      for (Future<List<Hop>> f : parts) {
        if (f.succeeded()) {
          hops.addAll(f.result());
        }
      }
      return Future.succeededFuture(cap(availability.reachableFirst(new ArrayList<>(hops)), cap));
    });
  }

  private static List<Hop> cap(List<Hop> hops, int cap) {
    return cap > 0 && hops.size() > cap ? List.copyOf(hops.subList(0, cap)) : List.copyOf(hops);
  }

  /** An IP-address target needs no DNS: its one hop; null for an FQDN. */
  private List<Hop> numeric(TrunkConfig trunk, TargetConfig t, String key) {
    InetAddress ip = SipTarget.of(t.host()).numericHost();
    if (ip == null) {
      return null;
    }
    Transport tr = t.transport() != null ? t.transport() : trunk.transport();
    if (!transports.contains(tr)) {
      return List.of();
    }
    return List.of(new Hop(trunk.name(), key, ip.getHostAddress(), t.port() > 0 ? t.port() : 5060, tr));
  }

  private Future<List<Hop>> resolve(TrunkConfig trunk, TargetConfig t, String key) {
    if (locator == null) {
      return Future.succeededFuture(List.of());
    }
    // an FQDN without port or transport is located per RFC 3263 (NAPTR/SRV decide); otherwise the
    // configured (or the trunk's) transport applies
    Transport configured = t.transport() != null ? t.transport()
        : t.port() > 0 ? trunk.transport() : null;
    SipTransport st = configured == null ? null : SipTransport.valueOf(configured.name());
    return locator.locate(new SipTarget(t.host(), t.port() > 0 ? t.port() : -1, st, false)).map(targets -> {
      List<Hop> out = new ArrayList<>(targets.size());
      for (Target x : targets) {
        Transport tr = switch (x.transport()) {
          case UDP -> Transport.UDP;
          case TCP -> Transport.TCP;
          case TLS -> Transport.TLS;
        };
        if (tr != null && transports.contains(tr)) {
          out.add(new Hop(trunk.name(), key, x.address().getHostAddress(), x.port(), tr));
        }
      }
      return out;
    });
  }

  /** The targets in the trunk's selection order. */
  List<TargetConfig> order(TrunkConfig trunk, String callId) {
    List<TargetConfig> targets = trunk.targets();
    int n = targets.size();
    if (n <= 1) {
      return targets;
    }
    Selection sel = trunk.dispatch().selection();
    if (sel == Selection.ROUND_ROBIN || sel == Selection.CALL_ID_HASH) {
      int start = sel == Selection.ROUND_ROBIN
          ? Math.floorMod(roundRobin.computeIfAbsent(trunk.name(), k -> new AtomicInteger()).getAndIncrement(), n)
          : Math.floorMod(callId == null ? 0 : callId.hashCode(), n);
      List<TargetConfig> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(targets.get((start + i) % n));
      }
      return out;
    }
    // priority ascending; within a priority, weighted random order (RFC 2782 §"Usage rules")
    List<TargetConfig> sorted = new ArrayList<>(targets);
    sorted.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
    List<TargetConfig> out = new ArrayList<>(n);
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && sorted.get(j).priority() == sorted.get(i).priority()) {
        j++;
      }
      List<TargetConfig> group = new ArrayList<>(sorted.subList(i, j));
      while (!group.isEmpty()) {
        long total = 0;
        for (TargetConfig t : group) {
          total += t.weight();
        }
        int pick = 0;
        if (total > 0) {
          long r = random.nextLong(total + 1);
          long run = 0;
          for (int k = 0; k < group.size(); k++) {
            run += group.get(k).weight();
            if (run >= r && (group.get(k).weight() > 0 || r == 0)) {
              pick = k;
              break;
            }
          }
        }
        out.add(group.remove(pick));
      }
      i = j;
    }
    return out;
  }
}
