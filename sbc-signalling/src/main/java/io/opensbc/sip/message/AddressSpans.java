package io.opensbc.sip.message;

/**
 * Where the parts of a name-addr or addr-spec with header parameters lie in a string (RFC 3261
 * §20: From, To, Contact, P-Asserted-Identity...), found without allocating. {@link NameAddr#parse}
 * is this scan followed by cutting the parts out. Reusable, for one thread.
 *
 * <p>After a successful {@link #scan}: {@code start}/{@code end} bound the value (blanks around it
 * left out); {@code displayStart} is -1 without a display name (a quoted one keeps its quotes);
 * {@code angle} tells a name-addr ({@code <uri>}) from an addr-spec; the URI text is
 * {@code [uriStart, uriEnd)} as written (inside the brackets); the header parameters are
 * {@code [paramsStart, paramsEnd)}, empty when equal.
 */
public final class AddressSpans {
  public int start;
  public int end;
  public int displayStart;
  public int displayEnd;
  public boolean angle;
  public int uriStart;
  public int uriEnd;
  public int paramsStart;
  public int paramsEnd;

  /** Moves every position after {@code after} by {@code d} (see {@link UriSpans#shiftAfter}). */
  public void shiftAfter(int after, int d) {
    start = UriSpans.after(start, after, d);
    end = UriSpans.after(end, after, d);
    displayStart = UriSpans.after(displayStart, after, d);
    displayEnd = UriSpans.after(displayEnd, after, d);
    uriStart = UriSpans.after(uriStart, after, d);
    uriEnd = UriSpans.after(uriEnd, after, d);
    paramsStart = UriSpans.after(paramsStart, after, d);
    paramsEnd = UriSpans.after(paramsEnd, after, d);
  }

  /**
   * {@code d} characters were inserted at {@code at}: the end of the header parameters
   * ({@code ofUri} false: they grow, and the value when they end it) or of the URI's parameters
   * (true: the URI grows when they end it); the positions after {@code at} move.
   */
  public void grew(int at, int d, boolean ofUri) {
    shiftAfter(at, d);
    if (ofUri) {
      if (uriEnd == at) {
        uriEnd += d;
      }
      return;
    }
    paramsEnd += d;
    if (end == at) {
      end += d;
    }
  }

  /** Scans {@code v}; null when it is a name-addr or addr-spec, else why not. */
  public String scan(String v) {
    int from = UriSpans.skipBlanks(v, 0, v.length());
    int to = UriSpans.trimBlanks(v, from, v.length());
    start = from;
    end = to;
    displayStart = displayEnd = -1;
    angle = false;
    if (from == to) {
      return "empty address";
    }
    int lt;
    if (v.charAt(from) == '"') {
      int q = from + 1;
      boolean closed = false;
      while (q < to) {
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
        return "unterminated quoted display name";
      }
      displayStart = from;
      displayEnd = q + 1;
      lt = Params.skipWs(v, q + 1, to);
      if (lt >= to || v.charAt(lt) != '<') {
        return "quoted display name must be followed by <uri>";
      }
    } else {
      lt = UriSpans.indexOf(v, '<', from, to);
      if (lt > from) {
        int ds = from;
        int de = lt;
        while (de > ds && v.charAt(de - 1) <= ' ') {
          de--;
        }
        for (int i = ds; i < de; i++) {
          char c = v.charAt(i);
          if (c != ' ' && c != '\t' && !Tokens.isTokenChar(c)) {
            return "display name must be tokens or a quoted string";
          }
        }
        if (de > ds) {
          displayStart = ds;
          displayEnd = de;
        }
      }
    }
    if (lt >= 0) {
      int gt = UriSpans.indexOf(v, '>', lt, to);
      if (gt < 0) {
        return "'<' without '>'";
      }
      if (gt == lt + 1 || UriSpans.indexOf(v, ':', lt + 1, gt) < 0) {
        return "address has no URI";
      }
      angle = true;
      uriStart = lt + 1;
      uriEnd = gt;
      paramsStart = gt + 1;
      paramsEnd = to;
      return Params.check(v, gt + 1, to);
    }
    // addr-spec: parameters after the URI belong to the header, not the URI (RFC 3261 §20)
    int semi = UriSpans.indexOf(v, ';', from, to);
    int us = from;
    int ue = semi < 0 ? to : semi;
    while (ue > us && v.charAt(ue - 1) <= ' ') {
      ue--;
    }
    uriStart = us;
    uriEnd = ue;
    paramsStart = semi < 0 ? to : semi;
    paramsEnd = to;
    if (UriSpans.indexOf(v, ':', us, ue) < 0 || UriSpans.indexOf(v, ' ', us, ue) >= 0
        || UriSpans.indexOf(v, '?', us, ue) >= 0 || UriSpans.indexOf(v, ',', us, ue) >= 0) {
      return "address '" + v.substring(us, ue) + "' is not a URI (use <> around URIs with ?, , or ;)";
    }
    return semi < 0 ? null : Params.check(v, semi, to);
  }
}
