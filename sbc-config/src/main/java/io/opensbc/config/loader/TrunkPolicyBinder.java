package io.opensbc.config.loader;

import io.opensbc.config.model.rules.IdentityPolicy;
import io.opensbc.config.model.rules.IdentityPolicy.PrivacyMode;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.ResponseMapping;
import io.opensbc.config.model.rules.TrunkRules;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.Suggestions;
import io.opensbc.config.validation.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the rule keys of a {@code trunks[i]} item: {@code rules} (rule-set names per direction),
 * {@code response-map} and {@code identity}. Whether the names are rule sets, and whether {@code
 * default-cli} is in {@code ddi}, is checked afterwards in {@code validation.ConfigValidator}.
 */
final class TrunkPolicyBinder {
  static final String[] RESPONSE_MAP_KEYS = {"q850-table", "entries"};
  static final String[] ENTRY_KEYS = {"status", "cause", "to-status", "to-cause", "to-reason"};
  static final String[] IDENTITY_KEYS = {"ddi", "default-cli", "privacy", "country-code"};
  private static final List<String> PRIVACY =
      Arrays.stream(PrivacyMode.values()).map(PrivacyMode::configName).toList();

  private TrunkPolicyBinder() {}

  /**
   * {@code rules: {inbound: [...], outbound: [...]}}; one name per item (a wrong item becomes
   * {@code ""}, already reported, so later indexes still match the file).
   */
  static TrunkRules rules(Section trunk, Violations v) {
    if (!trunk.has("rules")) {
      return TrunkRules.NONE;
    }
    Section s = Section.of(trunk.node("rules"), trunk.child("rules"), v, "inbound", "outbound");
    return new TrunkRules(
        names(s, "inbound", "a rule-set name", "a list of rule-set names", v),
        names(s, "outbound", "a rule-set name", "a list of rule-set names", v));
  }

  /** The names in the list {@code key}; a wrong item becomes {@code ""} (reported). */
  static List<String> names(Section s, String key, String expected, String allowed, Violations v) {
    List<String> out = new ArrayList<>();
    List<Node> nodes = s.sequence(key, allowed);
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child(key) + "[" + i + "]";
      String name = RuleValues.scalar(nodes.get(i), path, expected, allowed, v);
      out.add(name == null ? "" : name);
    }
    return out;
  }

  static ResponseMap responseMap(Section trunk, Violations v) {
    if (!trunk.has("response-map")) {
      return ResponseMap.NONE;
    }
    Section s =
        Section.of(trunk.node("response-map"), trunk.child("response-map"), v, RESPONSE_MAP_KEYS);
    boolean q850 = s.bool("q850-table", false);
    List<ResponseMapping> entries = new ArrayList<>();
    List<Node> nodes = s.sequence("entries", "a list of {" + String.join(", ", ENTRY_KEYS) + "}");
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child("entries") + "[" + i + "]";
      Node n = nodes.get(i);
      Section e =
          Section.isNull(n)
              ? Section.empty(path, v, ENTRY_KEYS)
              : Section.of(n, path, v, ENTRY_KEYS);
      ResponseMapping m = entry(e, path, Section.line(n), v);
      if (m != null) {
        entries.add(m);
      }
    }
    return new ResponseMap(q850, entries);
  }

  private static ResponseMapping entry(Section e, String path, int line, Violations v) {
    Integer status = RuleValues.optionalInt(e, "status", IntRule.FAILURE_STATUS);
    Integer cause = RuleValues.optionalInt(e, "cause", IntRule.Q850_CAUSE);
    Integer toStatus = RuleValues.optionalInt(e, "to-status", IntRule.FAILURE_STATUS);
    Integer toCause = RuleValues.optionalInt(e, "to-cause", IntRule.Q850_CAUSE);
    String toReason = e.string("to-reason", null);
    if (!e.has("to-status") && !e.has("to-cause") && !v.reported(path)) {
      v.add(
          path,
          "an entry needs to-status or to-cause (allowed keys: "
              + String.join(", ", ENTRY_KEYS)
              + ")");
      return null;
    }
    return new ResponseMapping(
        status == null ? 0 : status,
        cause,
        toStatus == null ? 0 : toStatus,
        toReason,
        toCause,
        line);
  }

  /** {@code identity}, or null when the trunk has none. */
  static IdentityPolicy identity(Section trunk, Violations v) {
    if (!trunk.has("identity")) {
      return null;
    }
    Section s = Section.of(trunk.node("identity"), trunk.child("identity"), v, IDENTITY_KEYS);
    List<NumberRange> ddi = List.of();
    if (s.has("ddi")) {
      ddi = RuleValues.ranges(s.node("ddi"), s.child("ddi"), false, v);
    } else {
      s.requiredString("ddi", "a list of ranges: " + NumberRange.ALLOWED);
    }
    String cli = s.requiredString("default-cli", "a telephone number, e.g. \"+442071234500\"");
    if (cli != null && NumberRange.digits(cli).isEmpty()) {
      v.add(
          s.child("default-cli"),
          "'"
              + cli
              + "' is not a telephone number (allowed: a telephone"
              + " number, e.g. \"+442071234500\")");
      cli = null;
    }
    return new IdentityPolicy(
        ddi, cli, privacy(s, v), RuleValues.countryCode(s, "country-code", false, v));
  }

  private static PrivacyMode privacy(Section s, Violations v) {
    String p = s.string("privacy", null);
    if (p == null) {
      return PrivacyMode.STRIP_UNLESS_ANONYMOUS;
    }
    int i = PRIVACY.indexOf(p);
    if (i >= 0) {
      return PrivacyMode.values()[i];
    }
    String hint = Suggestions.closest(p, PRIVACY);
    v.add(
        s.child("privacy"),
        "unknown privacy '"
            + p
            + "'"
            + (hint == null ? "" : "; did you mean '" + hint + "'?")
            + " (allowed: "
            + String.join(", ", PRIVACY)
            + ")");
    return PrivacyMode.STRIP_UNLESS_ANONYMOUS;
  }
}
