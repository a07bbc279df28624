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
    int colon = v.indexOf(':');
    if (colon <= 0) {
      return Parsed.malformed("URI has no scheme");
    }
    String scheme = v.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = v.substring(colon + 1);
    for (int k = 0; k < rest.length(); k++) {
      char c = rest.charAt(k);
      if (c <= ' ' || c == '<' || c == '>' || c == '"') {
        return Parsed.malformed("URI contains '" + (c <= ' ' ? "whitespace" : c) + "'");
      }
    }
    if (scheme.equals("tel")) {
      int semi = rest.indexOf(';');
      String number = semi < 0 ? rest : rest.substring(0, semi);
      if (number.isEmpty()) {
        return Parsed.malformed("tel URI has no number");
      }
      Parsed<Params> p = semi < 0 ? Parsed.ok(Params.EMPTY) : Params.parse(rest.substring(semi));
      if (!p.isOk()) {
        return Parsed.malformed("tel URI: " + p.reason());
      }
      return Parsed.ok(new SipUri("tel", number, null, null, -1, p.orNull(), null));
    }
    if (!scheme.equals("sip") && !scheme.equals("sips")) {
      return Parsed.malformed("unsupported URI scheme '" + scheme + "'");
    }
    // userinfo may hold ';', '?', ':' and more (RFC 3261 user-unreserved); params and headers
    // never hold an unescaped '@', so the last '@' ends the userinfo
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userinfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      if (userinfo.isEmpty()) {
        return Parsed.malformed("URI has an empty user part");
      }
      int pc = userinfo.indexOf(':');
      if (pc >= 0) {
        user = userinfo.substring(0, pc);
        password = userinfo.substring(pc + 1);
      } else {
        user = userinfo;
      }
    }
    String hdrs = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      hdrs = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int semi = rest.indexOf(';');
    String hostport = semi < 0 ? rest : rest.substring(0, semi);
    Parsed<Params> params = semi < 0 ? Parsed.ok(Params.EMPTY) : Params.parse(rest.substring(semi));
    if (!params.isOk()) {
      return Parsed.malformed("URI: " + params.reason());
    }
    String host;
    int port = -1;
    if (hostport.startsWith("[")) {
      int close = hostport.indexOf(']');
      if (close < 0) {
        return Parsed.malformed("URI IPv6 reference is not closed");
      }
      host = hostport.substring(0, close + 1);
      String after = hostport.substring(close + 1);
      if (!after.isEmpty()) {
        if (after.charAt(0) != ':') {
          return Parsed.malformed("unexpected text after URI host");
        }
        port = parsePort(after.substring(1));
      }
    } else {
      int pc = hostport.indexOf(':');
      host = pc < 0 ? hostport : hostport.substring(0, pc);
      if (pc >= 0) {
        port = parsePort(hostport.substring(pc + 1));
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

  private static boolean validHost(String host) {
    if (host.startsWith("[")) {
      return host.endsWith("]") && host.length() > 2;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static int parsePort(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return -2;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return -2;
      }
    }
    int p = Integer.parseInt(s);
    return p > 65535 ? -2 : p;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(48);
    sb.append(scheme).append(':');
    if (isTel()) {
      sb.append(user).append(params);
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
    sb.append(params);
    if (headers != null) {
      sb.append('?').append(headers);
    }
    return sb.toString();
  }
}
