package io.opensbc.sip.rules;

import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.Params;
import io.opensbc.sip.message.Parsed;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.SipUri;
import java.util.List;

/**
 * The working copy of one message while its rules run: fields are read and written by
 * {@link FieldRef}; the message is rebuilt only if something changed. Header fields read the first
 * value of the header (the first element of a list header). Also carries the facts conditions
 * look at (trunks, listener). Single-threaded, one per message.
 */
public final class MessageEdit {
  private final SipMessage original;
  private final String method;
  private final String sourceTrunk;
  private final String listener;
  private String uri;
  private int status;
  private String reason;
  private final HeaderEdit headers;
  private boolean changed;
  private int rejectStatus;
  private String rejectReason;
  /**
   * Small parse caches (URIs and name-addrs), checked against the text they were parsed from, so a
   * chain that reads the same header or URI in several rules parses it once and writes need no
   * bookkeeping.
   */
  private static final int CACHE = 4;
  private final String[] uriTexts = new String[CACHE];
  private final SipUri[] uris = new SipUri[CACHE];
  private int nextUri;
  private final String[] addrTexts = new String[CACHE];
  private final NameAddr[] addrs = new NameAddr[CACHE];
  private int nextAddr;

  MessageEdit(SipMessage m, String sourceTrunk, String listener) {
    this.original = m;
    this.sourceTrunk = sourceTrunk;
    this.listener = listener;
    this.headers = new HeaderEdit(m.headers());
    if (m instanceof SipRequest r) {
      method = r.method();
      uri = r.uri();
    } else {
      SipResponse r = (SipResponse) m;
      method = r.method();
      status = r.status();
      reason = r.reason();
    }
  }

  public boolean isRequest() {
    return original instanceof SipRequest;
  }

  /** The request's method, or the method of the request a response answers. */
  public String method() {
    return method;
  }

  public int status() {
    return status;
  }

  /** The first value of a header (canonical name), as the message stands now; null when absent. */
  public String first(String name) {
    return headers.first(name);
  }

  public List<String> values(String name) {
    return headers.values(name);
  }

  public boolean contains(String name) {
    return headers.contains(name);
  }

  String sourceTrunk() {
    return sourceTrunk;
  }

  String listener() {
    return listener;
  }

  boolean changed() {
    return changed || headers.changed();
  }

  boolean rejected() {
    return rejectStatus != 0;
  }

  int rejectStatus() {
    return rejectStatus;
  }

  String rejectReason() {
    return rejectReason;
  }

  void reject(int code, String phrase) {
    rejectStatus = code;
    rejectReason = phrase;
  }

  /** The message with every change made, or the original when nothing changed. */
  SipMessage result() {
    if (!changed()) {
      return original;
    }
    Headers h = headers.result();
    if (original instanceof SipRequest r) {
      return new SipRequest(r.method(), uri, h, r.body());
    }
    SipResponse r = (SipResponse) original;
    return new SipResponse(status, reason, h, r.body());
  }

  // ------------------------------------------------------------------ whole headers

  public boolean addHeader(String name, String value) {
    headers.add(name, value);
    return true;
  }

  public boolean removeHeader(String name) {
    return headers.remove(name);
  }

  public boolean replaceHeader(String name, String value) {
    String now = headers.first(name);
    if (value.equals(now) && headers.values(name).size() == 1) {
      return false;
    }
    headers.set(name, value);
    return true;
  }

  /** Changes a final non-2xx response's status (a 1xx or 2xx is never turned into anything else). */
  public boolean setStatus(int code, String phrase) {
    if (isRequest() || status < 300 || code < 300 || code > 699) {
      return false;
    }
    String p = phrase != null ? phrase : io.opensbc.sip.message.Responses.reasonPhrase(code);
    if (code == status && p.equals(reason)) {
      return false;
    }
    status = code;
    reason = p;
    changed = true;
    return true;
  }

  // ------------------------------------------------------------------ fields

  /** True when the field exists (a valueless parameter exists). */
  public boolean has(FieldRef f) {
    if (f.part() == FieldRef.Part.PARAM || f.part() == FieldRef.Part.URI_PARAM) {
      Params p = params(f);
      return p != null && p.has(f.param());
    }
    return get(f) != null;
  }

  /** The field's value, or null when absent (a valueless parameter reads as ""). */
  public String get(FieldRef f) {
    switch (f.source()) {
      case STATUS:
        return isRequest() ? null : Integer.toString(status);
      case REASON_PHRASE:
        return isRequest() ? null : reason;
      case REQUEST_URI:
        if (!isRequest()) {
          return null;
        }
        return f.part() == FieldRef.Part.VALUE ? uri : uriPart(uri, f);
      default:
        String v = headers.first(f.header());
        if (v == null || f.part() == FieldRef.Part.VALUE) {
          return v;
        }
        if (f.part() == FieldRef.Part.PARAM) {
          Params p = headerParams(v);
          return p == null || !p.has(f.param()) ? null : nullToEmpty(p.get(f.param()));
        }
        NameAddr a = nameAddr(v);
        if (a == null) {
          return null;
        }
        if (f.part() == FieldRef.Part.DISPLAY) {
          return a.displayName() == null ? null : unquote(a.displayName());
        }
        return uriPart(a.uri(), f);
    }
  }

  /** Sets the field; false when it cannot be set here (absent header for a part, not a URI). */
  public boolean set(FieldRef f, String value) {
    String now = get(f);
    if (value.equals(now) && f.part() != FieldRef.Part.PARAM && f.part() != FieldRef.Part.URI_PARAM) {
      return false;
    }
    switch (f.source()) {
      case STATUS:
        return false; // changed with set-status only
      case REASON_PHRASE:
        if (isRequest()) {
          return false;
        }
        reason = value;
        changed = true;
        return true;
      case REQUEST_URI:
        if (!isRequest()) {
          return false;
        }
        String u = f.part() == FieldRef.Part.VALUE ? value : withUriPart(uri, f, value);
        return u != null && setUri(u);
      default:
        return setHeaderPart(f, value);
    }
  }

  /** Removes the field: a whole header, a parameter, a display name. */
  public boolean remove(FieldRef f) {
    if (f.source() == FieldRef.Source.HEADER && f.part() == FieldRef.Part.VALUE) {
      return removeHeader(f.header());
    }
    if (f.source() == FieldRef.Source.REQUEST_URI && f.part() == FieldRef.Part.PARAM && isRequest()) {
      SipUri su = sipUri(uri);
      return su != null && su.params().has(f.param()) && setUri(su.withParams(su.params().without(f.param())).toString());
    }
    if (f.source() != FieldRef.Source.HEADER) {
      return false;
    }
    String v = headers.first(f.header());
    if (v == null) {
      return false;
    }
    switch (f.part()) {
      case PARAM: {
        Params p = headerParams(v);
        if (p == null || !p.has(f.param())) {
          return false;
        }
        return replaceFirst(f.header(), withHeaderParams(v, p.without(f.param())));
      }
      case URI_PARAM: {
        NameAddr a = nameAddr(v);
        SipUri su = a == null ? null : sipUri(a.uri());
        if (su == null || !su.params().has(f.param())) {
          return false;
        }
        return replaceFirst(f.header(), a.withUri(su.withParams(su.params().without(f.param())).toString()).toString());
      }
      case DISPLAY: {
        NameAddr a = nameAddr(v);
        if (a == null || a.displayName() == null) {
          return false;
        }
        return replaceFirst(f.header(), new NameAddr(null, a.uri(), a.params()).toString());
      }
      default:
        return false;
    }
  }

  private boolean setUri(String u) {
    if (u.equals(uri)) {
      return false;
    }
    uri = u;
    changed = true;
    return true;
  }

  private boolean setHeaderPart(FieldRef f, String value) {
    if (f.part() == FieldRef.Part.VALUE) {
      return replaceHeader(f.header(), value);
    }
    String v = headers.first(f.header());
    if (v == null) {
      return false;
    }
    if (f.part() == FieldRef.Part.PARAM) {
      Params p = headerParams(v);
      if (p == null || value.equals(p.get(f.param())) && p.has(f.param())) {
        return false;
      }
      return replaceFirst(f.header(), withHeaderParams(v, p.with(f.param(), value.isEmpty() ? null : value)));
    }
    NameAddr a = nameAddr(v);
    if (a == null) {
      return false;
    }
    if (f.part() == FieldRef.Part.DISPLAY) {
      return replaceFirst(f.header(), new NameAddr(quote(value), a.uri(), a.params()).toString());
    }
    String u = withUriPart(a.uri(), f, value);
    return u != null && replaceFirst(f.header(), a.withUri(u).toString());
  }

  /** Replaces the first value of a header, keeping its other values in place. */
  private boolean replaceFirst(String name, String value) {
    return headers.replaceFirstValue(name, value);
  }

  private Params params(FieldRef f) {
    if (f.source() == FieldRef.Source.REQUEST_URI) {
      SipUri su = isRequest() ? sipUri(uri) : null;
      return su == null ? null : su.params();
    }
    if (f.source() != FieldRef.Source.HEADER) {
      return null;
    }
    String v = headers.first(f.header());
    if (v == null) {
      return null;
    }
    if (f.part() == FieldRef.Part.PARAM) {
      return headerParams(v);
    }
    NameAddr a = nameAddr(v);
    SipUri su = a == null ? null : sipUri(a.uri());
    return su == null ? null : su.params();
  }

  private String uriPart(String u, FieldRef f) {
    SipUri su = sipUri(u);
    if (su == null) {
      return null;
    }
    return switch (f.part()) {
      case USER -> su.user();
      case HOST -> su.host();
      case PARAM, URI_PARAM -> su.params().has(f.param()) ? nullToEmpty(su.params().get(f.param())) : null;
      default -> u;
    };
  }

  private String withUriPart(String u, FieldRef f, String value) {
    SipUri su = sipUri(u);
    if (su == null) {
      return null;
    }
    SipUri next = switch (f.part()) {
      case USER -> su.withUser(value.isEmpty() ? null : value);
      case HOST -> su.isTel() ? null : su.withHostPort(value, su.port());
      case PARAM, URI_PARAM -> su.withParams(su.params().with(f.param(), value.isEmpty() ? null : value));
      default -> null;
    };
    if (next == null) {
      return f.part() == FieldRef.Part.VALUE ? value : null;
    }
    String text = next.toString();
    remember(text, next);
    return text;
  }

  /** The URI parsed, from the cache when this exact text was parsed before. */
  private SipUri sipUri(String text) {
    for (int i = 0; i < CACHE; i++) {
      String t = uriTexts[i];
      if (t != null && (t == text || t.equals(text))) {
        return uris[i];
      }
    }
    SipUri su = SipUri.parse(text).orNull();
    remember(text, su);
    return su;
  }

  private void remember(String text, SipUri su) {
    uriTexts[nextUri] = text;
    uris[nextUri] = su;
    nextUri = (nextUri + 1) % CACHE;
  }

  /** A header value parsed as a name-addr, from the cache when this exact text was parsed before. */
  private NameAddr nameAddr(String text) {
    for (int i = 0; i < CACHE; i++) {
      String t = addrTexts[i];
      if (t != null && (t == text || t.equals(text))) {
        return addrs[i];
      }
    }
    NameAddr a = NameAddr.parse(text).orNull();
    addrTexts[nextAddr] = text;
    addrs[nextAddr] = a;
    nextAddr = (nextAddr + 1) % CACHE;
    return a;
  }

  /**
   * The parameters of a header value: after the {@code >} of a name-addr, else after the first
   * {@code ;} (Reason: {@code Q.850;cause=63}). Null when they do not parse.
   */
  static Params headerParams(String v) {
    if (v.indexOf('<') >= 0) {
      NameAddr a = NameAddr.parse(v).orNull();
      return a == null ? null : a.params();
    }
    int semi = v.indexOf(';');
    if (semi < 0) {
      return Params.EMPTY;
    }
    Parsed<Params> p = Params.parse(v.substring(semi));
    return p.orNull();
  }

  static String withHeaderParams(String v, Params p) {
    if (v.indexOf('<') >= 0) {
      NameAddr a = NameAddr.parse(v).orNull();
      return a == null ? v : a.withParams(p).toString();
    }
    int semi = v.indexOf(';');
    String main = (semi < 0 ? v : v.substring(0, semi)).trim();
    return main + p;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String unquote(String display) {
    if (display.length() >= 2 && display.charAt(0) == '"' && display.charAt(display.length() - 1) == '"') {
      return display.substring(1, display.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return display;
  }

  private static String quote(String display) {
    return '"' + display.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
