package io.opensbc.config.loader;

import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.Parsed;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.NameRule;
import io.opensbc.config.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The values rules and trunk policies are made of (names, field references, header names, number
 * ranges, country codes), read from YAML and reported at their path. The text parsers themselves
 * are public in the model ({@link FieldRef#parse}, {@link NumberRange#parse}, {@code
 * Selector.parse}); this class adds the YAML node and the path.
 */
final class RuleValues {
  static final String HEADER_NAME = "a header name: letters, digits and !%*_+`'~-";
  static final String COUNTRY_CODE = "1-3 digits, e.g. \"44\"";
  private static final Pattern CC = Pattern.compile("[0-9]{1,3}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private RuleValues() {}

  /** The required {@code name}, checked with {@link NameRule}. */
  static String requiredName(Section s, Violations v) {
    String name = s.requiredString("name", NameRule.ALLOWED);
    if (name != null && !v.reported(s.child("name"))) {
      String problem = NameRule.check(name);
      if (problem != null) {
        v.add(s.child("name"), problem);
        return null;
      }
    }
    return name;
  }

  /**
   * A string that may be empty ({@code ""}); null when absent (reported when {@code required}) or
   * not a scalar (reported).
   */
  static String text(Section s, String key, boolean required, String allowed, Violations v) {
    if (!s.has(key)) {
      return required ? s.requiredString(key, allowed) : null;
    }
    return scalar(s.node(key), s.child(key), "a string", allowed, v);
  }

  /** The text of a scalar node; null (reported) for a list or a mapping. */
  static String scalar(Node n, String path, String expected, String allowed, Violations v) {
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    v.add(
        path,
        "expected " + expected + ", got " + Section.describe(n) + " (allowed: " + allowed + ")");
    return null;
  }

  /** The required field reference {@code key}, tied to its path. */
  static FieldRef field(Section s, String key, Violations v) {
    if (!s.has(key)) {
      s.requiredString(key, FieldRef.ALLOWED);
      return null;
    }
    return field(s.node(key), s.child(key), v);
  }

  static FieldRef field(Node n, String path, Violations v) {
    String text = scalar(n, path, "a field", FieldRef.ALLOWED, v);
    if (text == null) {
      return null;
    }
    Parsed<FieldRef> p = FieldRef.parse(text);
    if (!p.isOk()) {
      v.add(path, p.error());
      return null;
    }
    v.origin(p.value(), path);
    return p.value();
  }

  /** The required header name {@code key}. */
  static String headerName(Section s, String key, Violations v) {
    if (!s.has(key)) {
      s.requiredString(key, HEADER_NAME);
      return null;
    }
    return headerName(s.node(key), s.child(key), v);
  }

  static String headerName(Node n, String path, Violations v) {
    String name = scalar(n, path, "a header name", HEADER_NAME, v);
    if (name != null && !FieldRef.isHeaderName(name)) {
      v.add(path, "'" + name + "' is not a header name (allowed: " + HEADER_NAME + ")");
      return null;
    }
    return name;
  }

  /**
   * Number ranges: one range, or a list of them when {@code oneAllowed}; else a list. At least one;
   * a wrong item is reported at its index and left out.
   */
  static List<NumberRange> ranges(Node n, String path, boolean oneAllowed, Violations v) {
    String allowed = oneAllowed ? "a range or a list of ranges: " : "a list of ranges: ";
    List<NumberRange> out = new ArrayList<>();
    if (n instanceof ScalarNode s && oneAllowed) {
      range(s.getValue(), path, v, out);
      return out;
    }
    if (!(n instanceof SequenceNode seq)) {
      v.add(
          path,
          "expected "
              + (oneAllowed ? "a range or a list" : "a list")
              + ", got "
              + Section.describe(n)
              + " (allowed: "
              + allowed
              + NumberRange.ALLOWED
              + ")");
      return out;
    }
    if (seq.getValue().isEmpty()) {
      v.add(path, "expected at least one range (allowed: " + allowed + NumberRange.ALLOWED + ")");
    }
    for (int i = 0; i < seq.getValue().size(); i++) {
      String p = path + "[" + i + "]";
      Node item = seq.getValue().get(i);
      Section.locate(v, p, item);
      String text = scalar(item, p, "a number range", NumberRange.ALLOWED, v);
      if (text != null) {
        range(text, p, v, out);
      }
    }
    return out;
  }

  private static void range(String text, String path, Violations v, List<NumberRange> out) {
    Parsed<NumberRange> r = NumberRange.parse(text);
    if (r.isOk()) {
      out.add(r.value());
    } else {
      v.add(path, r.error());
    }
  }

  /** A country code: 1-3 digits; null when absent (reported when {@code required}) or wrong. */
  static String countryCode(Section s, String key, boolean required, Violations v) {
    String cc = required ? s.requiredString(key, COUNTRY_CODE) : s.string(key, null);
    if (cc != null && !CC.matcher(cc).matches()) {
      v.add(s.child(key), "'" + cc + "' is not a country code (allowed: " + COUNTRY_CODE + ")");
      return null;
    }
    return cc;
  }

  /** An optional string of digits (a dialling prefix); {@code def} when absent or wrong. */
  static String digits(Section s, String key, String def, Violations v) {
    String d = s.string(key, def);
    if (s.has(key) && d != null && !DIGITS.matcher(d).matches()) {
      v.add(
          s.child(key),
          "'" + d + "' is not a dialling prefix (allowed: digits, e.g. \"" + def + "\")");
      return def;
    }
    return d;
  }

  /** An optional integer; null when absent or wrong (reported). */
  static Integer optionalInt(Section s, String key, IntRule rule) {
    return s.has(key) ? s.integer(key, null, rule) : null;
  }

  /**
   * Why {@code replacement} would fail in {@link java.util.regex.Matcher#replaceAll(String)} for
   * {@code p} (a group that does not exist, a lone {@code $} or {@code \}), or null.
   */
  static String replacementProblem(Pattern p, String replacement) {
    int groups = p.matcher("").groupCount();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '\\') {
        if (++i == replacement.length()) {
          return "ends with a lone '\\'";
        }
      } else if (c == '$') {
        char n = i + 1 < replacement.length() ? replacement.charAt(i + 1) : ' ';
        if (n == '{') {
          int end = replacement.indexOf('}', i);
          String name = end < 0 ? "" : replacement.substring(i + 2, end);
          if (name.isEmpty() || !p.pattern().contains("(?<" + name + ">")) {
            return "'${" + name + "}' names no group of the pattern";
          }
          i = end;
        } else if (n >= '0' && n <= '9') {
          if (n - '0' > groups) {
            return "'$" + n + "' refers to group " + n + " but the pattern has " + groups;
          }
          i++;
        } else {
          return "'$' must be followed by a group number or {name}";
        }
      }
    }
    return null;
  }
}
