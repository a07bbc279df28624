package io.opensbc.sip.routing.dns;

import io.opensbc.sip.routing.dns.DnsRecord.ARecord;
import io.opensbc.sip.routing.dns.DnsRecord.CnameRecord;
import io.opensbc.sip.routing.dns.DnsRecord.NaptrRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SoaRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SrvRecord;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one DNS message (RFC 1035 §4.1). Owner names, question names and the names inside CNAME
 * and SOA RDATA are compressed (RFC 1035 §4.1.4); SRV targets (RFC 2782) and NAPTR replacements
 * (RFC 3403 §4.1) are not, as those RFCs require. One writer per message.
 */
final class DnsWriter {
  private static final int CLASS_IN = 1;
  private static final int MAX_POINTER = 0x3FFF;

  private final Buffer out = Buffer.buffer(512);
  /**
   * Name suffix -> offset where it was written. Case-sensitive, so a name reads back exactly as it
   * was written (a case-insensitive match would be legal but would change its case).
   */
  private final Map<String, Integer> written = new HashMap<>();

  Buffer write(DnsMessage m) {
    out.appendUnsignedShort(m.id());
    out.appendUnsignedShort(m.flags().bits());
    out.appendUnsignedShort(m.questions().size());
    out.appendUnsignedShort(m.answers().size());
    out.appendUnsignedShort(m.authorities().size());
    out.appendUnsignedShort(m.additionals().size());
    for (DnsQuestion q : m.questions()) {
      name(q.name(), true);
      out.appendUnsignedShort(q.type().code());
      out.appendUnsignedShort(CLASS_IN);
    }
    for (List<DnsRecord> section : List.of(m.answers(), m.authorities(), m.additionals())) {
      for (DnsRecord r : section) {
        record(r);
      }
    }
    return out;
  }

  private void record(DnsRecord r) {
    name(r.name(), true);
    out.appendUnsignedShort(r.type().code());
    out.appendUnsignedShort(CLASS_IN);
    out.appendUnsignedInt(r.ttl());
    int lengthAt = out.length();
    out.appendUnsignedShort(0);
    int start = out.length();
    if (r instanceof ARecord a) {
      out.appendBytes(a.address().getAddress());
    } else if (r instanceof CnameRecord c) {
      name(c.target(), true);
    } else if (r instanceof SoaRecord s) {
      name(s.mname(), true);
      name(s.rname(), true);
      for (long v : new long[] {s.serial(), s.refresh(), s.retry(), s.expire(), s.minimum()}) {
        out.appendUnsignedInt(v);
      }
    } else if (r instanceof SrvRecord s) {
      out.appendUnsignedShort(s.priority());
      out.appendUnsignedShort(s.weight());
      out.appendUnsignedShort(s.port());
      name(s.target(), false);
    } else if (r instanceof NaptrRecord n) {
      out.appendUnsignedShort(n.order());
      out.appendUnsignedShort(n.preference());
      characterString(n.flags());
      characterString(n.service());
      characterString(n.regexp());
      name(n.replacement(), false);
    }
    out.setUnsignedShort(lengthAt, out.length() - start);
  }

  private void name(String name, boolean compress) {
    List<byte[]> labels = DnsNames.labels(name);
    for (int i = 0; i < labels.size(); i++) {
      String suffix = suffix(labels, i);
      Integer at = written.get(suffix);
      if (compress && at != null) {
        out.appendUnsignedShort(0xC000 | at);
        return;
      }
      if (at == null && out.length() <= MAX_POINTER) {
        written.put(suffix, out.length());
      }
      out.appendUnsignedByte((short) labels.get(i).length);
      out.appendBytes(labels.get(i));
    }
    out.appendUnsignedByte((short) 0);
  }

  private static String suffix(List<byte[]> labels, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < labels.size(); i++) {
      sb.append(new String(labels.get(i), StandardCharsets.ISO_8859_1)).append('\u0000');
    }
    return sb.toString();
  }

  private void characterString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 255) {
      throw new IllegalArgumentException("character-string longer than 255 octets: " + s);
    }
    out.appendUnsignedByte((short) bytes.length);
    out.appendBytes(bytes);
  }
}
