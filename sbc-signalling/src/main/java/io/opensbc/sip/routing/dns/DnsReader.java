package io.opensbc.sip.routing.dns;

import io.opensbc.sip.routing.dns.DnsRecord.ARecord;
import io.opensbc.sip.routing.dns.DnsRecord.CnameRecord;
import io.opensbc.sip.routing.dns.DnsRecord.NaptrRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SoaRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SrvRecord;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one DNS message (RFC 1035 §4.1) from a byte array. Every read is bounds-checked; what does
 * not add up (short header, a section cut short, an RDLENGTH that disagrees with the RDATA, a
 * compression pointer that does not point backwards, a name over 255 octets) becomes a {@link
 * DnsDecoded.Malformed}. A message with TC set may end early: it is returned with the records that
 * were complete, since the resolver only needs to know to ask again over TCP.
 *
 * <p>Records of class IN with a type outside {@link RecordType} are skipped; so are other classes.
 */
final class DnsReader {
  private static final int HEADER = 12;
  private static final int CLASS_IN = 1;

  private final byte[] b;
  private int pos;

  /**
   * An internal "this is malformed" signal that never leaves {@link #read}. {@code cutShort}: the
   * message ended inside a section, which is legitimate when TC is set.
   */
  private static final class Bad extends Exception {
    final boolean cutShort;

    Bad(String reason) {
      this(reason, false);
    }

    Bad(String reason, boolean cutShort) {
      super(reason, null, false, false);
      this.cutShort = cutShort;
    }
  }

  DnsReader(byte[] bytes) {
    this.b = bytes;
  }

  DnsDecoded read() {
    int id = b.length >= 2 ? u16(0) : -1;
    if (b.length < HEADER) {
      return new DnsDecoded.Malformed(
          "message of " + b.length + " bytes is shorter than the 12-byte header", id);
    }
    DnsMessage.Flags flags = DnsMessage.Flags.of(u16(2));
    int[] counts = {u16(4), u16(6), u16(8), u16(10)};
    pos = HEADER;
    List<DnsQuestion> questions = new ArrayList<>();
    List<List<DnsRecord>> sections = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    String[] names = {"question", "answer", "authority", "additional"};
    try {
      for (int i = 0; i < counts[0]; i++) {
        questions.add(question());
      }
      for (int s = 0; s < 3; s++) {
        for (int i = 0; i < counts[s + 1]; i++) {
          DnsRecord r = record(names[s + 1] + " " + (i + 1) + " of " + counts[s + 1]);
          if (r != null) {
            sections.get(s).add(r);
          }
        }
      }
    } catch (Bad e) {
      if (!(e.cutShort && flags.truncated())) {
        return new DnsDecoded.Malformed(e.getMessage(), id);
      }
    } catch (RuntimeException e) {
      return new DnsDecoded.Malformed("decoder error: " + e, id);
    }
    return new DnsDecoded.Message(new DnsMessage(id, flags, questions, sections.get(0),
        sections.get(1), sections.get(2)));
  }

  private DnsQuestion question() throws Bad {
    String name = name(b.length, "question");
    need(4, "question");
    int type = u16(pos);
    int cls = u16(pos + 2);
    pos += 4;
    RecordType t = RecordType.of(type);
    if (t == null) {
      throw new Bad("question type " + type + " is not supported");
    }
    if (cls != CLASS_IN) {
      throw new Bad("question class " + cls + " is not IN");
    }
    return new DnsQuestion(name, t);
  }

  /** The next record, or null when it is of a type or class we skip. */
  private DnsRecord record(String where) throws Bad {
    String name = name(b.length, where);
    need(10, where);
    int type = u16(pos);
    int cls = u16(pos + 2);
    long ttl = u32(pos + 4);
    int rdlength = u16(pos + 8);
    pos += 10;
    need(rdlength, where + " RDATA");
    int end = pos + rdlength;
    RecordType t = RecordType.of(type);
    if (t == null || cls != CLASS_IN) {
      pos = end;
      return null;
    }
    if (ttl > Integer.MAX_VALUE) {
      ttl = 0; // RFC 2181 §8: a TTL with the most significant bit set is treated as zero
    }
    DnsRecord r = switch (t) {
      case A -> new ARecord(name, ttl, address(4, rdlength, where));
      case AAAA -> new ARecord(name, ttl, address(16, rdlength, where));
      case CNAME -> new CnameRecord(name, ttl, name(end, where + " CNAME"));
      case SOA -> soa(name, ttl, end, where);
      case SRV -> srv(name, ttl, end, where);
      case NAPTR -> naptr(name, ttl, end, where);
    };
    if (pos != end) {
      throw new Bad(where + ": RDLENGTH " + rdlength + " does not match the " + t + " RDATA");
    }
    return r;
  }

  private InetAddress address(int size, int rdlength, String where) throws Bad {
    if (rdlength != size) {
      throw new Bad(where + ": address RDATA of " + rdlength + " bytes, expected " + size);
    }
    byte[] a = new byte[size];
    System.arraycopy(b, pos, a, 0, size);
    pos += size;
    try {
      return size == 4 ? InetAddress.getByAddress(a) : Inet6Address.getByAddress(null, a, -1);
    } catch (UnknownHostException e) {
      throw new Bad(where + ": " + e.getMessage());
    }
  }

  private SoaRecord soa(String name, long ttl, int end, String where) throws Bad {
    String mname = name(end, where + " SOA MNAME");
    String rname = name(end, where + " SOA RNAME");
    needWithin(20, end, where + " SOA");
    long[] v = new long[5];
    for (int i = 0; i < 5; i++) {
      v[i] = u32(pos);
      pos += 4;
    }
    return new SoaRecord(name, ttl, mname, rname, v[0], v[1], v[2], v[3], v[4]);
  }

  private SrvRecord srv(String name, long ttl, int end, String where) throws Bad {
    needWithin(6, end, where + " SRV");
    int priority = u16(pos);
    int weight = u16(pos + 2);
    int port = u16(pos + 4);
    pos += 6;
    return new SrvRecord(name, ttl, priority, weight, port, name(end, where + " SRV target"));
  }

  private NaptrRecord naptr(String name, long ttl, int end, String where) throws Bad {
    needWithin(4, end, where + " NAPTR");
    int order = u16(pos);
    int preference = u16(pos + 2);
    pos += 4;
    String flags = characterString(end, where + " NAPTR flags");
    String service = characterString(end, where + " NAPTR services");
    String regexp = characterString(end, where + " NAPTR regexp");
    String replacement = name(end, where + " NAPTR replacement");
    return new NaptrRecord(name, ttl, order, preference, flags, service, regexp, replacement);
  }

  /** A {@code <character-string>} (RFC 1035 §3.3): a length octet and that many octets. */
  private String characterString(int end, String where) throws Bad {
    needWithin(1, end, where);
    int len = b[pos] & 0xFF;
    needWithin(1 + len, end, where);
    String s = new String(b, pos + 1, len, StandardCharsets.UTF_8);
    pos += 1 + len;
    return s;
  }

  /**
   * A domain name (RFC 1035 §4.1.4) starting at {@code pos}, whose uncompressed part must end before
   * {@code limit}. A compression pointer must point before the labels that led to it, so every jump
   * goes strictly backwards and a loop is impossible.
   */
  private String name(int limit, String where) throws Bad {
    StringBuilder sb = new StringBuilder(32);
    int p = pos;
    int segmentStart = p;
    int bound = limit;
    boolean jumped = false;
    int wire = 1;
    while (true) {
      if (p >= bound) {
        throw shortOrBad(bound, where + ": name runs past the end");
      }
      int len = b[p] & 0xFF;
      if ((len & 0xC0) == 0xC0) {
        if (p + 1 >= bound) {
          throw shortOrBad(bound, where + ": compression pointer cut short");
        }
        int target = (len & 0x3F) << 8 | b[p + 1] & 0xFF;
        if (target >= segmentStart) {
          throw new Bad(where + ": compression pointer to " + target + " does not point backwards");
        }
        if (!jumped) {
          pos = p + 2;
          jumped = true;
        }
        p = target;
        segmentStart = target;
        bound = b.length;
        continue;
      }
      if ((len & 0xC0) != 0) {
        throw new Bad(where + ": label type 0x" + Integer.toHexString(len & 0xC0) + " is not supported");
      }
      if (len == 0) {
        if (!jumped) {
          pos = p + 1;
        }
        return sb.toString();
      }
      if (p + 1 + len > bound) {
        throw shortOrBad(bound, where + ": label runs past the end");
      }
      wire += len + 1;
      if (wire > DnsNames.MAX_NAME) {
        throw new Bad(where + ": name longer than 255 octets");
      }
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(DnsNames.label(b, p + 1, len));
      p += 1 + len;
    }
  }

  /** Running off the message is "short" (fine with TC); running off an RDATA is malformed. */
  private Bad shortOrBad(int bound, String reason) {
    return new Bad(reason, bound == b.length);
  }

  private void need(int n, String where) throws Bad {
    if (pos + n > b.length) {
      throw new Bad(where + " is cut short (" + (b.length - pos) + " of " + n + " bytes left)", true);
    }
  }

  private void needWithin(int n, int end, String where) throws Bad {
    if (pos + n > end) {
      throw new Bad(where + " runs past its RDLENGTH");
    }
  }

  private int u16(int at) {
    return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
  }

  private long u32(int at) {
    return (long) u16(at) << 16 | u16(at + 2);
  }
}
