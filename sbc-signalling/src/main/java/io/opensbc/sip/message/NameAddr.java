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
    AddressSpans a = new AddressSpans();
    String why = a.scan(value);
    return why != null ? Parsed.malformed(why) : Parsed.ok(of(value, a));
  }

  /** The address a successful {@link AddressSpans#scan} of {@code v} found, cut out of it. */
  public static NameAddr of(String v, AddressSpans a) {
    Params p = a.paramsStart == a.paramsEnd ? Params.EMPTY : Params.parse(v, a.paramsStart, a.paramsEnd).orNull();
    return new NameAddr(a.displayStart < 0 ? null : v.substring(a.displayStart, a.displayEnd),
        v.substring(a.uriStart, a.uriEnd), p);
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
