package io.opensbc.sip.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replacement of a {@code regex-replace} action, parsed once when the rule compiles: literal
 * text and numbered group references ({@code $1}, {@code \$} for a dollar sign), the syntax of
 * {@link Matcher#replaceAll(String)}. A replacement with named groups ({@code ${name}}) is left
 * to the matcher.
 */
final class Replacement {
  private final Pattern pattern;
  private final String template;
  /** Literal text (a String) and group numbers (an Integer), in order; null: use the matcher. */
  private final Object[] parts;
  /**
   * For the usual shape of a number or name rewrite, {@code ^LITERAL(REST)$} with REST one of
   * {@code .* .+ \d* \d+}: the literal, matched without a matcher (null: not that shape).
   */
  private final String prefix;
  private final boolean restDigits;
  private final boolean restNonEmpty;

  Replacement(Pattern pattern, String template) {
    this.pattern = pattern;
    this.template = template;
    this.parts = parse(template, pattern.matcher("").groupCount());
    String r = pattern.pattern();
    String rest = null;
    String lit = null;
    if (parts != null && pattern.flags() == 0 && r.endsWith(")$")) {
      for (String body : REST) {
        if (r.endsWith("(" + body + ")$")) {
          lit = RuleCompiler.literalPrefix(r.substring(0, r.length() - body.length() - 3));
          rest = body;
          break;
        }
      }
    }
    this.prefix = lit;
    this.restDigits = rest != null && rest.startsWith("\\d");
    this.restNonEmpty = rest != null && rest.endsWith("+");
  }

  /** True when matches are decided without a matcher (for tests). */
  boolean matcherless() {
    return prefix != null;
  }

  private static final String[] REST = {".*", ".+", "\\d*", "\\d+"};

  /** Every match in {@code v} replaced; null when nothing matched. */
  String apply(String v) {
    if (prefix != null) {
      int r = anchored(v);
      if (r >= 0) {
        return r == 0 ? null : build(v, prefix.length());
      }
    }
    Matcher m = pattern.matcher(v);
    if (!m.find()) {
      return null;
    }
    if (parts == null) {
      return m.replaceAll(template);
    }
    StringBuilder out = new StringBuilder(v.length() + 16);
    int last = 0;
    do {
      out.append(v, last, m.start());
      for (Object p : parts) {
        if (p instanceof String s) {
          out.append(s);
        } else {
          int g = (Integer) p;
          if (m.start(g) >= 0) {
            out.append(v, m.start(g), m.end(g));
          }
        }
      }
      last = m.end();
    } while (m.find());
    return out.append(v, last, v.length()).toString();
  }

  /**
   * Whether {@code ^LITERAL(REST)$} matches: 1 yes, 0 no, -1 cannot tell without the matcher (a
   * line terminator, which {@code .} does not match and before which {@code $} matches).
   */
  private int anchored(String v) {
    if (!v.startsWith(prefix)) {
      return 0;
    }
    int n = v.length();
    int verdict = restNonEmpty && n == prefix.length() ? 0 : 1;
    for (int i = prefix.length(); i < n; i++) {
      char c = v.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return -1;
      }
      if (restDigits && (c < '0' || c > '9')) {
        verdict = 0;
      }
    }
    return verdict;
  }

  /** The template filled in for a match of all of {@code v} whose group 1 starts at {@code rest}. */
  private String build(String v, int rest) {
    StringBuilder out = new StringBuilder(v.length() + 16);
    for (Object p : parts) {
      if (p instanceof String s) {
        out.append(s);
      } else {
        out.append(v, (Integer) p == 0 ? 0 : rest, v.length());
      }
    }
    return out.toString();
  }

  /** The template as parts, or null when it uses named groups (or is not well formed). */
  private static Object[] parse(String t, int groups) {
    List<Object> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\\') {
        if (++i >= t.length()) {
          return null;
        }
        lit.append(t.charAt(i));
      } else if (c == '$') {
        if (++i >= t.length() || t.charAt(i) < '0' || t.charAt(i) > '9') {
          return null; // ${name} or a stray $: the matcher's own handling (and errors)
        }
        // as Matcher does: the longest group number that exists
        int g = t.charAt(i) - '0';
        while (i + 1 < t.length() && t.charAt(i + 1) >= '0' && t.charAt(i + 1) <= '9'
            && g * 10 + (t.charAt(i + 1) - '0') <= groups) {
          g = g * 10 + (t.charAt(++i) - '0');
        }
        if (g > groups) {
          return null;
        }
        if (lit.length() > 0) {
          parts.add(lit.toString());
          lit.setLength(0);
        }
        parts.add(g);
      } else {
        lit.append(c);
      }
    }
    if (lit.length() > 0) {
      parts.add(lit.toString());
    }
    return parts.toArray();
  }
}
