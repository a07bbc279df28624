package io.opensbc.sip.routing.dns;

import java.util.Locale;

/** The question of a query (RFC 1035 §4.1.2), class IN. */
public record DnsQuestion(String name, RecordType type) {

  /** Whether an answer's question is this one (names compare case-insensitively, RFC 4343). */
  public boolean matches(DnsQuestion other) {
    return type == other.type && name.equalsIgnoreCase(other.name);
  }

  /** The cache key: lower-case name and type. */
  String key() {
    return name.toLowerCase(Locale.ROOT) + "/" + type;
  }
}
