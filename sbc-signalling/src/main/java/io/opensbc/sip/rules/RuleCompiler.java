package io.opensbc.sip.rules;

import io.opensbc.config.model.rules.Action;
import io.opensbc.config.model.rules.Condition;
import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.Rule;
import io.opensbc.config.model.rules.Selector;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.SipUri;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns configured rules (already checked at load) into {@link CompiledRule}s. One per rule book:
 * it hands out one String instance per header name (canonical spelling, compact forms expanded,
 * other names by their first spelling in any case), so the working copy tells its headers apart
 * by reference.
 */
final class RuleCompiler {
  private final Map<String, String> names = new HashMap<>();

  /** The book's one instance of a header name. */
  String name(String header) {
    String c = HeaderNames.canonical(header);
    return names.computeIfAbsent(c.toLowerCase(Locale.ROOT), k -> c);
  }

  CompiledRule compile(String id, Rule r, LongAdder hits) {
    Selector s = r.selector();
    CompiledRule.Step[] steps = new CompiledRule.Step[r.actions().size()];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = step(r.actions().get(i));
    }
    return new CompiledRule(id, s.method(), s.response(), s.lowStatus(), s.highStatus(),
        test(r.condition()), steps, hits);
  }

  CompiledRule.Test test(Condition c) {
    if (c instanceof Condition.All all) {
      if (all.conditions().isEmpty()) {
        return CompiledRule.ALWAYS;
      }
      if (all.conditions().size() == 1) {
        return test(all.conditions().get(0));
      }
      CompiledRule.Test[] t = tests(all.conditions());
      return m -> {
        for (CompiledRule.Test x : t) {
          if (!x.test(m)) {
            return false;
          }
        }
        return true;
      };
    }
    if (c instanceof Condition.Any any) {
      if (any.conditions().size() == 1) {
        return test(any.conditions().get(0));
      }
      CompiledRule.Test[] t = tests(any.conditions());
      return m -> {
        for (CompiledRule.Test x : t) {
          if (x.test(m)) {
            return true;
          }
        }
        return false;
      };
    }
    if (c instanceof Condition.Not not) {
      CompiledRule.Test t = test(not.condition());
      return m -> !t.test(m);
    }
    if (c instanceof Condition.Present p) {
      FieldRef f = canonical(p.field());
      return m -> m.has(f);
    }
    if (c instanceof Condition.Absent a) {
      FieldRef f = canonical(a.field());
      return m -> !m.has(f);
    }
    if (c instanceof Condition.Equals e) {
      FieldRef f = canonical(e.field());
      String want = e.value();
      return e.ignoreCase()
          ? m -> want.equalsIgnoreCase(m.get(f))
          : m -> want.equals(m.get(f));
    }
    if (c instanceof Condition.Matches x) {
      FieldRef f = canonical(x.field());
      java.util.regex.Pattern p = x.regex();
      String prefix = literalPrefix(p);
      if (prefix != null) {
        return m -> {
          if (m.locate(f)) {
            return m.partStartsWith(prefix);
          }
          String v = m.get(f);
          return v != null && v.startsWith(prefix);
        };
      }
      return m -> {
        String v = m.get(f);
        return v != null && p.matcher(v).find();
      };
    }
    if (c instanceof Condition.InRange r) {
      FieldRef f = canonical(r.field());
      NumberRange[] ranges = r.ranges().toArray(new NumberRange[0]);
      return m -> {
        int inPlace = m.locate(f) ? m.partInRange(ranges) : -1;
        return inPlace >= 0 ? inPlace == 1 : inRange(number(m.get(f)), ranges);
      };
    }
    if (c instanceof Condition.SourceTrunk t) {
      String name = t.trunk();
      return m -> name.equals(m.sourceTrunk());
    }
    if (c instanceof Condition.Listener l) {
      String name = l.listener();
      return m -> name.equals(m.listener());
    }
    throw new IllegalArgumentException("unknown condition " + c);
  }

  /**
   * The literal of a regular expression that only asks for a literal at the start ({@code ^+449},
   * {@code ^\\+449}), or null: such conditions compile to a prefix test, without a matcher.
   */
  static String literalPrefix(java.util.regex.Pattern p) {
    return p.flags() != 0 ? null : literalPrefix(p.pattern());
  }

  /** {@link #literalPrefix(java.util.regex.Pattern)} of a regular expression's text, without flags. */
  static String literalPrefix(String r) {
    if (r.isEmpty() || r.charAt(0) != '^') {
      return null;
    }
    StringBuilder sb = new StringBuilder(r.length());
    for (int i = 1; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c == '\\') {
        if (i + 1 >= r.length()) {
          return null;
        }
        char e = r.charAt(++i);
        if (Character.isLetterOrDigit(e)) {
          return null; // \d, \w, \Q, back-references: not a literal
        }
        sb.append(e);
      } else if (".[]{}()*+?^$|".indexOf(c) >= 0) {
        return null;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private CompiledRule.Test[] tests(List<Condition> cs) {
    CompiledRule.Test[] t = new CompiledRule.Test[cs.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = test(cs.get(i));
    }
    return t;
  }

  CompiledRule.Step step(Action a) {
    if (a instanceof Action.AddHeader x) {
      String n = name(x.name());
      return m -> m.addHeader(n, x.value());
    }
    if (a instanceof Action.RemoveHeader x) {
      String n = name(x.name());
      return m -> m.removeHeader(n);
    }
    if (a instanceof Action.ReplaceHeader x) {
      String n = name(x.name());
      return m -> m.replaceHeader(n, x.value());
    }
    if (a instanceof Action.Set x) {
      FieldRef f = canonical(x.field());
      return m -> m.set(f, x.value());
    }
    if (a instanceof Action.Remove x) {
      FieldRef f = canonical(x.field());
      return m -> m.remove(f);
    }
    if (a instanceof Action.SetStatus x) {
      return m -> m.setStatus(x.status(), x.reason());
    }
    if (a instanceof Action.AddPrefix x) {
      FieldRef f = canonical(x.field());
      return m -> {
        String v = m.get(f);
        return v != null && m.set(f, v, x.prefix() + v);
      };
    }
    if (a instanceof Action.StripPrefix x) {
      FieldRef f = canonical(x.field());
      return m -> {
        String v = m.get(f);
        return v != null && v.startsWith(x.prefix()) && m.set(f, v, v.substring(x.prefix().length()));
      };
    }
    if (a instanceof Action.AddSuffix x) {
      FieldRef f = canonical(x.field());
      return m -> {
        String v = m.get(f);
        return v != null && m.set(f, v, v + x.suffix());
      };
    }
    if (a instanceof Action.StripSuffix x) {
      FieldRef f = canonical(x.field());
      return m -> {
        String v = m.get(f);
        return v != null && v.endsWith(x.suffix()) && m.set(f, v, v.substring(0, v.length() - x.suffix().length()));
      };
    }
    if (a instanceof Action.NormaliseE164 x) {
      FieldRef f = canonical(x.field());
      return m -> {
        if (m.locate(f) && m.partStartsWith("+")) {
          return false; // E.164 already (what e164 answers for it), read without a copy
        }
        String v = m.get(f);
        String e = v == null ? null : e164(v, x.countryCode(), x.nationalPrefix(), x.internationalPrefix());
        return e != null && m.set(f, v, e);
      };
    }
    if (a instanceof Action.RegexReplace x) {
      FieldRef f = canonical(x.field());
      Replacement r = new Replacement(x.regex(), x.replacement());
      return m -> {
        String v = m.get(f);
        String out = v == null ? null : r.apply(v);
        return out != null && m.set(f, v, out);
      };
    }
    if (a instanceof Action.Copy x) {
      FieldRef from = canonical(x.from());
      FieldRef to = canonical(x.to());
      return m -> {
        String v = m.get(from);
        return v != null && m.set(to, v);
      };
    }
    if (a instanceof Action.Reject x) {
      return m -> {
        m.reject(x.status(), x.reason() != null ? x.reason() : io.opensbc.sip.message.Responses.reasonPhrase(x.status()));
        return true;
      };
    }
    throw new IllegalArgumentException("unknown action " + a);
  }

  /** The E.164 form ({@code +CC...}) of a national or international-format number, or null if it is neither. */
  static String e164(String v, String cc, String national, String international) {
    if (v.startsWith("+")) {
      return null;
    }
    if (international != null && !international.isEmpty() && v.startsWith(international)) {
      return "+" + v.substring(international.length());
    }
    if (national != null && !national.isEmpty() && v.startsWith(national)) {
      return "+" + cc + v.substring(national.length());
    }
    return null;
  }

  /** The digits of a telephone number in a value: the value itself, else the user of its URI. */
  static String number(String v) {
    if (v == null) {
      return null;
    }
    String d = NumberRange.digits(v);
    if (!d.isEmpty()) {
      return d;
    }
    NameAddr a = NameAddr.parse(v).orNull();
    SipUri u = a == null ? null : SipUri.parse(a.uri()).orNull();
    return u == null || u.user() == null ? null : NumberRange.digits(u.user());
  }

  static boolean inRange(String digits, NumberRange[] ranges) {
    if (digits == null || digits.isEmpty()) {
      return false;
    }
    for (NumberRange r : ranges) {
      if (r.contains(digits)) {
        return true;
      }
    }
    return false;
  }

  /** The reference with the book's instance of its header name. */
  FieldRef canonical(FieldRef f) {
    if (f.header() == null) {
      return f;
    }
    return new FieldRef(f.source(), name(f.header()), f.part(), f.param(), f.text());
  }
}
