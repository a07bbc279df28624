package io.opensbc.sip.routing.dns;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A DNS message (RFC 1035 §4.1): header, question, answer, authority and additional sections.
 * Records of types other than {@link RecordType} are not represented (the decoder skips them).
 *
 * <p>{@link #query} builds what the resolver sends, {@link #encode} writes any message (names
 * compressed where RFC 3597 §4 allows it), {@link #decode} reads one and never throws.
 */
public record DnsMessage(int id, Flags flags, List<DnsQuestion> questions, List<DnsRecord> answers,
    List<DnsRecord> authorities, List<DnsRecord> additionals) {

  /** RCODE 0: no error condition. */
  public static final int NOERROR = 0;
  /** RCODE 1: the server could not interpret the query. */
  public static final int FORMERR = 1;
  /** RCODE 2: the server had a problem answering. */
  public static final int SERVFAIL = 2;
  /** RCODE 3: the name does not exist (RFC 1035 "Name Error", RFC 2308 NXDOMAIN). */
  public static final int NXDOMAIN = 3;
  /** RCODE 4: the server does not support this kind of query. */
  public static final int NOTIMP = 4;
  /** RCODE 5: the server refuses to answer, by policy. */
  public static final int REFUSED = 5;

  public DnsMessage {
    if (id < 0 || id > 0xFFFF) {
      throw new IllegalArgumentException("id must be 0-65535: " + id);
    }
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    authorities = List.copyOf(authorities);
    additionals = List.copyOf(additionals);
  }

  /**
   * The header flags (RFC 1035 §4.1.1): QR, OPCODE, AA, TC, RD, RA and RCODE.
   *
   * @param truncated TC: the message was cut to fit the transport; ask again over TCP
   */
  public record Flags(boolean response, int opcode, boolean authoritative, boolean truncated,
      boolean recursionDesired, boolean recursionAvailable, int rcode) {

    /** A standard query asking for recursion. */
    public static final Flags QUERY = new Flags(false, 0, false, false, true, false, NOERROR);

    public Flags {
      if (opcode < 0 || opcode > 15 || rcode < 0 || rcode > 15) {
        throw new IllegalArgumentException("opcode and rcode are 4 bits");
      }
    }

    /** The flags as the second 16-bit word of the header. */
    public int bits() {
      return (response ? 0x8000 : 0) | opcode << 11 | (authoritative ? 0x0400 : 0)
          | (truncated ? 0x0200 : 0) | (recursionDesired ? 0x0100 : 0)
          | (recursionAvailable ? 0x0080 : 0) | rcode;
    }

    /** The flags read from the second 16-bit word of a header (the Z bits are ignored). */
    public static Flags of(int bits) {
      return new Flags((bits & 0x8000) != 0, bits >> 11 & 0xF, (bits & 0x0400) != 0,
          (bits & 0x0200) != 0, (bits & 0x0100) != 0, (bits & 0x0080) != 0, bits & 0xF);
    }

    /** An answer to a query with these flags: QR set, RD copied. */
    public Flags answer(boolean aa, boolean tc, int rc) {
      return new Flags(true, opcode, aa, tc, recursionDesired, true, rc);
    }
  }

  /** A recursive query (RD set) with one question. */
  public static DnsMessage query(int id, String name, RecordType type) {
    return new DnsMessage(id, Flags.QUERY, List.of(new DnsQuestion(name, type)), List.of(),
        List.of(), List.of());
  }

  /** The message on the wire. Throws IllegalArgumentException for a name {@link DnsNames} rejects. */
  public Buffer encode() {
    return new DnsWriter().write(this);
  }

  /** Reads a message; a malformed one is a {@link DnsDecoded.Malformed} with the reason. */
  public static DnsDecoded decode(Buffer bytes) {
    return new DnsReader(bytes.getBytes()).read();
  }

  /** Reads a message; a malformed one is a {@link DnsDecoded.Malformed} with the reason. */
  public static DnsDecoded decode(byte[] bytes) {
    return new DnsReader(bytes).read();
  }

  /** The RCODE's mnemonic (RFC 1035 §4.1.1, RFC 6895 §2.3). */
  public static String rcodeName(int rcode) {
    return switch (rcode) {
      case NOERROR -> "NOERROR";
      case FORMERR -> "FORMERR";
      case SERVFAIL -> "SERVFAIL";
      case NXDOMAIN -> "NXDOMAIN";
      case NOTIMP -> "NOTIMP";
      case REFUSED -> "REFUSED";
      default -> "RCODE" + rcode;
    };
  }
}
