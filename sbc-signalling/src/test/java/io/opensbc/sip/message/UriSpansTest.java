package io.opensbc.sip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass URI scan (host and parameters checked in the same pass as the delimiters) against
 * the straightforward scan it replaced, kept here as the reference: on valid URIs and on hundreds
 * of thousands of mutations of them, both must give the same verdict, the same reason and the
 * same positions.
 */
class UriSpansTest {
  static final String[] URIS = {
    "sip:07969987654@127.0.0.1:5060;transport=udp",
    "sip:+447912345678@127.0.0.1:5070;user=phone",
    "sip:alice:secret@[2001:db8::1]:5061;transport=tls;lr?subject=hi&x=y",
    "sips:+442071234567@sbc.example.com;user=phone",
    "tel:+442071234567;phone-context=example.com",
    "sip:127.0.0.1:5080",
    "sip:user;x=y@host.example.com;a;b=c?h=1",
    "SIP:Alice@EXAMPLE.com;maddr=239.255.255.1;ttl=15",
    "sip:%61lice@atlanta.com;transport=TCP",
    "sip:[::1]",
    "sip:a@b:65535;lr",
    "sip:x@y_z-1.example",
    "sip:host;=x",
    "sip:host;;a",
    "sip:u@h;a=;b",
  };

  static final String ALPHABET = "@:;?=[]._-%!<>\" a1Z\t\u00e9,&+/~*";

  @Test
  void theOnePassScanAgreesWithTheReferenceOnMutatedUris() {
    Random rnd = new Random(20261203);
    UriSpans fast = new UriSpans();
    Reference slow = new Reference();
    int valid = 0;
    int invalid = 0;
    for (int round = 0; round < 400_000; round++) {
      StringBuilder sb = new StringBuilder(URIS[rnd.nextInt(URIS.length)]);
      for (int m = rnd.nextInt(4); m > 0 && sb.length() > 0; m--) {
        int at = rnd.nextInt(sb.length());
        char c = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
        switch (rnd.nextInt(3)) {
          case 0 -> sb.insert(at, c);
          case 1 -> sb.deleteCharAt(at);
          default -> sb.setCharAt(at, c);
        }
      }
      String v = " " + sb + " ";
      String a = fast.scan(v, 0, v.length());
      String b = slow.scan(v, 0, v.length());
      assertEquals(b, a, v);
      if (a == null) {
        valid++;
        assertEquals(Arrays.toString(slow.positions()), Arrays.toString(positions(fast)), v);
        assertEquals(slow.scheme, fast.scheme, v);
      } else {
        invalid++;
      }
    }
    assertTrue(valid > 50_000 && invalid > 50_000, valid + " valid, " + invalid + " invalid");
  }

  static int[] positions(UriSpans u) {
    return new int[] {u.start, u.end, u.userStart, u.userEnd, u.passwordStart, u.passwordEnd, u.hostStart,
        u.hostEnd, u.port, u.paramsStart, u.paramsEnd, u.headersStart};
  }

  /** The scan as it was before the host and parameter checks joined the delimiter pass. */
  static final class Reference {
    String scheme;
    int start;
    int end;
    int userStart;
    int userEnd;
    int passwordStart;
    int passwordEnd;
    int hostStart;
    int hostEnd;
    int port;
    int paramsStart;
    int paramsEnd;
    int headersStart;

    int[] positions() {
      return new int[] {start, end, userStart, userEnd, passwordStart, passwordEnd, hostStart, hostEnd, port,
          paramsStart, paramsEnd, headersStart};
    }

    private static final byte[] STOP = new byte[128];
    private static final boolean[] HOST = new boolean[128];

    static {
      for (int c = 0; c <= ' '; c++) {
        STOP[c] = 1;
      }
      for (char c : "<>\"@:;?".toCharArray()) {
        STOP[c] = 1;
      }
      for (int c = 0; c < 128; c++) {
        HOST[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
            || c == '_';
      }
    }

    static int skipBlanks(String v, int from, int to) {
      return UriSpans.skipBlanks(v, from, to);
    }

    static int trimBlanks(String v, int from, int to) {
      return UriSpans.trimBlanks(v, from, to);
    }

    private static String scheme(String v, int from, int colon) {
      return v.substring(from, colon).toLowerCase(Locale.ROOT);
    }

    /** Scans {@code v[from, to)}; null when it is a sip, sips or tel URI, else why not. */
    String scan(String v, int from, int to) {
      from = skipBlanks(v, from, to);
      to = trimBlanks(v, from, to);
      start = from;
      end = to;
      userStart = userEnd = passwordStart = passwordEnd = hostStart = hostEnd = headersStart = -1;
      port = -1;
      int colon = v.indexOf(':', from);
      if (colon <= from || colon >= to) {
        return "URI has no scheme";
      }
      scheme = scheme(v, from, colon);
      // one pass: the last '@' ends the userinfo (which may hold ';', '?', ':'; params and headers
      // never hold an unescaped '@'), so what is found after an '@' is found again after the next
      int at = -1;
      int firstColon = -1;
      int portColon = -1;
      int semi = -1;
      int q = -1;
      for (int k = colon + 1; k < to; k++) {
        char c = v.charAt(k);
        if (c >= 128 || STOP[c] == 0) {
          continue;
        }
        switch (c) {
          case '@' -> {
            at = k;
            portColon = semi = q = -1;
          }
          case ':' -> {
            if (firstColon < 0) {
              firstColon = k;
            }
            if (portColon < 0 && semi < 0 && q < 0) {
              portColon = k;
            }
          }
          case ';' -> {
            if (semi < 0 && q < 0) {
              semi = k;
            }
          }
          case '?' -> {
            if (q < 0) {
              q = k;
            }
          }
          default -> {
            return "URI contains '" + (c <= ' ' ? "whitespace" : c) + "'";
          }
        }
      }
      if (scheme.equals("tel")) {
        int tsemi = indexOf(v, ';', colon + 1, to);
        int numberEnd = tsemi < 0 ? to : tsemi;
        if (numberEnd == colon + 1) {
          return "tel URI has no number";
        }
        userStart = colon + 1;
        userEnd = numberEnd;
        paramsStart = numberEnd;
        paramsEnd = to;
        String why = tsemi < 0 ? null : Params.check(v, tsemi, to);
        return why == null ? null : "tel URI: " + why;
      }
      if (!scheme.equals("sip") && !scheme.equals("sips")) {
        return "unsupported URI scheme '" + scheme + "'";
      }
      int hostFrom = colon + 1;
      if (at > colon) {
        if (at == colon + 1) {
          return "URI has an empty user part";
        }
        userStart = colon + 1;
        if (firstColon >= 0 && firstColon < at) {
          userEnd = firstColon;
          passwordStart = firstColon + 1;
          passwordEnd = at;
        } else {
          userEnd = at;
        }
        hostFrom = at + 1;
      }
      int paramsTo = to;
      if (q >= 0) {
        headersStart = q + 1;
        paramsTo = q;
      }
      int hostTo = semi < 0 ? paramsTo : semi;
      paramsStart = hostTo;
      paramsEnd = paramsTo;
      if (semi >= 0) {
        String why = Params.check(v, semi, paramsTo);
        if (why != null) {
          return "URI: " + why;
        }
      }
      hostStart = hostFrom;
      if (hostFrom < hostTo && v.charAt(hostFrom) == '[') {
        int close = indexOf(v, ']', hostFrom, hostTo);
        if (close < 0) {
          return "URI IPv6 reference is not closed";
        }
        hostEnd = close + 1;
        if (close + 1 < hostTo) {
          if (v.charAt(close + 1) != ':') {
            return "unexpected text after URI host";
          }
          port = parsePort(v, close + 2, hostTo);
        }
      } else {
        hostEnd = portColon < 0 ? hostTo : portColon;
        if (portColon >= 0) {
          port = parsePort(v, portColon + 1, hostTo);
        }
      }
      if (port == -2) {
        return "URI port is not a number in 0-65535";
      }
      if (hostEnd == hostStart || !validHost(v, hostStart, hostEnd)) {
        return "URI host '" + v.substring(hostStart, hostEnd) + "' is not valid";
      }
      return null;
    }


    private static boolean validHost(String v, int from, int to) {
      if (v.charAt(from) == '[') {
        return v.charAt(to - 1) == ']' && to - from > 2;
      }
      for (int i = from; i < to; i++) {
        char c = v.charAt(i);
        if (c >= 128 || !HOST[c]) {
          return false;
        }
      }
      return true;
    }

    private static int parsePort(String s, int from, int to) {
      if (to <= from || to - from > 5) {
        return -2;
      }
      int p = 0;
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return -2;
        }
        p = p * 10 + (c - '0');
      }
      return p > 65535 ? -2 : p;
    }

    static int indexOf(String v, char c, int from, int to) {
      int i = v.indexOf(c, from);
      return i < to ? i : -1;
    }
  }
}
