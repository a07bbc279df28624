package io.opensbc.sip.message;

import java.util.Locale;

/**
 * A sip:, sips: or tel: URI (RFC 3261 §19.1, RFC 3966). {@code user} keeps its escaping as on the
 * wire; {@code port} is -1 when absent. For tel URIs {@code user} is the number and {@code host}
 * is null. {@code headers} is the raw "?h=v&..." part without '?', or null.
 */
public record SipUri(
    String scheme, String user, String password, String host, int port, Params params,
    String headers) {

  public boolean isSips() {
    return "sips".equals(scheme);
  }

  public boolean isTel() {
    return "tel".equals(scheme);
  }

  public SipUri withUser(String u) {
    return new SipUri(scheme, u, password, host, port, params, headers);
  }

  public SipUri withHostPort(String h, int p) {
    return new SipUri(scheme, user, password, h, p, params, headers);
  }

  public SipUri withParams(Params p) {
    return new SipUri(scheme, user, password, host, port, p, headers);
  }

  public SipUri withHeaders(String h) {
    return new SipUri(scheme, user, password, host, port, params, h);
  }

  public static SipUri sip(String user, String host, int port) {
    return new SipUri("sip", user, null, host, port, Params.EMPTY, null);
  }

  public static Parsed<SipUri> parse(String value) {
    String v = value.trim();
    int n = v.length();
    int colon = v.indexOf(':');
    if (colon <= 0) {
      return Parsed.malformed("URI has no scheme");
    }
    String scheme = scheme(v, colon);
    for (int k = colon + 1; k < n; k++) {
      char c = v.charAt(k);
      if (c <= ' ' || c == '<' || c == '>' || c == '"') {
        return Parsed.malformed("URI contains '" + (c <= ' ' ? "whitespace" : c) + "'");
      }
    }
    if (scheme.equals("tel")) {
      int semi = v.indexOf(';', colon + 1);
      int end = semi < 0 ? n : semi;
      if (end == colon + 1) {
        return Parsed.malformed("tel URI has no number");
      }
      Parsed<Params> p = semi < 0 ? Parsed.ok(Params.EMPTY) : Params.parse(v, semi, n);
      if (!p.isOk()) {
        return Parsed.malformed("tel URI: " + p.reason());
      }
      return Parsed.ok(new SipUri("tel", v.substring(colon + 1, end), null, null, -1, p.orNull(), null));
    }
    if (!scheme.equals("sip") && !scheme.equals("sips")) {
      return Parsed.malformed("unsupported URI scheme '" + scheme + "'");
    }
    // userinfo may hold ';', '?', ':' and more (RFC 3261 user-unreserved); params and headers
    // never hold an unescaped '@', so the last '@' ends the userinfo
    String user = null;
    String password = null;
    int hostStart = colon + 1;
    int at = v.lastIndexOf('@');
    if (at > colon) {
      if (at == colon + 1) {
        return Parsed.malformed("URI has an empty user part");
      }
      int pc = v.indexOf(':', colon + 1);
      if (pc >= 0 && pc < at) {
        user = v.substring(colon + 1, pc);
        password = v.substring(pc + 1, at);
      } else {
        user = v.substring(colon + 1, at);
      }
      hostStart = at + 1;
    }
    String hdrs = null;
    int end = n;
    int q = v.indexOf('?', hostStart);
    if (q >= 0) {
      hdrs = v.substring(q + 1);
      end = q;
    }
    int semi = v.indexOf(';', hostStart);
    if (semi > end) {
      semi = -1;
    }
    int hostEnd = semi < 0 ? end : semi;
    Parsed<Params> params = semi < 0 ? Parsed.ok(Params.EMPTY) : Params.parse(v, semi, end);
    if (!params.isOk()) {
      return Parsed.malformed("URI: " + params.reason());
    }
    String host;
    int port = -1;
    if (hostStart < hostEnd && v.charAt(hostStart) == '[') {
      int close = v.indexOf(']', hostStart);
      if (close < 0 || close >= hostEnd) {
        return Parsed.malformed("URI IPv6 reference is not closed");
      }
      host = v.substring(hostStart, close + 1);
      if (close + 1 < hostEnd) {
        if (v.charAt(close + 1) != ':') {
          return Parsed.malformed("unexpected text after URI host");
        }
        port = parsePort(v, close + 2, hostEnd);
      }
    } else {
      int pc = v.indexOf(':', hostStart);
      if (pc >= hostEnd) {
        pc = -1;
      }
      host = v.substring(hostStart, pc < 0 ? hostEnd : pc);
      if (pc >= 0) {
        port = parsePort(v, pc + 1, hostEnd);
      }
      if (host.indexOf(':') >= 0) {
        return Parsed.malformed("IPv6 address in URI must be enclosed in []");
      }
    }
    if (port == -2) {
      return Parsed.malformed("URI port is not a number in 0-65535");
    }
    if (host.isEmpty() || !validHost(host)) {
      return Parsed.malformed("URI host '" + host + "' is not valid");
    }
    return Parsed.ok(new SipUri(scheme, user, password, host, port, params.orNull(), hdrs));
  }

  /** The scheme in lower case; the usual ones without allocating. */
  private static String scheme(String v, int colon) {
    if (colon == 3) {
      if (v.regionMatches(true, 0, "sip", 0, 3)) {
        return "sip";
      }
      if (v.regionMatches(true, 0, "tel", 0, 3)) {
        return "tel";
      }
    } else if (colon == 4 && v.regionMatches(true, 0, "sips", 0, 4)) {
      return "sips";
    }
    return v.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  private static boolean validHost(String host) {
    if (host.startsWith("[")) {
      return host.endsWith("]") && host.length() > 2;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_')) {
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

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(48);
    sb.append(scheme).append(':');
    if (isTel()) {
      params.appendTo(sb.append(user));
      return sb.toString();
    }
    if (user != null) {
      sb.append(user);
      if (password != null) {
        sb.append(':').append(password);
      }
      sb.append('@');
    }
    sb.append(host);
    if (port >= 0) {
      sb.append(':').append(port);
    }
    params.appendTo(sb);
    if (headers != null) {
      sb.append('?').append(headers);
    }
    return sb.toString();
  }
}
