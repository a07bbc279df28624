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
 *
 * <p>Parts of addresses are edited on parsed values: the Request-URI and the first value of each
 * address header a rule touches (From, To, P-Asserted-Identity, ...) are parsed once, edited as
 * records, and written back as text once, when the message is rebuilt or a rule reads the whole
 * header. A chain that rewrites a number, a parameter and a display name of the same header so
 * parses and prints it once instead of once per action.
 */
public final class MessageEdit {
  private final SipMessage original;
  private final boolean request;
  private final String method;
  private final String sourceTrunk;
  private final String listener;
  /** The Request-URI as text; null while only {@link #parsedUri} is current. */
  private String uri;
  /** The Request-URI parsed (null when it does not parse); valid when {@link #uriParsed}. */
  private SipUri parsedUri;
  private boolean uriParsed;
  private int status;
  private String reason;
  private final HeaderEdit headers;
  private boolean changed;
  private int rejectStatus;
  private String rejectReason;
  private static final int SLOTS = 4;
  private final Address[] slots = new Address[SLOTS];
  private int slotCount;

  /** The first value of an address header, parsed, with edits not yet written back. */
  private static final class Address {
    final String header;
    /** Null when the value is not a name-addr or addr-spec. */
    NameAddr addr;
    /** The URI of {@link #addr} parsed; null when it is not a sip, sips or tel URI. */
    SipUri uri;
    /** {@link #uri} changed since {@link #addr} was last rebuilt. */
    boolean uriDirty;
    /** The header text is behind {@link #addr} / {@link #uri}. */
    boolean dirty;

    Address(String header, NameAddr addr) {
      this.header = header;
      this.addr = addr;
      this.uri = addr == null ? null : SipUri.parse(addr.uri()).orNull();
    }

    boolean is(String name) {
      return header == name || header.equalsIgnoreCase(name);
    }

    String text() {
      if (uriDirty) {
        addr = addr.withUri(uri.toString());
        uriDirty = false;
      }
      return addr.toString();
    }
  }

  MessageEdit(SipMessage m, String method, String sourceTrunk, String listener) {
    this.original = m;
    this.method = method;
    this.sourceTrunk = sourceTrunk;
    this.listener = listener;
    this.headers = new HeaderEdit(m.headers());
    if (m instanceof SipRequest r) {
      request = true;
      uri = r.uri();
    } else {
      SipResponse r = (SipResponse) m;
      request = false;
      status = r.status();
      reason = r.reason();
    }
  }

  public boolean isRequest() {
    return request;
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
    flush(name);
    return headers.first(name);
  }

  public List<String> values(String name) {
    flush(name);
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
    if (changed || headers.changed()) {
      return true;
    }
    for (int i = 0; i < slotCount; i++) {
      if (slots[i].dirty) {
        return true;
      }
    }
    return false;
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
    for (int i = 0; i < slotCount; i++) {
      write(slots[i]);
    }
    Headers h = headers.result();
    if (original instanceof SipRequest r) {
      return new SipRequest(r.method(), uriText(), h, r.body());
    }
    SipResponse r = (SipResponse) original;
    return new SipResponse(status, reason, h, r.body());
  }

  // ------------------------------------------------------------------ whole headers

  public boolean addHeader(String name, String value) {
    drop(name);
    headers.add(name, value);
    return true;
  }

  public boolean removeHeader(String name) {
    if (!headers.contains(name)) {
      return false;
    }
    drop(name);
    return headers.remove(name);
  }

  public boolean replaceHeader(String name, String value) {
    drop(name);
    String now = headers.first(name);
    if (value.equals(now) && headers.single(name)) {
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

  // ------------------------------------------------------------------ addresses

  /** The first value of the header as a name-addr, edits included; null when absent or not one. */
  NameAddr address(String header) {
    Address a = slot(header);
    if (a == null || a.addr == null) {
      return null;
    }
    if (a.uriDirty) {
      a.text();
    }
    return a.addr;
  }

  /** The URI of the first value of the header, edits included; null when absent or not a URI. */
  SipUri addressUri(String header) {
    Address a = slot(header);
    return a == null ? null : a.uri;
  }

  /** The parsed first value of the header, parsing it on first use; null when the header is absent. */
  private Address slot(String name) {
    Address found = find(slots, slotCount, name);
    if (found != null) {
      return found;
    }
    String v = headers.first(name);
    if (v == null) {
      return null;
    }
    Address a = new Address(name, NameAddr.parse(v).orNull());
    if (slotCount == SLOTS) {
      write(slots[0]);
      System.arraycopy(slots, 1, slots, 0, SLOTS - 1);
      slotCount--;
    }
    slots[slotCount++] = a;
    return a;
  }

  private static Address find(Address[] slots, int count, String name) {
    for (int i = 0; i < count; i++) {
      if (slots[i].is(name)) {
        return slots[i];
      }
    }
    return null;
  }

  /** Writes a slot's pending edits back to the header text (it stays valid). */
  private void write(Address a) {
    if (a.dirty) {
      headers.replaceFirstValue(a.header, a.text());
      a.dirty = false;
    }
  }

  /** Before a read of the whole header: its pending edits written back. */
  private void flush(String name) {
    if (slotCount > 0) {
      Address a = find(slots, slotCount, name);
      if (a != null) {
        write(a);
      }
    }
  }

  /** Before a write of the whole header: pending edits written back and the parse forgotten. */
  private void drop(String name) {
    for (int i = 0; i < slotCount; i++) {
      if (slots[i].is(name)) {
        write(slots[i]);
        System.arraycopy(slots, i + 1, slots, i, slotCount - i - 1);
        slots[--slotCount] = null;
        return;
      }
    }
  }

  // ------------------------------------------------------------------ the Request-URI

  private String uriText() {
    if (uri == null) {
      uri = parsedUri.toString();
    }
    return uri;
  }

  private SipUri parsedUri() {
    if (!uriParsed) {
      parsedUri = SipUri.parse(uri).orNull();
      uriParsed = true;
    }
    return parsedUri;
  }

  private boolean setUri(SipUri u) {
    parsedUri = u;
    uriParsed = true;
    uri = null;
    changed = true;
    return true;
  }

  private boolean setUriText(String u) {
    if (u.equals(uriText())) {
      return false;
    }
    uri = u;
    uriParsed = false;
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
        return f.part() == FieldRef.Part.VALUE ? uriText() : uriPart(parsedUri(), f);
      default:
        if (f.part() == FieldRef.Part.VALUE) {
          return first(f.header());
        }
        if (f.part() == FieldRef.Part.PARAM) {
          Params p = params(f);
          return p == null || !p.has(f.param()) ? null : nullToEmpty(p.get(f.param()));
        }
        Address a = slot(f.header());
        if (a == null || a.addr == null) {
          return null;
        }
        if (f.part() == FieldRef.Part.DISPLAY) {
          return a.addr.displayName() == null ? null : unquote(a.addr.displayName());
        }
        return uriPart(a.uri, f);
    }
  }

  /** Sets the field; false when it cannot be set here (absent header for a part, not a URI). */
  public boolean set(FieldRef f, String value) {
    boolean param = f.part() == FieldRef.Part.PARAM || f.part() == FieldRef.Part.URI_PARAM;
    String now = get(f);
    if (value.equals(now) && !param) {
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
        if (f.part() == FieldRef.Part.VALUE) {
          return setUriText(value);
        }
        if (param && now != null && now.equals(value)) {
          return false; // same value (a valueless parameter reads as "")
        }
        SipUri u = withUriPart(parsedUri(), f, value);
        return u != null && setUri(u);
      default:
        return setHeaderPart(f, value, now);
    }
  }

  /** Removes the field: a whole header, a parameter, a display name. */
  public boolean remove(FieldRef f) {
    if (f.source() == FieldRef.Source.HEADER && f.part() == FieldRef.Part.VALUE) {
      return removeHeader(f.header());
    }
    if (f.source() == FieldRef.Source.REQUEST_URI && f.part() == FieldRef.Part.PARAM && isRequest()) {
      SipUri su = parsedUri();
      return su != null && su.params().has(f.param()) && setUri(su.withParams(su.params().without(f.param())));
    }
    if (f.source() != FieldRef.Source.HEADER) {
      return false;
    }
    switch (f.part()) {
      case PARAM: {
        Address a = slot(f.header());
        if (a != null && a.addr != null) {
          Params p = a.addr.params();
          if (!p.has(f.param())) {
            return false;
          }
          a.addr = a.addr.withParams(p.without(f.param()));
          a.dirty = true;
          return true;
        }
        String v = first(f.header());
        Params p = v == null ? null : headerParams(v);
        if (p == null || !p.has(f.param())) {
          return false;
        }
        return replaceFirst(f.header(), withHeaderParams(v, p.without(f.param())));
      }
      case URI_PARAM: {
        Address a = slot(f.header());
        if (a == null || a.uri == null || !a.uri.params().has(f.param())) {
          return false;
        }
        a.uri = a.uri.withParams(a.uri.params().without(f.param()));
        a.uriDirty = true;
        a.dirty = true;
        return true;
      }
      case DISPLAY: {
        Address a = slot(f.header());
        if (a == null || a.addr == null || a.addr.displayName() == null) {
          return false;
        }
        a.addr = new NameAddr(null, a.addr.uri(), a.addr.params());
        a.dirty = true;
        return true;
      }
      default:
        return false;
    }
  }

  private boolean setHeaderPart(FieldRef f, String value, String now) {
    if (f.part() == FieldRef.Part.VALUE) {
      return replaceHeader(f.header(), value);
    }
    Address a = slot(f.header());
    if (a == null) {
      return false;
    }
    if (f.part() == FieldRef.Part.PARAM) {
      String v = value.isEmpty() ? null : value;
      if (now != null && now.equals(value)) {
        return false;
      }
      if (a.addr != null) {
        a.addr = a.addr.withParams(a.addr.params().with(f.param(), v));
        a.dirty = true;
        return true;
      }
      String text = first(f.header());
      Params p = headerParams(text);
      return p != null && replaceFirst(f.header(), withHeaderParams(text, p.with(f.param(), v)));
    }
    if (a.addr == null) {
      return false;
    }
    if (f.part() == FieldRef.Part.DISPLAY) {
      if (a.uriDirty) {
        a.text();
      }
      a.addr = new NameAddr(quote(value), a.addr.uri(), a.addr.params());
      a.dirty = true;
      return true;
    }
    if (f.part() == FieldRef.Part.URI_PARAM && now != null && now.equals(value)) {
      return false;
    }
    SipUri u = withUriPart(a.uri, f, value);
    if (u == null) {
      return false;
    }
    a.uri = u;
    a.uriDirty = true;
    a.dirty = true;
    return true;
  }

  /** Replaces the first value of a header, keeping its other values in place. */
  private boolean replaceFirst(String name, String value) {
    drop(name);
    return headers.replaceFirstValue(name, value);
  }

  private Params params(FieldRef f) {
    if (f.source() == FieldRef.Source.REQUEST_URI) {
      SipUri su = isRequest() ? parsedUri() : null;
      return su == null ? null : su.params();
    }
    if (f.source() != FieldRef.Source.HEADER) {
      return null;
    }
    Address a = slot(f.header());
    if (a == null) {
      return null;
    }
    if (f.part() == FieldRef.Part.PARAM) {
      if (a.addr != null) {
        return a.addr.params();
      }
      return headerParams(first(f.header()));
    }
    return a.uri == null ? null : a.uri.params();
  }

  private static String uriPart(SipUri su, FieldRef f) {
    if (su == null) {
      return null;
    }
    return switch (f.part()) {
      case USER -> su.user();
      case HOST -> su.host();
      case PARAM, URI_PARAM -> su.params().has(f.param()) ? nullToEmpty(su.params().get(f.param())) : null;
      default -> null;
    };
  }

  private static SipUri withUriPart(SipUri su, FieldRef f, String value) {
    if (su == null) {
      return null;
    }
    return switch (f.part()) {
      case USER -> su.withUser(value.isEmpty() ? null : value);
      case HOST -> su.isTel() ? null : su.withHostPort(value, su.port());
      case PARAM, URI_PARAM -> su.withParams(su.params().with(f.param(), value.isEmpty() ? null : value));
      default -> null;
    };
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
      String inner = display.substring(1, display.length() - 1);
      return inner.indexOf('\\') < 0 ? inner : inner.replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return display;
  }

  private static String quote(String display) {
    if (display.indexOf('\\') < 0 && display.indexOf('"') < 0) {
      return "\"" + display + "\"";
    }
    return '"' + display.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
