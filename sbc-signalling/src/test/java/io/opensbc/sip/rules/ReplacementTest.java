package io.opensbc.sip.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The precompiled replacement gives what {@link java.util.regex.Matcher#replaceAll} gives. */
class ReplacementTest {
  static final String[][] CASES = {
    {"^Fred (.*)$", "F. $1"},
    {"^\\+44(\\d+)$", "0$1"},
    {"(\\d)(\\d)", "$2$1"},
    {"a*", "-"},
    {"", "|"},
    {"(x)?y", "[$1]"},
    {"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "$11$10$1"},
    {"(a)", "$12"},
    {"o", "\\$0"},
    {"(?<n>o)", "${n}${n}"},
    {"o", "$0$0"},
    {"^(\\+?)0+", "$1"},
  };

  static final String[] INPUTS = {"Fred Bloggs", "+447912345678", "1234567", "", "aaab", "xyy", "abcdefghijk",
    "foo boo", "007", "+00441"};

  @Test
  void sameAsTheMatcher() {
    for (String[] c : CASES) {
      Pattern p = Pattern.compile(c[0]);
      Replacement r = new Replacement(p, c[1]);
      for (String in : INPUTS) {
        java.util.regex.Matcher m = p.matcher(in);
        String want = m.find() ? p.matcher(in).replaceAll(c[1]) : null;
        assertEquals(want, r.apply(in), () -> c[0] + " -> " + c[1] + " on '" + in + "'");
      }
    }
  }

  @Test
  void noMatchIsNull() {
    assertNull(new Replacement(Pattern.compile("^x"), "y").apply("abc"));
  }
}
