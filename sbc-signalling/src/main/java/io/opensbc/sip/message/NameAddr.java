package io.opensbc.sip.message;

/**
 * A name-addr or addr-spec with header parameters, as in From, To, Contact, Route and
 * Record-Route (RFC 3261 §20). {@code uri} is the URI text as written (without angle brackets);
 * {@code displayName} keeps its quotes, or is null.
 */
public record NameAddr(String displayName, String uri, Params params) {

  public String tag() {
    return params.get("tag");
  }

  public NameAddr withTag(String tag) {
    return new NameAddr(displayName, uri, params.with("tag", tag));
  }

  public NameAddr withUri(String newUri) {
    return new NameAddr(displayName, newUri, params);
  }

  public NameAddr withParams(Params p) {
    return new NameAddr(displayName, uri, p);
  }

  /** The URI parsed, or malformed with a reason (e.g. an unknown scheme). */
  public Parsed<SipUri> sipUri() {
    return SipUri.parse(uri);
  }

  public static NameAddr of(String uri) {
    return new NameAddr(null, uri, Params.EMPTY);
  }

  public static Parsed<NameAddr> parse(String value) {
    String v = value.trim();
    int n = v.length();
    if (n == 0) {
      return Parsed.malformed("empty address");
    }
    int lt = -1;
    String display = null;
    int i = 0;
    if (v.charAt(0) == '"') {
      int q = 1;
      boolean closed = false;
      while (q < n) {
        char c = v.charAt(q);
        if (c == '\\') {
          q += 2;
          continue;
        }
        if (c == '"') {
          closed = true;
          break;
        }
        q++;
      }
      if (!closed) {
        return Parsed.malformed("unterminated quoted display name");
      }
      display = v.substring(0, q + 1);
      i = Params.skipWs(v, q + 1);
      if (i >= n || v.charAt(i) != '<') {
        return Parsed.malformed("quoted display name must be followed by <uri>");
      }
      lt = i;
    } else {
      lt = v.indexOf('<');
      if (lt > 0) {
        String d = v.substring(0, lt).trim();
        if (!Tokens.isTokenWords(d)) {
          return Parsed.malformed("display name must be tokens or a quoted string");
        }
        display = d.isEmpty() ? null : d;
      }
    }
    if (lt >= 0) {
      int gt = v.indexOf('>', lt);
      if (gt < 0) {
        return Parsed.malformed("'<' without '>'");
      }
      String uri = v.substring(lt + 1, gt);
      if (uri.isEmpty() || uri.indexOf(':') < 0) {
        return Parsed.malformed("address has no URI");
      }
      Parsed<Params> p = Params.parse(v.substring(gt + 1));
      if (!p.isOk()) {
        return Parsed.malformed(p.reason());
      }
      return Parsed.ok(new NameAddr(display, uri, p.orNull()));
    }
    // addr-spec: parameters after the URI belong to the header, not the URI (RFC 3261 §20)
    int semi = v.indexOf(';');
    String uri = (semi < 0 ? v : v.substring(0, semi)).trim();
    if (uri.indexOf(':') < 0 || uri.indexOf(' ') >= 0 || uri.indexOf('?') >= 0 || uri.indexOf(',') >= 0) {
      return Parsed.malformed("address '" + uri + "' is not a URI (use <> around URIs with ?, , or ;)");
    }
    Parsed<Params> p = semi < 0 ? Parsed.ok(Params.EMPTY) : Params.parse(v.substring(semi));
    if (!p.isOk()) {
      return Parsed.malformed(p.reason());
    }
    return Parsed.ok(new NameAddr(null, uri, p.orNull()));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(64);
    if (displayName != null) {
      sb.append(displayName).append(' ');
    }
    params.appendTo(sb.append('<').append(uri).append('>'));
    return sb.toString();
  }
}
