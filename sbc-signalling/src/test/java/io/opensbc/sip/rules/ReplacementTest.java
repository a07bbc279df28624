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
    // the shapes matched without a matcher: ^LITERAL(.*|.+|\d*|\d+)$
    {"^(.*)$", "<$1>"},
    {"^0(\\d+)$", "+44$1"},
    {"^0(\\d*)$", "x$0y$1"},
    {"^\\+(.+)$", "00$1"},
    {"^Fred\\.(.*)$", "$1"},
  };

  static final String[] INPUTS = {"Fred Bloggs", "+447912345678", "1234567", "", "aaab", "xyy", "abcdefghijk",
    "foo boo", "007", "+00441", "0", "0123\n", "0\n12", "Fred \r\n", "+", "+\u2028", "Fred.x", "0x1"};

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

  /** Random values over the characters that decide those shapes (digits, the literals, line ends). */
  @Test
  void theMatcherlessShapesAgreeOnRandomValues() {
    java.util.Random rnd = new java.util.Random(3);
    String alphabet = "0123+Fred. x\n\r\u0085";
    for (String[] c : CASES) {
      Pattern p = Pattern.compile(c[0]);
      Replacement r = new Replacement(p, c[1]);
      assertEquals(c[0].startsWith("^") && c[0].endsWith(")$"), r.matcherless(), c[0]);
      for (int i = 0; i < 3_000; i++) {
        StringBuilder sb = new StringBuilder();
        for (int k = rnd.nextInt(7); k > 0; k--) {
          sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        String in = (rnd.nextBoolean() ? "0" : rnd.nextBoolean() ? "Fred." : "") + sb;
        String want = p.matcher(in).find() ? p.matcher(in).replaceAll(c[1]) : null;
        assertEquals(want, r.apply(in), () -> c[0] + " -> " + c[1] + " on '" + in + "'");
      }
    }
  }

  @Test
  void noMatchIsNull() {
    assertNull(new Replacement(Pattern.compile("^x"), "y").apply("abc"));
  }
}
