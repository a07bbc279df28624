package io.opensbc.config.loader;

import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.rules.Action;
import io.opensbc.config.model.rules.Condition;
import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.Parsed;
import io.opensbc.config.model.rules.Rule;
import io.opensbc.config.model.rules.RuleSet;
import io.opensbc.config.model.rules.Selector;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the top-level {@code rule-sets} (docs/rules.md): each set's rules, their selector ({@link
 * Selector#parse}), condition ({@link ConditionBinder}) and actions. Values are checked here;
 * checks across values (unique names, references, which actions a selector allows, reserved
 * headers) run afterwards in {@code validation.ConfigValidator}, which finds each rule, action and
 * field reference's path through {@link Violations#pathOf}.
 */
final class RuleBinder {
  static final String[] RULE_SET_KEYS = {"name", "rules"};
  static final String[] RULE_KEYS = {"name", "match", "if", "do"};

  /** The action keys, in the order the documentation lists them. */
  static final List<String> ACTIONS =
      List.of(
          "add-header",
          "remove-header",
          "replace-header",
          "set",
          "remove",
          "set-status",
          "add-prefix",
          "strip-prefix",
          "add-suffix",
          "strip-suffix",
          "normalise-e164",
          "normalize-e164",
          "regex-replace",
          "copy",
          "reject");

  private static final String ACTIONS_ALLOWED = String.join(", ", ACTIONS);
  private static final String REPLACEMENT = "text; $1.. for groups, \\$ for a dollar sign";

  private final Violations v;
  private final ConditionBinder conditions;

  private RuleBinder(Violations v) {
    this.v = v;
    this.conditions = new ConditionBinder(v);
  }

  /** The rule sets under {@code rule-sets} of the root section; one per list item. */
  static List<RuleSet> ruleSets(Section root, Violations v) {
    RuleBinder b = new RuleBinder(v);
    List<RuleSet> out = new ArrayList<>();
    List<Node> nodes = root.sequence("rule-sets", "a list of {name, rules}");
    for (int i = 0; i < nodes.size(); i++) {
      String path = root.child("rule-sets") + "[" + i + "]";
      out.add(b.ruleSet(item(nodes.get(i), path, v, RULE_SET_KEYS)));
    }
    return out;
  }

  private static Section item(Node n, String path, Violations v, String... keys) {
    return Section.isNull(n) ? Section.empty(path, v, keys) : Section.of(n, path, v, keys);
  }

  private RuleSet ruleSet(Section s) {
    String name = RuleValues.requiredName(s, v);
    if (!s.has("rules")) {
      s.requiredString("rules", "a list of {name, match, if, do}");
    }
    List<Node> nodes = s.sequence("rules", "a list of {name, match, if, do}");
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child("rules") + "[" + i + "]";
      Node n = nodes.get(i);
      Rule r = rule(item(n, path, v, RULE_KEYS), Section.line(n));
      v.origin(r, path);
      rules.add(r);
    }
    return new RuleSet(name, rules);
  }

  private Rule rule(Section s, int line) {
    String name = RuleValues.requiredName(s, v);
    Selector selector = null;
    String match = s.requiredString("match", Selector.ALLOWED);
    if (match != null) {
      Parsed<Selector> p = Selector.parse(match);
      if (p.isOk()) {
        selector = p.value();
      } else {
        v.add(s.child("match"), p.error());
      }
    }
    Condition condition = s.has("if") ? conditions.condition(s.node("if"), s.child("if")) : null;
    List<Action> actions = new ArrayList<>();
    if (!s.has("do")) {
      s.requiredString("do", "a list of actions: " + ACTIONS_ALLOWED);
    }
    List<Node> nodes = s.sequence("do", "a list of actions: " + ACTIONS_ALLOWED);
    if (s.has("do") && nodes.isEmpty() && !v.reported(s.child("do"))) {
      v.add(s.child("do"), "expected at least one action (allowed: " + ACTIONS_ALLOWED + ")");
    }
    for (int i = 0; i < nodes.size(); i++) {
      Action a = action(nodes.get(i), s.child("do") + "[" + i + "]");
      if (a != null) {
        actions.add(a);
      }
    }
    return new Rule(name, selector, condition, actions, line);
  }

  /** One item of {@code do}: a mapping with one action key; null (reported) when unreadable. */
  private Action action(Node n, String path) {
    int before = v.count();
    Section s = item(n, path, v, ACTIONS.toArray(String[]::new));
    List<String> given = ACTIONS.stream().filter(s::has).toList();
    if (given.size() > 1) {
      v.add(
          path,
          "one action per list item, got "
              + String.join(" and ", given)
              + " (allowed: - "
              + given.get(0)
              + ": ..., - "
              + given.get(1)
              + ": ...)");
      return null;
    }
    if (given.isEmpty()) {
      String nullValued = nullValuedAction(n);
      if (nullValued != null) {
        v.add(Section.child(path, nullValued), "'" + nullValued + "' needs a value");
      } else if (v.count() == before) {
        v.add(path, "expected an action (allowed: " + ACTIONS_ALLOWED + ")");
      }
      return null;
    }
    String key = given.get(0);
    String ap = s.child(key);
    Node value = s.node(key);
    Action a =
        switch (key) {
          case "remove-header" -> new Action.RemoveHeader(RuleValues.headerName(value, ap, v));
          case "remove" -> new Action.Remove(RuleValues.field(value, ap, v));
          default -> withArguments(key, value, ap);
        };
    v.origin(a, ap);
    return a;
  }

  /** An action written with a mapping of arguments. */
  private Action withArguments(String key, Node value, String ap) {
    switch (key) {
      case "add-header", "replace-header" -> {
        Section s = Section.of(value, ap, v, "name", "value");
        String name = RuleValues.headerName(s, "name", v);
        String text = RuleValues.text(s, "value", true, "text", v);
        return key.equals("add-header")
            ? new Action.AddHeader(name, text)
            : new Action.ReplaceHeader(name, text);
      }
      case "set" -> {
        Section s = Section.of(value, ap, v, "field", "value");
        return new Action.Set(
            RuleValues.field(s, "field", v), RuleValues.text(s, "value", true, "text", v));
      }
      case "set-status", "reject" -> {
        Section s = Section.of(value, ap, v, "code", "reason");
        boolean reject = key.equals("reject");
        Integer code =
            s.integer("code", null, reject ? IntRule.REJECT_STATUS : IntRule.FAILURE_STATUS);
        String reason = s.string("reason", null);
        int c = code == null ? 0 : code;
        return reject ? new Action.Reject(c, reason) : new Action.SetStatus(c, reason);
      }
      case "add-prefix", "strip-prefix", "add-suffix", "strip-suffix" -> {
        Section s = Section.of(value, ap, v, "field", "value");
        FieldRef f = RuleValues.field(s, "field", v);
        String text = s.requiredString("value", "text");
        return switch (key) {
          case "add-prefix" -> new Action.AddPrefix(f, text);
          case "strip-prefix" -> new Action.StripPrefix(f, text);
          case "add-suffix" -> new Action.AddSuffix(f, text);
          default -> new Action.StripSuffix(f, text);
        };
      }
      case "normalise-e164", "normalize-e164" -> {
        Section s =
            Section.of(
                value, ap, v, "field", "country-code", "national-prefix", "international-prefix");
        return new Action.NormaliseE164(
            RuleValues.field(s, "field", v),
            RuleValues.countryCode(s, "country-code", true, v),
            RuleValues.digits(s, "national-prefix", Defaults.NATIONAL_PREFIX, v),
            RuleValues.digits(s, "international-prefix", Defaults.INTERNATIONAL_PREFIX, v));
      }
      case "regex-replace" -> {
        Section s = Section.of(value, ap, v, "field", "pattern", "replacement");
        FieldRef f = RuleValues.field(s, "field", v);
        if (!s.has("pattern")) {
          s.requiredString("pattern", "a Java regular expression");
        }
        Pattern p = s.regex("pattern");
        String replacement = RuleValues.text(s, "replacement", true, REPLACEMENT, v);
        if (p != null && replacement != null) {
          String problem = RuleValues.replacementProblem(p, replacement);
          if (problem != null) {
            v.add(
                s.child("replacement"),
                "invalid replacement '"
                    + replacement
                    + "': "
                    + problem
                    + " (allowed: "
                    + REPLACEMENT
                    + ")");
          }
        }
        return f == null || p == null || replacement == null
            ? null
            : new Action.RegexReplace(f, p, replacement);
      }
      case "copy" -> {
        Section s = Section.of(value, ap, v, "from", "to");
        return new Action.Copy(RuleValues.field(s, "from", v), RuleValues.field(s, "to", v));
      }
      default -> throw new IllegalStateException("action " + key);
    }
  }

  /** The action key of a mapping like {@code - remove:} (given without a value), else null. */
  private static String nullValuedAction(Node n) {
    if (n instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k
            && ACTIONS.contains(k.getValue())
            && Section.isNull(t.getValueNode())) {
          return k.getValue();
        }
      }
    }
    return null;
  }
}
