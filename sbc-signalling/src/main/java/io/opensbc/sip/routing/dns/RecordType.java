package io.opensbc.sip.routing.dns;

/**
 * The resource record types this resolver asks for or needs to read. Records of other types in a
 * response are skipped by the decoder.
 */
public enum RecordType {
  /** IPv4 host address (RFC 1035 §3.4.1). */
  A(1),
  /** Canonical name, an alias (RFC 1035 §3.3.1). */
  CNAME(5),
  /** Start of authority; read for the negative-caching TTL (RFC 2308 §5). */
  SOA(6),
  /** IPv6 host address (RFC 3596). */
  AAAA(28),
  /** Service location (RFC 2782). */
  SRV(33),
  /** Naming authority pointer (RFC 3403). */
  NAPTR(35);

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  /** The TYPE value on the wire. */
  public int code() {
    return code;
  }

  /** The type with this TYPE value, or null when it is not one of ours. */
  public static RecordType of(int code) {
    for (RecordType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
