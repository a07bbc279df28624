package io.opensbc.sip.message;

import java.util.Locale;

/**
 * One Via value (RFC 3261 §20.42, RFC 3581 rport): {@code SIP/2.0/UDP host:port;branch=..}.
 * {@code port} is -1 when absent.
 */
public record Via(String transport, String host, int port, Params params) {
  /** The RFC 3261 magic cookie that starts every compliant branch. */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  public String branch() {
    return params.get("branch");
  }

  public String received() {
    return params.get("received");
  }

  public boolean hasRport() {
    return params.has("rport");
  }

  /** The rport value, or -1 when absent or a bare flag. */
  public int rport() {
    String v = params.get("rport");
    if (v == null) {
      return -1;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public Via withParams(Params p) {
    return new Via(transport, host, port, p);
  }

  public static Parsed<Via> parse(String value) {
    String v = value.trim();
    // sent-protocol: SIP / 2.0 / transport, LWS allowed around '/'
    int i = 0;
    int n = v.length();
    String[] proto = new String[3];
    for (int part = 0; part < 3; part++) {
      i = Params.skipWs(v, i);
      int s = i;
      while (i < n && Tokens.isTokenChar(v.charAt(i))) {
        i++;
      }
      proto[part] = v.substring(s, i);
      if (proto[part].isEmpty()) {
        return Parsed.malformed("Via sent-protocol is incomplete");
      }
      i = Params.skipWs(v, i);
      if (part < 2) {
        if (i >= n || v.charAt(i) != '/') {
          return Parsed.malformed("Via sent-protocol needs SIP/2.0/transport");
        }
        i++;
      }
    }
    if (!proto[0].equalsIgnoreCase("SIP") || !proto[1].equals("2.0")) {
      return Parsed.malformed("Via protocol is not SIP/2.0");
    }
    if (i >= n || !Params.isWs(v.charAt(i - 1)) && i == n) {
      return Parsed.malformed("Via has no sent-by");
    }
    i = Params.skipWs(v, i);
    int hs = i;
    if (i < n && v.charAt(i) == '[') {
      int close = v.indexOf(']', i);
      if (close < 0) {
        return Parsed.malformed("Via IPv6 reference is not closed");
      }
      i = close + 1;
    } else {
      while (i < n && (Character.isLetterOrDigit(v.charAt(i)) || v.charAt(i) == '.'
          || v.charAt(i) == '-' || v.charAt(i) == '_')) {
        i++;
      }
    }
    String host = v.substring(hs, i);
    if (host.isEmpty()) {
      return Parsed.malformed("Via has no sent-by host");
    }
    int port = -1;
    i = Params.skipWs(v, i);
    if (i < n && v.charAt(i) == ':') {
      i = Params.skipWs(v, i + 1);
      int ps = i;
      while (i < n && Character.isDigit(v.charAt(i))) {
        i++;
      }
      if (i == ps || i - ps > 5) {
        return Parsed.malformed("Via sent-by port is not a number");
      }
      port = Integer.parseInt(v.substring(ps, i));
      if (port > 65535) {
        return Parsed.malformed("Via sent-by port out of range");
      }
    }
    i = Params.skipWs(v, i);
    if (i < n && v.charAt(i) != ';') {
      // a comment after sent-by is allowed by the grammar: "(comment)"
      if (v.charAt(i) != '(') {
        return Parsed.malformed("unexpected text after Via sent-by");
      }
      return Parsed.ok(new Via(proto[2].toUpperCase(Locale.ROOT), host, port, Params.EMPTY));
    }
    Parsed<Params> params = Params.parse(v.substring(i));
    if (!params.isOk()) {
      return Parsed.malformed("Via: " + params.reason());
    }
    return Parsed.ok(new Via(proto[2].toUpperCase(Locale.ROOT), host, port, params.orNull()));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(64);
    sb.append("SIP/2.0/").append(transport).append(' ').append(host);
    if (port >= 0) {
      sb.append(':').append(port);
    }
    sb.append(params);
    return sb.toString();
  }
}
