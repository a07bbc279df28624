package io.opensbc.config.validation;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.SipTimers;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.media.PortRange;
import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.config.model.rules.Direction;
import io.opensbc.config.model.rules.Rule;
import io.opensbc.config.model.rules.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Rules that span several values: unique names, free sockets, references between listeners, trunks,
 * routes and rule sets, timer order, and the checks inside rules of {@link RuleValidator}. Single
 * values (types, ranges) are checked while reading. A value that already has an error is skipped
 * here, so one mistake is reported once.
 */
public final class ConfigValidator {
  private final SbcConfig config;
  private final Violations violations;

  private ConfigValidator(SbcConfig config, Violations violations) {
    this.config = config;
    this.violations = violations;
  }

  /** Adds every cross-value violation of {@code config} to {@code violations}. */
  public static void validate(SbcConfig config, Violations violations) {
    new ConfigValidator(config, violations).run();
  }

  private void run() {
    if (config.listeners().isEmpty()
        && !violations.reported("listeners")
        && !violations.reported("")) {
      violations.add(
          "listeners",
          "at least one listener is required (allowed: a list of {name, transport, host, port})");
    }
    Map<String, Integer> listeners =
        uniqueNames("listeners", config.listeners(), ListenerConfig::name);
    Map<String, Integer> trunks = uniqueNames("trunks", config.trunks(), TrunkConfig::name);
    uniqueNames("routes", config.routes(), RouteConfig::name);
    Map<String, Integer> ruleSets = uniqueNames("rule-sets", config.ruleSets(), RuleSet::name);
    for (int i = 0; i < config.ruleSets().size(); i++) {
      uniqueNames("rule-sets[" + i + "].rules", config.ruleSets().get(i).rules(), Rule::name);
    }
    checkSockets();
    checkTrunkListeners(listeners);
    checkDispatch();
    checkRoutes(listeners, SecurityValidator.routeTargets(config, trunks), ruleSets);
    SecurityValidator.validate(config, violations, listeners, trunks);
    checkTrunkRules(ruleSets);
    RuleValidator.validate(config, violations, listeners, trunks);
    checkTimers(config.sip().timers());
    checkMediaPorts(config.media().ports());
    checkBypass(trunks);
  }

  /** {@code max > min + 1}: the range holds at least one RTP/RTCP pair and the port above. */
  private void checkMediaPorts(PortRange ports) {
    String min = "media.ports.min";
    String max = "media.ports.max";
    if (violations.reported(min) || violations.reported(max) || ports.max() > ports.min() + 1) {
      return;
    }
    violations.add(
        violations.located(max) || !violations.located(min) ? max : min,
        "max ("
            + ports.max()
            + ") is not more than min + 1 ("
            + (ports.min() + 1)
            + ") (allowed: max > min + 1)");
  }

  /** Each trunk's media {@code bypass}: other trunks, each once. */
  private void checkBypass(Map<String, Integer> trunks) {
    List<TrunkConfig> ts = config.trunks();
    for (int i = 0; i < ts.size(); i++) {
      TrunkConfig t = ts.get(i);
      List<String> others = trunks.keySet().stream().filter(n -> !n.equals(t.name())).toList();
      Map<String, Integer> first = new LinkedHashMap<>();
      for (int k = 0; k < t.media().bypass().size(); k++) {
        String path = "trunks[" + i + "].media.bypass[" + k + "]";
        String name = t.media().bypass().get(k);
        if (name == null || violations.reported(path)) {
          continue;
        }
        if (name.equals(t.name())) {
          violations.add(
              path,
              "a trunk cannot bypass media with itself (allowed: other trunks: " + list(others) + ")");
        } else if (first.putIfAbsent(name, k) != null) {
          violations.add(path, "'" + name + "' is listed twice (allowed: each trunk once)");
        } else if (!trunks.containsKey(name)) {
          violations.add(path, unknown("trunk", name, others));
        }
      }
    }
  }

  private void checkTrunkRules(Map<String, Integer> ruleSets) {
    List<TrunkConfig> ts = config.trunks();
    for (int i = 0; i < ts.size(); i++) {
      for (Direction d : Direction.values()) {
        List<String> names = ts.get(i).rules().of(d);
        for (int k = 0; k < names.size(); k++) {
          String path = "trunks[" + i + "].rules." + d.configName() + "[" + k + "]";
          reference(path, "rule set", names.get(k), ruleSets);
        }
      }
    }
  }

  private <T> Map<String, Integer> uniqueNames(
      String section, List<T> items, Function<T, String> name) {
    Map<String, Integer> first = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String n = name.apply(items.get(i));
      String path = section + "[" + i + "].name";
      if (n == null || violations.reported(path)) {
        continue;
      }
      Integer prev = first.putIfAbsent(n, i);
      if (prev != null) {
        violations.add(
            path, "duplicate name '" + n + "', already used by " + section + "[" + prev + "]");
      }
    }
    return first;
  }

  private void checkSockets() {
    List<ListenerConfig> ls = config.listeners();
    for (int i = 0; i < ls.size(); i++) {
      ListenerConfig a = ls.get(i);
      if (!complete(a, "listeners[" + i + "]")) {
        continue;
      }
      for (int j = 0; j < i; j++) {
        ListenerConfig b = ls.get(j);
        if (!complete(b, "listeners[" + j + "]")
            || a.transport() != b.transport()
            || a.port() != b.port()
            || a.port() == 0) {
          continue;
        }
        if (a.host().equals(b.host()) || isWildcard(a.host()) || isWildcard(b.host())) {
          violations.add(
              "listeners[" + i + "].port",
              a.transport().yamlName()
                  + " "
                  + a.host()
                  + ":"
                  + a.port()
                  + " overlaps listener '"
                  + b.name()
                  + "' (listeners["
                  + j
                  + "], "
                  + b.host()
                  + ":"
                  + b.port()
                  + "); each transport, host and port may be used once");
          break;
        }
      }
    }
  }

  private boolean complete(ListenerConfig l, String path) {
    return l.name() != null
        && l.transport() != null
        && l.host() != null
        && !violations.reported(path);
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  private void checkTrunkListeners(Map<String, Integer> listenerIndex) {
    List<TrunkConfig> ts = config.trunks();
    for (int i = 0; i < ts.size(); i++) {
      TrunkConfig t = ts.get(i);
      String path = "trunks[" + i + "]";
      if (t.transport() == null || violations.reported(path + ".transport")) {
        continue;
      }
      List<String> sameTransport = new ArrayList<>();
      for (ListenerConfig l : config.listeners()) {
        if (l.transport() == t.transport() && l.name() != null) {
          sameTransport.add(l.name());
        }
      }
      if (t.listener() == null) {
        if (sameTransport.isEmpty() && !config.listeners().isEmpty()) {
          violations.add(
              path + ".transport",
              "no listener uses "
                  + t.transport().yamlName()
                  + ", so nothing can send to this trunk"
                  + " (allowed: "
                  + transportsInUse()
                  + ", or add a listener)");
        }
        continue;
      }
      if (violations.reported(path + ".listener")) {
        continue;
      }
      Integer idx = listenerIndex.get(t.listener());
      if (idx == null) {
        violations.add(
            path + ".listener", unknown("listener", t.listener(), listenerIndex.keySet()));
      } else if (config.listeners().get(idx).transport() != t.transport()) {
        violations.add(
            path + ".listener",
            "listener '"
                + t.listener()
                + "' uses "
                + config.listeners().get(idx).transport().yamlName()
                + " but the trunk uses "
                + t.transport().yamlName()
                + " (allowed: "
                + list(sameTransport)
                + ")");
      }
    }
  }

  /**
   * A trunk's targets: each host, port and transport once, and a listener for a target's own
   * transport; its health check's timeout shorter than its interval.
   */
  private void checkDispatch() {
    List<TrunkConfig> ts = config.trunks();
    for (int i = 0; i < ts.size(); i++) {
      String path = "trunks[" + i + "]";
      List<TargetConfig> targets = ts.get(i).dispatch().targets();
      Map<String, Integer> first = new LinkedHashMap<>();
      for (int j = 0; j < targets.size(); j++) {
        TargetConfig t = targets.get(j);
        String p = path + ".targets[" + j + "]";
        if (t.host() == null
            || violations.reported(p + ".host")
            || violations.reported(p + ".port")
            || violations.reported(p + ".transport")) {
          continue;
        }
        String key = t.host().toLowerCase(java.util.Locale.ROOT) + " " + t.port() + " " + t.transport();
        Integer prev = first.putIfAbsent(key, j);
        if (prev != null) {
          violations.add(
              p,
              "duplicate target "
                  + target(t)
                  + ", already given as targets["
                  + prev
                  + "] (allowed: each host, port and transport once)");
        } else {
          targetTransport(t.transport(), p + ".transport");
        }
      }
      checkHealth(ts.get(i).dispatch().health(), path + ".health");
    }
  }

  private static String target(TargetConfig t) {
    return t.host()
        + (t.port() == 0 ? "" : ":" + t.port())
        + (t.transport() == null ? "" : " " + t.transport().yamlName());
  }

  private void targetTransport(Transport transport, String path) {
    if (transport == null || config.listeners().isEmpty()) {
      return;
    }
    for (ListenerConfig l : config.listeners()) {
      if (l.transport() == transport) {
        return;
      }
    }
    violations.add(
        path,
        "no listener uses "
            + transport.yamlName()
            + ", so nothing can send to this target (allowed: "
            + transportsInUse()
            + ", or add a listener)");
  }

  private void checkHealth(HealthCheck h, String path) {
    if (h.interval() == null
        || h.timeout() == null
        || violations.reported(path + ".interval")
        || violations.reported(path + ".timeout")) {
      return;
    }
    if (h.timeout().compareTo(h.interval()) >= 0) {
      violations.add(
          path + ".timeout",
          "timeout ("
              + h.timeout().toMillis()
              + "ms) is not shorter than interval ("
              + h.interval().toMillis()
              + "ms) (allowed: timeout < interval)");
    }
  }

  private String transportsInUse() {
    return list(
        config.listeners().stream()
            .map(ListenerConfig::transport)
            .filter(Objects::nonNull)
            .distinct()
            .map(tr -> tr.yamlName())
            .toList());
  }

  private void checkRoutes(
      Map<String, Integer> listeners, Map<String, Integer> trunks, Map<String, Integer> ruleSets) {
    List<RouteConfig> rs = config.routes();
    for (int i = 0; i < rs.size(); i++) {
      RouteConfig r = rs.get(i);
      String path = "routes[" + i + "]";
      // written 'trunk: X' or 'trunks: [X, ...]'; a route built in code reads as the latter
      boolean list = violations.located(path + ".trunks") || r.trunks().size() != 1;
      Map<String, Integer> first = new LinkedHashMap<>();
      for (int k = 0; k < r.trunks().size(); k++) {
        String p = list ? path + ".trunks[" + k + "]" : path + ".trunk";
        String name = r.trunks().get(k);
        if (name == null || violations.reported(p)) {
          continue;
        }
        Integer prev = first.putIfAbsent(name, k);
        if (prev != null) {
          violations.add(
              p, "duplicate trunk '" + name + "', already listed at " + path + ".trunks[" + prev + "]");
        } else {
          reference(p, "trunk", name, trunks);
        }
      }
      for (int k = 0; k < r.ruleSets().size(); k++) {
        reference(path + ".rules[" + k + "]", "rule set", r.ruleSets().get(k), ruleSets);
      }
      reference(path + ".match.listener", "listener", r.match().listener(), listeners);
      reference(path + ".match.source-trunk", "trunk", r.match().sourceTrunk(), trunks);
    }
  }

  private void reference(String path, String kind, String name, Map<String, Integer> known) {
    if (name != null && !known.containsKey(name) && !violations.reported(path)) {
      violations.add(path, unknown(kind, name, known.keySet()));
    }
  }

  static String unknown(String kind, String name, java.util.Collection<String> known) {
    String hint = Suggestions.closest(name, known);
    return "unknown "
        + kind
        + " '"
        + name
        + "'"
        + (hint == null ? "" : "; did you mean '" + hint + "'?")
        + " (allowed: "
        + list(known)
        + ")";
  }

  private void checkTimers(SipTimers timers) {
    if (timers.t1() == null
        || timers.t2() == null
        || violations.reported("sip.timers.t1")
        || violations.reported("sip.timers.t2")) {
      return;
    }
    if (timers.t1().compareTo(timers.t2()) > 0) {
      violations.add(
          "sip.timers.t1",
          "t1 ("
              + timers.t1().toMillis()
              + "ms) is greater than t2 ("
              + timers.t2().toMillis()
              + "ms) (allowed: t1 <= t2)");
    }
  }

  private static String list(java.util.Collection<String> names) {
    return names.isEmpty() ? "none defined" : String.join(", ", names);
  }
}
