package io.opensbc.sip.message;

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
    UriSpans u = new UriSpans();
    String why = u.scan(value, 0, value.length());
    return why != null ? Parsed.malformed(why) : Parsed.ok(of(value, u));
  }

  /** The URI a successful {@link UriSpans#scan} of {@code v} found, cut out of it. */
  public static SipUri of(String v, UriSpans u) {
    Params params = u.paramsStart == u.paramsEnd ? Params.EMPTY
        : Params.parse(v, u.paramsStart, u.paramsEnd).orNull();
    String user = u.userStart < 0 ? null : v.substring(u.userStart, u.userEnd);
    if (u.isTel()) {
      return new SipUri("tel", user, null, null, -1, params, null);
    }
    return new SipUri(u.scheme, user, u.passwordStart < 0 ? null : v.substring(u.passwordStart, u.passwordEnd),
        v.substring(u.hostStart, u.hostEnd), u.port, params, u.headersStart < 0 ? null : v.substring(u.headersStart, u.end));
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
