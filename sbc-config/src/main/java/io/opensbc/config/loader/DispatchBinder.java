package io.opensbc.config.loader;

import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.routing.Failover;
import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.config.model.routing.Selection;
import io.opensbc.config.model.routing.StatusRange;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.config.model.routing.TrunkDispatch;
import io.opensbc.config.model.routing.TrunkLimits;
import io.opensbc.config.model.rules.Parsed;
import io.opensbc.config.validation.DurationRule;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the dispatch keys of a {@code trunks[i]} item (docs/routing.md): {@code targets}, {@code
 * selection}, {@code health}, {@code failover} and {@code limits}. Duplicate targets, target
 * transports without a listener and {@code health.timeout} against {@code health.interval} are
 * checked afterwards in {@code validation.ConfigValidator}.
 */
final class DispatchBinder {
  static final String[] KEYS = {"targets", "selection", "health", "failover", "limits"};
  static final String[] TARGET_KEYS = {"host", "port", "transport", "priority", "weight"};
  static final String[] HEALTH_KEYS = {
    "enabled", "interval", "timeout", "failures-to-down", "successes-to-up", "alive-codes"
  };
  static final String[] FAILOVER_KEYS = {"codes", "max-targets"};
  static final String[] LIMIT_KEYS = {"max-cps", "max-calls"};
  static final List<String> SELECTIONS =
      Arrays.stream(Selection.values()).map(Selection::configName).toList();

  private DispatchBinder() {}

  /** The trunk's dispatch; {@link TrunkDispatch#DEFAULT} when it has none of the keys. */
  static TrunkDispatch dispatch(Section trunk, Violations v) {
    if (Arrays.stream(KEYS).noneMatch(trunk::has)) {
      return TrunkDispatch.DEFAULT;
    }
    return new TrunkDispatch(
        targets(trunk, v), selection(trunk), health(trunk, v), failover(trunk, v), limits(trunk, v));
  }

  /** One target per list item (a wrong item too, with what could be read, to keep indexes). */
  private static List<TargetConfig> targets(Section trunk, Violations v) {
    List<TargetConfig> out = new ArrayList<>();
    if (!trunk.has("targets")) {
      return out;
    }
    String allowed = "a list of {" + String.join(", ", TARGET_KEYS) + "}";
    List<Node> nodes = trunk.sequence("targets", allowed);
    if (nodes.isEmpty() && !v.reported(trunk.child("targets"))) {
      v.add(
          trunk.child("targets"),
          "expected at least one target (allowed: "
              + allowed
              + "; leave 'targets' out to send to the trunk's host)");
    }
    for (int i = 0; i < nodes.size(); i++) {
      String path = trunk.child("targets") + "[" + i + "]";
      Node n = nodes.get(i);
      Section s =
          Section.isNull(n)
              ? Section.empty(path, v, TARGET_KEYS)
              : Section.of(n, path, v, TARGET_KEYS);
      out.add(
          new TargetConfig(
              s.host("host", null),
              s.integer("port", 0, IntRule.PORT),
              s.has("transport") ? s.transport("transport", null) : null,
              s.integer("priority", Defaults.TARGET_PRIORITY, IntRule.SRV_VALUE),
              s.integer("weight", Defaults.TARGET_WEIGHT, IntRule.SRV_VALUE)));
    }
    return out;
  }

  private static Selection selection(Section trunk) {
    String name = trunk.choice("selection", "selection", SELECTIONS);
    return name == null ? Selection.PRIORITY : Selection.values()[SELECTIONS.indexOf(name)];
  }

  /** {@code health}: {@link HealthCheck#OFF} when absent; enabled by default when given. */
  private static HealthCheck health(Section trunk, Violations v) {
    if (!trunk.has("health")) {
      return HealthCheck.OFF;
    }
    Section s = Section.of(trunk.node("health"), trunk.child("health"), v, HEALTH_KEYS);
    return new HealthCheck(
        s.bool("enabled", true),
        s.duration("interval", Defaults.HEALTH_INTERVAL, DurationRule.HEALTH_INTERVAL),
        s.duration("timeout", Defaults.HEALTH_TIMEOUT, DurationRule.POSITIVE),
        s.integer("failures-to-down", Defaults.HEALTH_FAILURES_TO_DOWN, IntRule.HEALTH_COUNT),
        s.integer("successes-to-up", Defaults.HEALTH_SUCCESSES_TO_UP, IntRule.HEALTH_COUNT),
        s.has("alive-codes")
            ? statusRanges(s, "alive-codes", 100, 699, true, v)
            : HealthCheck.DEFAULT_ALIVE);
  }

  private static Failover failover(Section trunk, Violations v) {
    if (!trunk.has("failover")) {
      return Failover.DEFAULT;
    }
    Section s = Section.of(trunk.node("failover"), trunk.child("failover"), v, FAILOVER_KEYS);
    return new Failover(
        s.has("codes") ? statusRanges(s, "codes", 300, 699, false, v) : Failover.DEFAULT.codes(),
        s.integer("max-targets", Defaults.FAILOVER_MAX_TARGETS, IntRule.MAX_TARGETS));
  }

  private static TrunkLimits limits(Section trunk, Violations v) {
    if (!trunk.has("limits")) {
      return TrunkLimits.NONE;
    }
    Section s = Section.of(trunk.node("limits"), trunk.child("limits"), v, LIMIT_KEYS);
    return new TrunkLimits(
        s.integer("max-cps", Defaults.TRUNK_MAX_CPS, IntRule.TRUNK_LIMIT),
        s.integer("max-calls", Defaults.TRUNK_MAX_CALLS, IntRule.TRUNK_LIMIT));
  }

  /**
   * A list of status ranges within {@code min..max} ({@link StatusRange#parse(String, int, int)});
   * a wrong item is reported at its index and left out.
   */
  private static List<StatusRange> statusRanges(
      Section s, String key, int min, int max, boolean atLeastOne, Violations v) {
    String allowed = "a list of status ranges: " + StatusRange.allowed(min, max);
    List<Node> nodes = s.sequence(key, allowed);
    if (atLeastOne && nodes.isEmpty() && !v.reported(s.child(key))) {
      v.add(
          s.child(key),
          "expected at least one status range (allowed: " + StatusRange.allowed(min, max) + ")");
    }
    List<StatusRange> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child(key) + "[" + i + "]";
      String text =
          RuleValues.scalar(nodes.get(i), path, "a status range", StatusRange.allowed(min, max), v);
      if (text == null) {
        continue;
      }
      Parsed<StatusRange> r = StatusRange.parse(text, min, max);
      if (r.isOk()) {
        out.add(r.value());
      } else {
        v.add(path, r.error());
      }
    }
    return out;
  }
}
