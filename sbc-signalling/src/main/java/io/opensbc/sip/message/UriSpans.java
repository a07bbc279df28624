package io.opensbc.sip.message;

import java.util.Locale;

/**
 * Where the parts of a sip:, sips: or tel: URI lie in a string (RFC 3261 §19.1, RFC 3966), found
 * without allocating. {@link SipUri#parse} is this scan followed by cutting the parts out; the
 * rule engine reads and splices parts in place with it instead. Reusable, for one thread.
 *
 * <p>After a successful {@link #scan}: {@code start}/{@code end} bound the URI (blanks around it
 * left out); {@code userStart} is -1 when there is no user part (a tel URI's number is its user);
 * {@code hostStart} is -1 for tel URIs; {@code port} is -1 when absent; the parameters
 * ({@code ;a=b...}) are {@code [paramsStart, paramsEnd)}, empty when equal; {@code headersStart}
 * is the first character after {@code ?}, or -1.
 */
public final class UriSpans {
  public String scheme;
  public int start;
  public int end;
  public int userStart;
  public int userEnd;
  public int passwordStart;
  public int passwordEnd;
  public int hostStart;
  public int hostEnd;
  public int port;
  public int paramsStart;
  public int paramsEnd;
  public int headersStart;

  /**
   * Moves every position after {@code after} by {@code d}: text was replaced or inserted there
   * (positions of absent parts, -1, stay).
   */
  public void shiftAfter(int after, int d) {
    start = after(start, after, d);
    end = after(end, after, d);
    userStart = after(userStart, after, d);
    userEnd = after(userEnd, after, d);
    passwordStart = after(passwordStart, after, d);
    passwordEnd = after(passwordEnd, after, d);
    hostStart = after(hostStart, after, d);
    hostEnd = after(hostEnd, after, d);
    paramsStart = after(paramsStart, after, d);
    paramsEnd = after(paramsEnd, after, d);
    headersStart = after(headersStart, after, d);
  }

  /**
   * {@code d} characters were inserted at {@code at}, the end of the parameters: they grow, and so
   * does the URI when they end it; the positions after them move.
   */
  public void paramsGrew(int at, int d) {
    shiftAfter(at, d);
    paramsEnd += d;
    if (end == at) {
      end += d;
    }
  }

  /** The first position in {@code v[from, to)} that is not blank (or {@code to}). */
  static int skipBlanks(String v, int from, int to) {
    while (from < to && v.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  /** The end of {@code v[from, to)} without its trailing blanks. */
  static int trimBlanks(String v, int from, int to) {
    while (to > from && v.charAt(to - 1) <= ' ') {
      to--;
    }
    return to;
  }

  static int after(int p, int after, int d) {
    return p > after ? p + d : p;
  }

  public boolean isTel() {
    return "tel".equals(scheme);
  }

  /**
   * What each ASCII character is to the scan: a character of host names (letters, digits,
   * {@code .-_}: passes in one comparison), any other character a URI may hold ({@link #OTHER}:
   * passes, but ends a valid host), or a stop: blanks and controls, the characters a URI may not
   * hold unescaped in a header ({@code <>"}) and the delimiters of its parts ({@code @:;?}).
   */
  private static final byte HOST_CHAR = 0;
  private static final byte OTHER = 1;
  private static final byte STOP = 2;
  private static final byte[] KIND = new byte[128];

  static {
    java.util.Arrays.fill(KIND, OTHER);
    for (int c = 0; c < 128; c++) {
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
        KIND[c] = HOST_CHAR;
      }
    }
    for (int c = 0; c <= ' '; c++) {
      KIND[c] = STOP;
    }
    for (char c : "<>\"@:;?".toCharArray()) {
      KIND[c] = STOP;
    }
  }

  /** Scans {@code v[from, to)}; null when it is a sip, sips or tel URI, else why not. */
  public String scan(String v, int from, int to) {
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
    // never hold an unescaped '@'), so what is found after an '@' is found again after the next.
    // The same pass notes the first character that cannot be in a host name (before the port,
    // parameters or headers) and the first parameter without a name (";;" or ";="), so neither
    // part is read twice.
    int at = -1;
    int firstColon = -1;
    int portColon = -1;
    int semi = -1;
    int q = -1;
    int notHost = -1;
    int emptyParam = -1;
    for (int k = colon + 1; k < to; k++) {
      char c = v.charAt(k);
      int kind = c < 128 ? KIND[c] : OTHER;
      if (kind == HOST_CHAR) {
        continue;
      }
      if (kind == OTHER) {
        if (notHost < 0 && portColon < 0 && semi < 0 && q < 0) {
          notHost = k;
        }
        continue;
      }
      switch (c) {
        case '@' -> {
          at = k;
          portColon = semi = q = notHost = emptyParam = -1;
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
          if (q < 0) {
            if (semi < 0) {
              semi = k;
            }
            if (emptyParam < 0 && k + 1 < to && (v.charAt(k + 1) == ';' || v.charAt(k + 1) == '=')) {
              emptyParam = k;
            }
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
    if (emptyParam >= 0) {
      return "URI: empty parameter name";
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
    if (hostEnd == hostStart || (v.charAt(hostStart) == '[' ? !ipv6Reference(v, hostStart, hostEnd) : notHost >= 0)) {
      return "URI host '" + v.substring(hostStart, hostEnd) + "' is not valid";
    }
    return null;
  }

  /** The scheme in lower case; the usual ones without allocating. */
  private static String scheme(String v, int from, int colon) {
    int len = colon - from;
    if (len == 3 || len == 4) {
      int c0 = v.charAt(from) | 0x20;
      int c1 = v.charAt(from + 1) | 0x20;
      int c2 = v.charAt(from + 2) | 0x20;
      if (c0 == 's' && c1 == 'i' && c2 == 'p') {
        if (len == 3) {
          return "sip";
        }
        if ((v.charAt(from + 3) | 0x20) == 's') {
          return "sips";
        }
      } else if (len == 3 && c0 == 't' && c1 == 'e' && c2 == 'l') {
        return "tel";
      }
    }
    return v.substring(from, colon).toLowerCase(Locale.ROOT);
  }

  /** An IPv6 reference as far as this scan checks one: {@code [} something {@code ]}. */
  private static boolean ipv6Reference(String v, int from, int to) {
    return v.charAt(to - 1) == ']' && to - from > 2;
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
