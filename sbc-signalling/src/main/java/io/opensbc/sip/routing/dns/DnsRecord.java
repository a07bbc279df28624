package io.opensbc.sip.routing.dns;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A resource record of one of the {@link RecordType}s (class IN). Names are as on the wire, without
 * the trailing dot (the root is the empty string), and compare case-insensitively (RFC 4343);
 * {@code ttl} is in seconds, 0 to 2^31-1 (RFC 2181 §8).
 */
public sealed interface DnsRecord
    permits DnsRecord.ARecord, DnsRecord.CnameRecord, DnsRecord.SoaRecord, DnsRecord.SrvRecord,
        DnsRecord.NaptrRecord {

  String name();

  long ttl();

  RecordType type();

  /** An A (RFC 1035) or, when the address is IPv6, AAAA (RFC 3596) record. */
  record ARecord(String name, long ttl, InetAddress address) implements DnsRecord {
    @Override
    public RecordType type() {
      return address instanceof Inet6Address ? RecordType.AAAA : RecordType.A;
    }
  }

  /** An alias: {@code name} is another name for {@code target} (RFC 1035 §3.3.1). */
  record CnameRecord(String name, long ttl, String target) implements DnsRecord {
    @Override
    public RecordType type() {
      return RecordType.CNAME;
    }
  }

  /**
   * Start of a zone of authority (RFC 1035 §3.3.13). Only {@code minimum} and the record's TTL
   * matter here: together they bound how long a negative answer is cached (RFC 2308 §5).
   */
  record SoaRecord(String name, long ttl, String mname, String rname, long serial, long refresh,
      long retry, long expire, long minimum) implements DnsRecord {
    @Override
    public RecordType type() {
      return RecordType.SOA;
    }
  }

  /**
   * A service location (RFC 2782): {@code name} is {@code _service._proto.domain}; a
   * {@code target} of "" (the root, "." in zone files) means the service is not available there.
   */
  record SrvRecord(String name, long ttl, int priority, int weight, int port, String target)
      implements DnsRecord {
    @Override
    public RecordType type() {
      return RecordType.SRV;
    }
  }

  /**
   * A naming authority pointer (RFC 3403 §4.1). For SIP (RFC 3263 §4.1) {@code flags} is "S",
   * {@code service} e.g. "SIP+D2U", {@code regexp} empty and {@code replacement} the SRV name.
   */
  record NaptrRecord(String name, long ttl, int order, int preference, String flags,
      String service, String regexp, String replacement) implements DnsRecord {
    @Override
    public RecordType type() {
      return RecordType.NAPTR;
    }
  }
}
