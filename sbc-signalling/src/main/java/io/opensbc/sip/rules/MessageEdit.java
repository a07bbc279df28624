package io.opensbc.sip.rules;

import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.Params;
import io.opensbc.sip.message.Parsed;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.Tokens;
import io.opensbc.sip.message.AddressSpans;
import io.opensbc.sip.message.UriSpans;
import java.util.List;

/**
 * The working copy of one message while its rules run: fields are read and written by
 * {@link FieldRef}; the message is rebuilt only if something changed. Header fields read the first
 * value of the header (the first element of a list header). Also carries the facts conditions
 * look at (trunks, listener). Single-threaded, one per message.
 *
 * <p>Parts of addresses are read and edited in place: the Request-URI and the first value of each
 * address header a rule touches (From, To, P-Asserted-Identity, ...) are scanned once for where
 * their parts lie ({@link UriSpans}, {@link AddressSpans}, no objects cut out), a part is read as
 * one substring, and an edit splices the new text in and moves the positions after it (an edit
 * that reshapes the value, such as adding a display name, scans it again). The rest of the value is
 * kept as the peer wrote it. Edited values are written back to the header section once, when the
 * message is rebuilt or a rule reads the whole header.
 *
 * <p>Header names passed in are the rule book's instances ({@link RuleCompiler#name}: canonical
 * spelling, one String per name), so the scanned headers are found by reference.
 */
public final class MessageEdit {
  private SipMessage original;
  private boolean request;
  private String method;
  private String sourceTrunk;
  private String listener;
  /** The Request-URI as text. */
  private String uri;
  /** Where the parts of {@link #uri} lie; valid when {@link #uriScanned} and {@link #uriOk}. */
  private final UriSpans uriSpans = new UriSpans();
  private boolean uriScanned;
  private boolean uriOk;
  private int status;
  private String reason;
  private final HeaderEdit headers = new HeaderEdit(Headers.EMPTY);
  private boolean changed;
  private int rejectStatus;
  private String rejectReason;
  private static final int SLOTS = 4;
  /** The slots in use, then spare ones kept for reuse (null until first needed). */
  private final Address[] slots = new Address[SLOTS];
  private int slotCount;

  /** The first value of an address header with where its parts lie; edits not yet written back. */
  private static final class Address {
    String header;
    String text;
    final AddressSpans spans = new AddressSpans();
    final UriSpans uri = new UriSpans();
    /** The value is a name-addr or addr-spec. */
    boolean isAddress;
    /** ... and its URI a sip, sips or tel URI. */
    boolean hasUri;
    /** The header text is behind {@link #text}. */
    boolean dirty;

    Address(String header, String text) {
      reset(header, text);
    }

    void reset(String name, String t) {
      header = name;
      dirty = false;
      scan(t);
    }

    void scan(String t) {
      text = t;
      isAddress = spans.scan(t) == null;
      hasUri = isAddress && uri.scan(t, spans.uriStart, spans.uriEnd) == null;
    }

    void edit(String t) {
      scan(t);
      dirty = true;
    }

    /**
     * Replaces the text of a part that is there ({@code from < to}) and moves the positions of
     * the parts after it, without scanning again: the new text is the part's value, whatever it
     * holds, as when the value was set on a parsed record.
     */
    void replace(int from, int to, String with) {
      text = splice(text, from, to, with);
      int d = with.length() - (to - from);
      spans.shiftAfter(to - 1, d);
      uri.shiftAfter(to - 1, d);
      dirty = true;
    }

    /**
     * Appends a parameter ({@code ;name[=value]}) to the header's parameters, or ({@code toUri})
     * to its URI's (of a name-addr: inside the brackets), without scanning again.
     */
    void appendParam(String element, boolean toUri) {
      int at = toUri ? uri.paramsEnd : spans.paramsEnd;
      int d = element.length();
      text = splice(text, at, at, element);
      spans.grew(at, d, toUri);
      if (toUri) {
        uri.paramsGrew(at, d);
      } else {
        uri.shiftAfter(at, d);
      }
      dirty = true;
    }
  }

  /** A working copy to be {@link #reset} on each message (one per shard, see {@link RuleWorkspace}). */
  MessageEdit() {}

  MessageEdit(SipMessage m, String method, String sourceTrunk, String listener) {
    reset(m, method, sourceTrunk, listener);
  }

  /** Starts on a message, forgetting the last one (the arrays and span objects are reused). */
  void reset(SipMessage m, String method, String sourceTrunk, String listener) {
    this.original = m;
    this.method = method;
    this.sourceTrunk = sourceTrunk;
    this.listener = listener;
    headers.reset(m.headers());
    uriScanned = false;
    changed = false;
    rejectStatus = 0;
    rejectReason = null;
    for (int i = 0; i < slotCount; i++) {
      slots[i].text = null;
    }
    slotCount = 0;
    if (m instanceof SipRequest r) {
      request = true;
      uri = r.uri();
      status = 0;
      reason = null;
    } else {
      SipResponse r = (SipResponse) m;
      request = false;
      uri = null;
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
      return new SipRequest(r.method(), uri, h, r.body());
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
    forget(name);
    return headers.remove(name);
  }

  public boolean replaceHeader(String name, String value) {
    Address a = find(name);
    String now = a != null ? a.text : headers.first(name); // a slot holds the first value, edits included
    if (value.equals(now)) {
      drop(name);
      if (headers.single(name)) {
        return false;
      }
    }
    forget(name); // the whole header is written: pending part edits are overwritten
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

  /** The first value of the header is a name-addr or addr-spec (edits included). */
  boolean isAddress(String header) {
    Address a = slot(header);
    return a != null && a.isAddress;
  }

  /** ... and its URI is a sip, sips or tel URI. */
  boolean hasAddressUri(String header) {
    Address a = slot(header);
    return a != null && a.hasUri;
  }

  /** The display name of the header's first value as written (quotes kept); null when none. */
  String addressDisplay(String header) {
    Address a = slot(header);
    return a == null || !a.isAddress || a.spans.displayStart < 0 ? null
        : a.text.substring(a.spans.displayStart, a.spans.displayEnd);
  }

  /** The user part (a tel URI's number) of the URI of the header's first value; null when none. */
  String addressUser(String header) {
    Address a = slot(header);
    return a == null || !a.hasUri ? null : user(a.text, a.uri);
  }

  /** The host of the URI of the header's first value; null when none (tel URIs have none). */
  String addressHost(String header) {
    Address a = slot(header);
    return a == null || !a.hasUri ? null : host(a.text, a.uri);
  }

  /** The first value of the header with where its parts lie, scanned on first use; null when the header is absent. */
  private Address slot(String name) {
    Address found = find(name);
    if (found != null) {
      return found;
    }
    String v = headers.first(name);
    if (v == null) {
      return null;
    }
    if (slotCount == SLOTS) {
      write(slots[0]);
      remove(0);
    }
    Address a = slots[slotCount];
    if (a == null) {
      a = new Address(name, v);
      slots[slotCount] = a;
    } else {
      a.reset(name, v);
    }
    slotCount++;
    return a;
  }

  /** The slot of the header, or null. */
  private Address find(String name) {
    int i = index(name);
    return i < 0 ? null : slots[i];
  }

  /** Writes a slot's pending edits back to the header text (it stays valid). */
  private void write(Address a) {
    if (a.dirty) {
      headers.replaceFirstValue(a.header, a.text);
      a.dirty = false;
    }
  }

  /** Before a read of the whole header: its pending edits written back. */
  private void flush(String name) {
    if (slotCount > 0) {
      Address a = find(name);
      if (a != null) {
        write(a);
      }
    }
  }

  /** Before a write of the whole header: pending edits written back and the scan forgotten. */
  private void drop(String name) {
    int i = index(name);
    if (i >= 0) {
      write(slots[i]);
      remove(i);
    }
  }

  /** Before the whole header is removed or overwritten: the scan and its pending edits forgotten. */
  private void forget(String name) {
    int i = index(name);
    if (i >= 0) {
      remove(i);
    }
  }

  /**
   * The slot of a header, by reference: a rule book hands out one instance per header name
   * ({@link RuleCompiler#name}), and the policies use the canonical constants.
   */
  private int index(String name) {
    for (int i = 0; i < slotCount; i++) {
      if (slots[i].header == name) {
        return i;
      }
    }
    return -1;
  }

  /** Takes slot {@code i} out of use; its object goes to the spares. */
  private void remove(int i) {
    Address a = slots[i];
    System.arraycopy(slots, i + 1, slots, i, slotCount - i - 1);
    slots[--slotCount] = a;
    a.text = null;
  }

  /**
   * The invariant of the in-place edits, for tests: every position moved after an edit equals what
   * a fresh scan of the edited text finds. Null when it holds, else where it does not.
   */
  String spansDrift() {
    for (int i = 0; i < slotCount; i++) {
      Address a = slots[i];
      Address fresh = new Address(a.header, a.text);
      String d = a.isAddress != fresh.isAddress || a.hasUri != fresh.hasUri ? "kind"
          : !a.isAddress ? null : drift(a.spans, fresh.spans) != null ? drift(a.spans, fresh.spans)
          : a.hasUri ? drift(a.uri, fresh.uri) : null;
      if (d != null) {
        return a.header + " '" + a.text + "': " + d;
      }
    }
    if (uriScanned && uriOk) {
      UriSpans fresh = new UriSpans();
      String d = fresh.scan(uri, 0, uri.length()) != null ? "no longer a URI" : drift(uriSpans, fresh);
      if (d != null) {
        return "Request-URI '" + uri + "': " + d;
      }
    }
    return null;
  }

  private static String drift(AddressSpans a, AddressSpans b) {
    int[] x = {a.start, a.end, a.displayStart, a.displayEnd, a.uriStart, a.uriEnd, a.paramsStart, a.paramsEnd};
    int[] y = {b.start, b.end, b.displayStart, b.displayEnd, b.uriStart, b.uriEnd, b.paramsStart, b.paramsEnd};
    return a.angle == b.angle && java.util.Arrays.equals(x, y) ? null
        : "address spans " + java.util.Arrays.toString(x) + " != scanned " + java.util.Arrays.toString(y);
  }

  private static String drift(UriSpans a, UriSpans b) {
    int[] x = {a.start, a.end, a.userStart, a.userEnd, a.passwordStart, a.passwordEnd, a.hostStart, a.hostEnd,
        a.port, a.paramsStart, a.paramsEnd, a.headersStart};
    int[] y = {b.start, b.end, b.userStart, b.userEnd, b.passwordStart, b.passwordEnd, b.hostStart, b.hostEnd,
        b.port, b.paramsStart, b.paramsEnd, b.headersStart};
    return java.util.Arrays.equals(x, y) ? null
        : "URI spans " + java.util.Arrays.toString(x) + " != scanned " + java.util.Arrays.toString(y);
  }

  // ------------------------------------------------------------------ the Request-URI

  /** Where the parts of the Request-URI lie; null when it is not a sip, sips or tel URI. */
  private UriSpans uriSpans() {
    if (!uriScanned) {
      uriOk = uriSpans.scan(uri, 0, uri.length()) == null;
      uriScanned = true;
    }
    return uriOk ? uriSpans : null;
  }

  /** Replaces {@code uri[from, to)} (a part that is there) and moves the positions after it. */
  private boolean replaceInUri(UriSpans u, int from, int to, String with) {
    uri = splice(uri, from, to, with);
    u.shiftAfter(to - 1, with.length() - (to - from));
    changed = true;
    return true;
  }

  private boolean setUriText(String u) {
    if (u == null || u.equals(uri)) {
      return false;
    }
    uri = u;
    uriScanned = false;
    changed = true;
    return true;
  }

  // ------------------------------------------------------------------ parts read in place

  /** The text and bounds of the part {@link #locate} found last (valid until the next edit). */
  private String partText;
  private int partStart;
  private int partEnd;

  /**
   * Finds where the user or host part a field names lies, for conditions that need no copy of it
   * ({@link #partStartsWith}, {@link #partInRange}); false when the field names another kind of
   * part, or the part is absent (where {@link #get} reads null).
   */
  boolean locate(FieldRef f) {
    boolean user = f.part() == FieldRef.Part.USER;
    if (!user && f.part() != FieldRef.Part.HOST) {
      return false;
    }
    String t;
    UriSpans u;
    if (f.source() == FieldRef.Source.REQUEST_URI) {
      u = request ? uriSpans() : null;
      t = uri;
    } else if (f.source() == FieldRef.Source.HEADER) {
      Address a = slot(f.header());
      u = a == null || !a.hasUri ? null : a.uri;
      t = a == null ? null : a.text;
    } else {
      return false;
    }
    int start = u == null ? -1 : user ? u.userStart : u.hostStart;
    if (start < 0) {
      return false;
    }
    partText = t;
    partStart = start;
    partEnd = user ? u.userEnd : u.hostEnd;
    return true;
  }

  /** The located part starts with {@code prefix}. */
  boolean partStartsWith(String prefix) {
    return partEnd - partStart >= prefix.length() && partText.startsWith(prefix, partStart);
  }

  /**
   * The located part, when it is a number written as digits (after an optional {@code +}), falls
   * in one of the ranges: 1 yes, 0 no; -1 when it is written otherwise (read it with {@link #get}).
   */
  int partInRange(NumberRange[] ranges) {
    int from = partStart < partEnd && partText.charAt(partStart) == '+' ? partStart + 1 : partStart;
    if (from == partEnd) {
      return -1;
    }
    for (int i = from; i < partEnd; i++) {
      char c = partText.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    for (NumberRange r : ranges) {
      if (r.contains(partText, from, partEnd)) {
        return 1;
      }
    }
    return 0;
  }

  // ------------------------------------------------------------------ fields

  /** True when the field exists (a valueless parameter exists). */
  public boolean has(FieldRef f) {
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
        if (f.part() == FieldRef.Part.VALUE) {
          return uri;
        }
        UriSpans u = uriSpans();
        return u == null ? null : uriPart(uri, u, f);
      default:
        if (f.part() == FieldRef.Part.VALUE) {
          return first(f.header());
        }
        Address a = slot(f.header());
        if (a == null) {
          return null;
        }
        if (f.part() == FieldRef.Part.PARAM) {
          if (a.isAddress) {
            return param(a.text, a.spans.paramsStart, a.spans.paramsEnd, f.param());
          }
          Params p = headerParams(a.text);
          return p == null || !p.has(f.param()) ? null : nullToEmpty(p.get(f.param()));
        }
        if (f.part() == FieldRef.Part.DISPLAY) {
          return a.isAddress && a.spans.displayStart >= 0 ? unquote(a.text, a.spans.displayStart, a.spans.displayEnd)
              : null;
        }
        return a.hasUri ? uriPart(a.text, a.uri, f) : null;
    }
  }

  /** Sets the field; false when it cannot be set here (absent header for a part, not a URI). */
  public boolean set(FieldRef f, String value) {
    return set(f, get(f), value);
  }

  /**
   * {@link #set(FieldRef, String)} for a caller that has just read the field ({@code now}: what
   * {@link #get} returned, with no edit since), so it is not read twice.
   */
  boolean set(FieldRef f, String now, String value) {
    // what is written must parse: a user part is escaped, a host or parameter that could not
    // stand there is refused
    if (f.part() == FieldRef.Part.USER) {
      value = Tokens.escapeUser(value);
    } else if (f.part() == FieldRef.Part.HOST && !Tokens.isHostText(value)
        || f.part() == FieldRef.Part.URI_PARAM && !uriParamValue(value)
        || f.part() == FieldRef.Part.PARAM && !(f.source() == FieldRef.Source.HEADER ? headerParamValue(value)
            : uriParamValue(value))) {
      return false;
    }
    boolean param = f.part() == FieldRef.Part.PARAM || f.part() == FieldRef.Part.URI_PARAM;
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
        UriSpans u = uriSpans();
        if (u == null) {
          return false;
        }
        // the usual edits splice the text and move the positions after it, without a new scan
        if (param && now == null) {
          String element = element(f.param(), value);
          uri = splice(uri, u.paramsEnd, u.paramsEnd, element);
          u.paramsGrew(u.paramsEnd, element.length());
          changed = true;
          return true;
        }
        if (f.part() == FieldRef.Part.USER && u.isTel() && !Tokens.isPhoneNumber(value)) {
          return false; // a tel URI's number stays a number
        }
        if (f.part() == FieldRef.Part.USER && u.userStart >= 0 && !value.isEmpty()) {
          return replaceInUri(u, u.userStart, u.userEnd, value);
        }
        if (f.part() == FieldRef.Part.HOST && u.hostStart >= 0) {
          return replaceInUri(u, u.hostStart, u.hostEnd, value);
        }
        return setUriText(withUriPart(uri, u, f, value));
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
      UriSpans u = uriSpans();
      return u != null && setUriText(withoutParam(uri, u.paramsStart, u.paramsEnd, f.param()));
    }
    if (f.source() != FieldRef.Source.HEADER) {
      return false;
    }
    Address a = slot(f.header());
    if (a == null) {
      return false;
    }
    switch (f.part()) {
      case PARAM: {
        if (a.isAddress) {
          return edit(a, withoutParam(a.text, a.spans.paramsStart, a.spans.paramsEnd, f.param()));
        }
        String v = first(f.header());
        Params p = v == null ? null : headerParams(v);
        if (p == null || !p.has(f.param())) {
          return false;
        }
        return replaceFirst(f.header(), withHeaderParams(v, p.without(f.param())));
      }
      case URI_PARAM: {
        if (!a.hasUri || param(a.text, a.uri.paramsStart, a.uri.paramsEnd, f.param()) == null) {
          return false;
        }
        angled(a);
        return edit(a, withoutParam(a.text, a.uri.paramsStart, a.uri.paramsEnd, f.param()));
      }
      case DISPLAY: {
        if (!a.isAddress || a.spans.displayStart < 0) {
          return false;
        }
        return edit(a, a.text.substring(a.spans.uriStart - 1, a.spans.end)); // from the '<' on
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
      if (now != null && now.equals(value)) {
        return false;
      }
      if (a.isAddress) {
        if (now == null) {
          a.appendParam(element(f.param(), value), false);
          return true;
        }
        return edit(a, withParam(a.text, a.spans.paramsStart, a.spans.paramsEnd, f.param(), value));
      }
      String text = first(f.header());
      Params p = headerParams(text);
      return p != null && replaceFirst(f.header(), withHeaderParams(text, p.with(f.param(), value.isEmpty() ? null : value)));
    }
    if (!a.isAddress) {
      return false;
    }
    if (f.part() == FieldRef.Part.DISPLAY) {
      AddressSpans s = a.spans;
      String t = a.text;
      String shown = quote(value);
      if (!s.angle) {
        return edit(a, shown + " <" + t.substring(s.uriStart, s.uriEnd) + ">" + t.substring(s.paramsStart, s.end));
      }
      if (s.displayStart >= 0) {
        a.replace(s.displayStart, s.displayEnd, shown);
        return true;
      }
      return edit(a, t.substring(0, s.start) + shown + " " + t.substring(s.start));
    }
    if (f.part() == FieldRef.Part.URI_PARAM && now != null && now.equals(value)) {
      return false;
    }
    if (!a.hasUri) {
      return false;
    }
    UriSpans u = a.uri;
    if (f.part() == FieldRef.Part.USER && u.isTel() && !Tokens.isPhoneNumber(value)) {
      return false;
    }
    if (f.part() == FieldRef.Part.USER && u.userStart >= 0 && !value.isEmpty()) {
      a.replace(u.userStart, u.userEnd, value);
      return true;
    }
    if (f.part() == FieldRef.Part.HOST && u.hostStart >= 0) {
      a.replace(u.hostStart, u.hostEnd, value);
      return true;
    }
    angled(a);
    if (f.part() == FieldRef.Part.URI_PARAM && now == null) {
      a.appendParam(element(f.param(), value), true);
      return true;
    }
    return edit(a, withUriPart(a.text, a.uri, f, value));
  }

  /**
   * An addr-spec turned into a name-addr before its URI is edited, so that a parameter added to
   * the URI stays in it: {@code sip:a@b;tag=1} becomes {@code <sip:a@b>;tag=1}.
   */
  private static void angled(Address a) {
    AddressSpans s = a.spans;
    if (!s.angle) {
      String t = a.text;
      a.scan("<" + t.substring(s.uriStart, s.uriEnd) + ">" + t.substring(s.paramsStart, s.end));
    }
  }

  /** Puts the edited text of an address in its slot; false when there is no edit. */
  private static boolean edit(Address a, String text) {
    if (text == null) {
      return false;
    }
    a.edit(text);
    return true;
  }

  /** Replaces the first value of a header, keeping its other values in place. */
  private boolean replaceFirst(String name, String value) {
    drop(name);
    return headers.replaceFirstValue(name, value);
  }

  private static String user(String t, UriSpans u) {
    return u.userStart < 0 ? null : t.substring(u.userStart, u.userEnd);
  }

  private static String host(String t, UriSpans u) {
    return u.hostStart < 0 ? null : t.substring(u.hostStart, u.hostEnd);
  }

  private static String uriPart(String t, UriSpans u, FieldRef f) {
    return switch (f.part()) {
      case USER -> user(t, u);
      case HOST -> host(t, u);
      case PARAM, URI_PARAM -> param(t, u.paramsStart, u.paramsEnd, f.param());
      default -> null;
    };
  }

  /** The text with a part of the URI at {@code u} set; null when it cannot be set there. */
  private static String withUriPart(String t, UriSpans u, FieldRef f, String value) {
    return switch (f.part()) {
      case USER -> withUser(t, u, value);
      case HOST -> u.hostStart < 0 ? null : splice(t, u.hostStart, u.hostEnd, value);
      case PARAM, URI_PARAM -> withParam(t, u.paramsStart, u.paramsEnd, f.param(), value);
      default -> null;
    };
  }

  /** The user part set (an empty value removes it, with its password); null when nothing changes. */
  private static String withUser(String t, UriSpans u, String value) {
    if (value.isEmpty()) {
      // a tel URI cannot lose its number
      return u.userStart < 0 || u.isTel() ? null : splice(t, u.userStart, u.hostStart, "");
    }
    if (u.userStart >= 0) {
      return splice(t, u.userStart, u.userEnd, value);
    }
    int colon = t.indexOf(':', u.start);
    return splice(t, colon + 1, colon + 1, value + "@");
  }

  /** The value of the parameter {@code name} in {@code t[from, to)} ("" for a flag), or null. */
  private static String param(String t, int from, int to, String name) {
    if (from == to) {
      return null;
    }
    long span = Params.locate(t, from, to, name);
    return span < 0 ? null : Params.valueIn(t, span);
  }

  /**
   * The parameter {@code name} set (an empty value makes a flag) in {@code t[from, to)}: the first
   * one rewritten in place and any later ones dropped, or one appended.
   */
  private static String withParam(String t, int from, int to, String name, String value) {
    String element = element(name, value);
    long span = from == to ? -1 : Params.locate(t, from, to, name);
    if (span < 0) {
      return splice(t, to, to, element);
    }
    int start = (int) (span >>> 32);
    int end = (int) span;
    String out = splice(t, start, end, element);
    int after = start + element.length();
    return removeAll(out, after, to + element.length() - (end - start), name, out);
  }

  /**
   * A value that can stand in a URI parameter (RFC 3261 §25.1 paramchar: unreserved, escaped,
   * {@code []/:&+$}), or empty for a flag.
   */
  private static boolean uriParamValue(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(Tokens.isTokenChar(c) || "()[]/:&$".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A value that can stand in a header parameter (gen-value: a token, a host, a quoted string; no
   * angle brackets or escapes inside the quotes), or empty for a flag.
   */
  private static boolean headerParamValue(String v) {
    if (v.isEmpty() || Tokens.isToken(v) || Tokens.isHostText(v)) {
      return true;
    }
    if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
      return false;
    }
    for (int i = 1; i < v.length() - 1; i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\' || c == '<' || c == '>' || c < ' ') {
        return false;
      }
    }
    return true;
  }

  /** A parameter as written: {@code ;name=value}, or {@code ;name} for an empty value (a flag). */
  private static String element(String name, String value) {
    return value.isEmpty() ? ";" + name : ";" + name + "=" + value;
  }

  /** Every parameter {@code name} removed from {@code t[from, to)}; null when there was none. */
  private static String withoutParam(String t, int from, int to, String name) {
    return removeAll(t, from, to, name, null);
  }

  private static String removeAll(String t, int from, int to, String name, String unchanged) {
    String out = unchanged;
    for (long span = from == to ? -1 : Params.locate(t, from, to, name); span >= 0;
        span = Params.locate(t, from, to, name)) {
      int start = (int) (span >>> 32);
      int end = (int) span;
      t = splice(t, start, end, "");
      to -= end - start;
      out = t;
    }
    return out;
  }

  private static String splice(String t, int from, int to, String with) {
    return new StringBuilder(t.length() + with.length()).append(t, 0, from).append(with).append(t, to, t.length())
        .toString();
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

  /** The display name in {@code t[from, to)} without its quotes and escapes. */
  private static String unquote(String t, int from, int to) {
    if (to - from >= 2 && t.charAt(from) == '"' && t.charAt(to - 1) == '"') {
      String inner = t.substring(from + 1, to - 1);
      return inner.indexOf('\\') < 0 ? inner : inner.replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return t.substring(from, to);
  }

  private static String quote(String display) {
    if (display.indexOf('\\') < 0 && display.indexOf('"') < 0) {
      return "\"" + display + "\"";
    }
    return '"' + display.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
