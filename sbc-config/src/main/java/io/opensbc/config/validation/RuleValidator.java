package io.opensbc.config.validation;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.rules.Action;
import io.opensbc.config.model.rules.Condition;
import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.IdentityPolicy;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.Rule;
import io.opensbc.config.model.rules.RuleSet;
import io.opensbc.config.model.rules.Selector;
import java.util.List;
import java.util.Map;

/**
 * The checks on rules that look at more than one value: which actions and fields a rule's selector
 * allows ({@code set-status} on failure responses, {@code reject} on requests and last, {@code
 * status}/{@code reason-phrase} on responses), headers the SBC keeps to itself, what {@code remove}
 * may remove, the trunks and listeners conditions name, and a trunk identity's {@code default-cli}
 * inside its {@code ddi}. Paths come from {@link Violations#pathOf} (set by the loader), else from
 * the list indexes (a configuration built in code).
 */
final class RuleValidator {
  static final String SET_STATUS_SELECTOR =
      "set-status needs a selector of final non-2xx responses (e.g. 'INVITE response 4xx')";

  private final Violations v;
  private final Map<String, Integer> listeners;
  private final Map<String, Integer> trunks;

  private RuleValidator(Violations v, Map<String, Integer> listeners, Map<String, Integer> trunks) {
    this.v = v;
    this.listeners = listeners;
    this.trunks = trunks;
  }

  static void validate(
      SbcConfig config, Violations v, Map<String, Integer> listeners, Map<String, Integer> trunks) {
    RuleValidator r = new RuleValidator(v, listeners, trunks);
    List<RuleSet> sets = config.ruleSets();
    for (int i = 0; i < sets.size(); i++) {
      List<Rule> rules = sets.get(i).rules();
      for (int j = 0; j < rules.size(); j++) {
        Rule rule = rules.get(j);
        r.rule(rule, v.pathOf(rule, "rule-sets[" + i + "].rules[" + j + "]"));
      }
    }
    List<TrunkConfig> ts = config.trunks();
    for (int i = 0; i < ts.size(); i++) {
      r.identity(ts.get(i).identity(), "trunks[" + i + "].identity");
      if (ts.get(i).identity() != null && !ts.get(i).trusted()) {
        v.add("trunks[" + i + "].identity", "an identity policy needs 'trusted: true' on its trunk (RFC 3325:"
            + " P-Asserted-Identity is never sent to an untrusted trunk)");
      }
    }
  }

  private void rule(Rule rule, String path) {
    Selector selector = v.reported(path + ".match") ? null : rule.selector();
    condition(rule.condition(), path + ".if", selector);
    List<Action> actions = rule.actions();
    for (int k = 0; k < actions.size(); k++) {
      Action a = actions.get(k);
      String p = v.pathOf(a, path + ".do[" + k + "]." + key(a));
      if (!v.reported(p)) {
        action(a, p, selector, k == actions.size() - 1);
      }
    }
  }

  private void condition(Condition c, String fallback, Selector selector) {
    String p = v.pathOf(c, fallback);
    if (c instanceof Condition.All all) {
      for (int k = 0; k < all.conditions().size(); k++) {
        condition(all.conditions().get(k), p + ".all[" + k + "]", selector);
      }
    } else if (c instanceof Condition.Any any) {
      for (int k = 0; k < any.conditions().size(); k++) {
        condition(any.conditions().get(k), p + ".any[" + k + "]", selector);
      }
    } else if (c instanceof Condition.Not not) {
      condition(not.condition(), p + ".not", selector);
    } else if (c instanceof Condition.SourceTrunk st) {
      reference(p + ".source-trunk", "trunk", st.trunk(), trunks);
    } else if (c instanceof Condition.Listener l) {
      reference(p + ".listener", "listener", l.listener(), listeners);
    } else {
      read(field(c), p + ".field", selector);
    }
  }

  private static FieldRef field(Condition c) {
    if (c instanceof Condition.Present x) {
      return x.field();
    } else if (c instanceof Condition.Absent x) {
      return x.field();
    } else if (c instanceof Condition.Equals x) {
      return x.field();
    } else if (c instanceof Condition.Matches x) {
      return x.field();
    } else if (c instanceof Condition.InRange x) {
      return x.field();
    }
    return null;
  }

  private void action(Action a, String p, Selector selector, boolean last) {
    if (a instanceof Action.Reject) {
      if (!last) {
        v.add(
            p, "reject must be the last action of its rule: the actions after it would never run");
      }
      if (selector != null && selector.response()) {
        v.add(
            p,
            "reject needs a request selector, and '"
                + selector.text()
                + "' takes responses (allowed: a request selector, e.g. '"
                + method(selector)
                + "')");
      }
    } else if (a instanceof Action.SetStatus) {
      if (selector != null && !selector.failureResponsesOnly()) {
        v.add(p, SET_STATUS_SELECTOR);
      }
    } else if (a instanceof Action.AddHeader x) {
      writeHeader(x.name(), p + ".name");
    } else if (a instanceof Action.ReplaceHeader x) {
      writeHeader(x.name(), p + ".name");
    } else if (a instanceof Action.RemoveHeader x) {
      writeHeader(x.name(), p);
    } else if (a instanceof Action.Remove x) {
      String fp = v.pathOf(x.field(), p);
      if (write(x.field(), fp, selector) && !x.field().removable()) {
        v.add(
            fp,
            "'" + x.field().text() + "' cannot be removed (allowed: " + FieldRef.REMOVABLE + ")");
      }
    } else if (a instanceof Action.Copy x) {
      read(x.from(), p + ".from", selector);
      write(x.to(), v.pathOf(x.to(), p + ".to"), selector);
    } else {
      FieldRef f = written(a);
      write(f, v.pathOf(f, p + ".field"), selector);
    }
  }

  /** The field of the actions written {@code {field: REF, ...}}. */
  private static FieldRef written(Action a) {
    if (a instanceof Action.Set x) {
      return x.field();
    } else if (a instanceof Action.AddPrefix x) {
      return x.field();
    } else if (a instanceof Action.StripPrefix x) {
      return x.field();
    } else if (a instanceof Action.AddSuffix x) {
      return x.field();
    } else if (a instanceof Action.StripSuffix x) {
      return x.field();
    } else if (a instanceof Action.NormaliseE164 x) {
      return x.field();
    } else if (a instanceof Action.RegexReplace x) {
      return x.field();
    }
    return null;
  }

  private void writeHeader(String name, String path) {
    String problem = FieldRef.headerWriteProblem(name);
    if (problem != null && !v.reported(path)) {
      v.add(path, problem);
    }
  }

  /** Reports a field a rule may not write; true when it may (so far). */
  private boolean write(FieldRef f, String path, Selector selector) {
    if (f == null || v.reported(path)) {
      return false;
    }
    String problem = f.writeProblem();
    if (problem != null) {
      v.add(path, problem);
      return false;
    }
    return read(f, path, selector);
  }

  /** Reports a response-only field under a request selector; true when fine. */
  private boolean read(FieldRef f, String fallback, Selector selector) {
    if (f == null || selector == null || selector.response() || !f.responseOnly()) {
      return true;
    }
    String path = v.pathOf(f, fallback);
    if (!v.reported(path)) {
      v.add(
          path,
          "'"
              + f.text()
              + "' is only in responses, and selector '"
              + selector.text()
              + "' takes requests (allowed: a response selector, e.g. '"
              + method(selector)
              + " response 4xx')");
    }
    return false;
  }

  private static String method(Selector s) {
    return s.method() == null ? "*" : s.method();
  }

  private void reference(String path, String kind, String name, Map<String, Integer> known) {
    if (name != null && !known.containsKey(name) && !v.reported(path)) {
      v.add(path, ConfigValidator.unknown(kind, name, known.keySet()));
    }
  }

  private void identity(IdentityPolicy id, String path) {
    if (id == null
        || id.defaultCli() == null
        || id.ddi().isEmpty()
        || v.reported(path + ".ddi")
        || v.reported(path + ".default-cli")
        || v.reported(path + ".country-code")) {
      return;
    }
    if (!id.owns(id.defaultCli())) {
      v.add(
          path + ".default-cli",
          "'"
              + id.defaultCli()
              + "' is not in ddi (allowed: a number in "
              + String.join(", ", id.ddi().stream().map(NumberRange::text).toList())
              + ")");
    }
  }

  /** The configuration key of an action (for a path when the loader did not record one). */
  static String key(Action a) {
    String name = a.getClass().getSimpleName();
    if (a instanceof Action.NormaliseE164) {
      return "normalise-e164";
    }
    return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
