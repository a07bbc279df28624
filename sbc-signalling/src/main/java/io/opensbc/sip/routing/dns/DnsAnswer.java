package io.opensbc.sip.routing.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the DNS says about a question, as the resolver caches it.
 *
 * @param records the records of the question's type, after following any CNAME chain (RFC 1034
 *     §3.6.2); empty for a negative answer
 * @param ttl how much longer this answer may be used: the smallest TTL along the chain (for a
 *     negative answer the SOA's, RFC 2308 §5), within the resolver's bounds, minus the time it has
 *     spent in the cache
 */
public record DnsAnswer(DnsQuestion question, Status status, List<DnsRecord> records, Duration ttl) {

  /** The kind of answer (RFC 2308 §1 vocabulary). */
  public enum Status {
    /** Records of the type exist. */
    ANSWER,
    /** The name does not exist (RCODE 3). */
    NXDOMAIN,
    /** The name exists but has no records of this type. */
    NODATA
  }

  public DnsAnswer {
    records = List.copyOf(records);
  }

  /** The records of one kind, e.g. {@code records(SrvRecord.class)}. */
  public <T extends DnsRecord> List<T> records(Class<T> kind) {
    List<T> out = new ArrayList<>(records.size());
    for (DnsRecord r : records) {
      if (kind.isInstance(r)) {
        out.add(kind.cast(r));
      }
    }
    return out;
  }

  public boolean isNegative() {
    return status != Status.ANSWER;
  }

  DnsAnswer withTtl(Duration t) {
    return new DnsAnswer(question, status, records, t);
  }
}
