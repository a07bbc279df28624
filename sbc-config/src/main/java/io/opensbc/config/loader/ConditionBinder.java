package io.opensbc.config.loader;

import io.opensbc.config.model.rules.Condition;
import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.Parsed;
import io.opensbc.config.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a rule's {@code if}: one mapping per condition, of exactly one form: {@code all}, {@code
 * any}, {@code not}, {@code source-trunk}, {@code listener}, or a field test (the field as {@code
 * field}, or the shorthand {@code header} / {@code uri} with {@code param} or {@code part}; then
 * one test: {@code present}, {@code equals} [+ {@code ignore-case}], {@code regex}, {@code
 * in-range}, {@code not-in-range}). Each condition and field reference is tied to its path ({@link
 * Violations#origin}) for the checks that follow binding.
 */
final class ConditionBinder {
  static final String[] KEYS = {
    "all",
    "any",
    "not",
    "source-trunk",
    "listener",
    "field",
    "header",
    "uri",
    "param",
    "part",
    "present",
    "equals",
    "ignore-case",
    "regex",
    "in-range",
    "not-in-range"
  };
  static final String ALLOWED =
      "all, any, not, source-trunk, listener, or a field test: field (or header/uri) with one of"
          + " present, equals, regex, in-range, not-in-range";
  private static final List<String> OWN_FORMS =
      List.of("all", "any", "not", "source-trunk", "listener");
  private static final List<String> FIELD_KEYS =
      List.of(
          "field",
          "header",
          "uri",
          "param",
          "part",
          "present",
          "equals",
          "ignore-case",
          "regex",
          "in-range",
          "not-in-range");
  private static final List<String> SOURCES = List.of("field", "header", "uri");
  private static final List<String> TESTS =
      List.of("present", "equals", "regex", "in-range", "not-in-range");

  private final Violations v;

  ConditionBinder(Violations v) {
    this.v = v;
  }

  /** The condition at {@code path}, or null (reported) when it cannot be read. */
  Condition condition(Node node, String path) {
    int before = v.count();
    Section s = Section.of(node, path, v, KEYS);
    boolean clean = v.count() == before;
    List<String> forms = new ArrayList<>(present(s, OWN_FORMS));
    if (!present(s, FIELD_KEYS).isEmpty()) {
      forms.add("a field test");
    }
    if (forms.size() != 1) {
      if (forms.size() > 1) {
        v.add(
            path,
            "one condition per mapping, got "
                + String.join(" and ", forms)
                + "; combine conditions with all: [...] (allowed: "
                + ALLOWED
                + ")");
      } else if (clean) {
        v.add(path, "expected a condition (allowed: " + ALLOWED + ")");
      }
      return null;
    }
    Condition c =
        switch (forms.get(0)) {
          case "all" -> new Condition.All(list(s, "all"));
          case "any" -> new Condition.Any(list(s, "any"));
          case "not" -> not(s);
          case "source-trunk" -> name(s, "source-trunk", true);
          case "listener" -> name(s, "listener", false);
          default -> fieldTest(s, path, clean);
        };
    v.origin(c, path);
    return c;
  }

  private List<Condition> list(Section s, String key) {
    List<Node> nodes = s.sequence(key, "a list of conditions");
    if (nodes.isEmpty() && !v.reported(s.child(key))) {
      v.add(s.child(key), "expected at least one condition (allowed: a list of conditions)");
    }
    List<Condition> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Condition c = condition(nodes.get(i), s.child(key) + "[" + i + "]");
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private Condition not(Section s) {
    Condition inner = condition(s.node("not"), s.child("not"));
    return inner == null ? null : new Condition.Not(inner);
  }

  private Condition name(Section s, String key, boolean trunk) {
    String name = s.string(key, null);
    if (name == null) {
      return null;
    }
    return trunk ? new Condition.SourceTrunk(name) : new Condition.Listener(name);
  }

  private Condition fieldTest(Section s, String path, boolean clean) {
    List<String> sources = present(s, SOURCES);
    List<String> tests = present(s, TESTS);
    boolean ok = true;
    if (sources.size() != 1) {
      if (sources.size() > 1 || clean) {
        v.add(
            path,
            (sources.isEmpty()
                    ? "missing the field"
                    : "one field per test, got " + String.join(" and ", sources))
                + " (allowed: field, header or uri)");
      }
      ok = false;
    }
    if (tests.size() != 1) {
      if (tests.size() > 1 || clean) {
        v.add(
            path,
            (tests.isEmpty()
                    ? "missing the test"
                    : "one test per condition, got "
                        + String.join(" and ", tests)
                        + "; combine tests with all: [...]")
                + " (allowed: present, equals, regex, in-range, not-in-range)");
      }
      ok = false;
    }
    ok &= goesWith(s, "ignore-case", "'equals'", tests.contains("equals"));
    boolean shorthand = sources.contains("header") || sources.contains("uri");
    ok &=
        goesWith(
            s, "param", "'header' or 'uri' (with 'field', write HEADER.param.NAME)", shorthand);
    ok &= goesWith(s, "part", "'header' or 'uri' (with 'field', write HEADER.user)", shorthand);
    if (!ok) {
      return null;
    }
    FieldRef f =
        sources.get(0).equals("field")
            ? RuleValues.field(s, "field", v)
            : shorthand(s, sources.get(0));
    String test = tests.get(0);
    return switch (test) {
      case "present" -> presentTest(s, f);
      case "equals" -> equalsTest(s, f);
      case "regex" -> regex(s, f);
      default -> inRange(s, f, test, path);
    };
  }

  private static Condition presentTest(Section s, FieldRef f) {
    boolean present = s.bool("present", true);
    if (f == null) {
      return null;
    }
    return present ? new Condition.Present(f) : new Condition.Absent(f);
  }

  private Condition equalsTest(Section s, FieldRef f) {
    String value = RuleValues.text(s, "equals", true, "text", v);
    boolean ignoreCase = s.bool("ignore-case", false);
    return f == null || value == null ? null : new Condition.Equals(f, value, ignoreCase);
  }

  private Condition regex(Section s, FieldRef f) {
    Pattern p = s.regex("regex");
    return f == null || p == null ? null : new Condition.Matches(f, p);
  }

  private Condition inRange(Section s, FieldRef f, String key, String path) {
    int before = v.count();
    List<NumberRange> ranges = RuleValues.ranges(s.node(key), s.child(key), true, v);
    if (f == null || v.count() != before) {
      return null;
    }
    Condition in = new Condition.InRange(f, ranges);
    if (key.equals("in-range")) {
      return in;
    }
    v.origin(in, path);
    return new Condition.Not(in);
  }

  /** {@code header: NAME} or {@code uri: request-uri}, with {@code param} or {@code part}. */
  private FieldRef shorthand(Section s, String key) {
    boolean header = key.equals("header");
    String partsAllowed = header ? "user, host, display" : "user, host";
    String base;
    if (header) {
      base = RuleValues.headerName(s, "header", v);
    } else {
      base = s.string("uri", null);
      if (base != null && !base.equalsIgnoreCase("request-uri")) {
        v.add(s.child("uri"), "'" + base + "' is not a URI (allowed: request-uri)");
        base = null;
      }
    }
    String param = s.string("param", null);
    String part = s.string("part", null);
    if (param != null && part != null) {
      v.add(
          s.child("part"),
          "give 'param' or 'part', not both (allowed: part: " + partsAllowed + ", or param: NAME)");
      return null;
    }
    if (part != null && !List.of(partsAllowed.split(", ")).contains(part)) {
      v.add(s.child("part"), "unknown part '" + part + "' (allowed: " + partsAllowed + ")");
      return null;
    }
    if (base == null) {
      return null;
    }
    String text = base + (param != null ? ".param." + param : part != null ? "." + part : "");
    Parsed<FieldRef> p = FieldRef.parse(text);
    if (!p.isOk()) {
      v.add(s.child(param != null ? "param" : key), p.error());
      return null;
    }
    v.origin(p.value(), s.child(key));
    return p.value();
  }

  /** Reports {@code key} when given without what it goes with; true when fine. */
  private boolean goesWith(Section s, String key, String with, boolean withGiven) {
    if (s.has(key) && !withGiven) {
      v.add(s.child(key), "'" + key + "' only goes with " + with);
      return false;
    }
    return true;
  }

  private static List<String> present(Section s, List<String> keys) {
    return keys.stream().filter(s::has).toList();
  }
}
