package io.opensbc.sip.routing.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.routing.dns.DnsRecord.ARecord;
import io.opensbc.sip.routing.dns.DnsRecord.CnameRecord;
import io.opensbc.sip.routing.dns.DnsRecord.NaptrRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SoaRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SrvRecord;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DNS codec: exact bytes, round trips, and malformed input as values (RFC 1035 §4). */
class DnsMessageTest {

  /** RFC 1035 §4.1.4's compression example: F.ISI.ARPA, FOO.F.ISI.ARPA and ARPA. */
  private static final String COMPRESSED = "BEEF 8180 0001 0002 0000 0000"
      + " 0166 03697369 0461727061 00 0001 0001"
      + " 03666F6F C00C 0001 0001 0000003C 0004 01020304"
      + " C012 0001 0001 0000003C 0004 05060708";

  /** NAPTR and SRV written by hand (not by our writer): order 10, pref 20, "S", "SIP+D2U". */
  private static final String NAPTR_SRV = "0001 8400 0001 0002 0000 0000"
      + " 07 6578616D706C65 04 74657374 00 0023 0001"
      + " C00C 0023 0001 00000E10 001B 000A 0014 0153 075349502B443255 00"
      + " 045F736970 045F756470 C00C"
      + " 045F736970 045F756470 C00C 0021 0001 0000012C 000C 000A 003C 13C4"
      + " 03736970 C00C";

  @Test
  void aQueryIsOneQuestionWithRecursionDesired() {
    byte[] q = DnsMessage.query(0x1234, "example.com.", RecordType.NAPTR).encode().getBytes();
    assertEquals(hexString("1234 0100 0001 0000 0000 0000 07 6578616D706C65 03 636F6D 00 0023 0001"),
        HexFormat.of().formatHex(q));
  }

  @Test
  void readsCompressedNamesAsInRfc1035() throws Exception {
    DnsMessage m = message(bytes(COMPRESSED));
    assertEquals(0xBEEF, m.id());
    assertTrue(m.flags().response() && m.flags().recursionDesired() && m.flags().recursionAvailable());
    assertEquals(List.of(new DnsQuestion("f.isi.arpa", RecordType.A)), m.questions());
    assertEquals(List.of(
        new ARecord("foo.f.isi.arpa", 60, InetAddress.getByName("1.2.3.4")),
        new ARecord("arpa", 60, InetAddress.getByName("5.6.7.8"))), m.answers());
  }

  @Test
  void readsHandWrittenNaptrAndSrv() {
    DnsMessage m = message(bytes(NAPTR_SRV));
    assertTrue(m.flags().authoritative());
    assertEquals(List.of(
        new NaptrRecord("example.test", 3600, 10, 20, "S", "SIP+D2U", "", "_sip._udp.example.test"),
        new SrvRecord("_sip._udp.example.test", 300, 10, 60, 5060, "sip.example.test")),
        m.answers());
  }

  @Test
  void everyRecordTypeSurvivesARoundTrip() throws Exception {
    DnsMessage m = new DnsMessage(42, new DnsMessage.Flags(true, 0, true, false, true, true, 0),
        List.of(new DnsQuestion("Example.Test", RecordType.NAPTR)),
        List.of(
            new NaptrRecord("example.test", 3600, 10, 10, "S", "SIP+D2T", "", "_sip._tcp.example.test"),
            new NaptrRecord("example.test", 3600, 20, 10, "U", "E2U+sip", "!^.*$!sip:info@example.test!", ""),
            new CnameRecord("alias.example.test", 30, "sip.example.test"),
            new SrvRecord("_sip._tcp.example.test", 300, 10, 0, 5060, "sip.example.test"),
            new SrvRecord("_sip._tcp.example.test", 300, 20, 5, 5070, "")),
        List.of(new SoaRecord("example.test", 900, "ns.example.test", "hostmaster.example.test",
            2024010101L, 7200, 3600, 1209600, 300)),
        List.of(
            new ARecord("sip.example.test", 60, InetAddress.getByName("192.0.2.10")),
            new ARecord("sip.example.test", 60, InetAddress.getByName("2001:db8::10")),
            new ARecord("v4mapped.example.test", 60,
                Inet6Address.getByAddress(null, bytes("00000000000000000000FFFFC0000201"), -1))));
    assertEquals(m, message(m.encode().getBytes()));
    assertEquals(RecordType.AAAA, m.additionals().get(2).type());
  }

  @Test
  void compressesOwnerNamesButNotSrvTargets() {
    List<DnsRecord> same = List.of(
        new SrvRecord("_sip._udp.example.test", 1, 1, 1, 1, "sip.example.test"),
        new SrvRecord("_sip._udp.example.test", 1, 1, 1, 1, "sip.example.test"));
    DnsMessage m = new DnsMessage(1, DnsMessage.Flags.QUERY, List.of(), same, List.of(), List.of());
    byte[] wire = m.encode().getBytes();
    // first owner 24 + 10 + rdata (6 + 18); second owner is a 2-byte pointer; targets in full
    assertEquals(12 + (24 + 10 + 24) + (2 + 10 + 24), wire.length);
    assertEquals(m, message(wire));
  }

  @Test
  void everyPrefixOfAResponseIsMalformedNeverAnException() {
    byte[] whole = bytes(NAPTR_SRV);
    for (int n = 0; n < whole.length; n++) {
      DnsDecoded d = DnsMessage.decode(Arrays.copyOf(whole, n));
      DnsDecoded.Malformed bad = assertInstanceOf(DnsDecoded.Malformed.class, d, "prefix " + n);
      assertEquals(n >= 2 ? 1 : -1, bad.id());
    }
    assertInstanceOf(DnsDecoded.Message.class, DnsMessage.decode(whole));
  }

  @Test
  void aTruncatedResponseWithTcGivesTheCompleteRecords() {
    byte[] whole = bytes(NAPTR_SRV);
    whole[2] |= 0x02; // TC
    DnsMessage m = message(Arrays.copyOf(whole, whole.length - 10));
    assertTrue(m.flags().truncated());
    assertEquals(1, m.answers().size());
  }

  @Test
  void aPointerToItselfIsMalformed() {
    String loop = "0001 8180 0001 0000 0000 0000 C00C 0001 0001";
    assertMalformed(loop, "does not point backwards");
  }

  @Test
  void pointersThatPointAtEachOtherAreMalformed() {
    String pingPong = "0001 8180 0001 0001 0000 0000 01 61 00 0001 0001"
        + " C013 0001 0001 00000001 0004 01020304 C011";
    assertMalformed(pingPong, "does not point backwards");
  }

  @Test
  void countsThatPromiseMoreThanTheMessageHoldsAreMalformed() {
    String fiveAnswersOneSent = "0001 8180 0000 0005 0000 0000 00 0001 0001 00000001 0004 01020304";
    assertMalformed(fiveAnswersOneSent, "answer 2 of 5");
    String noQuestion = "0001 8180 0001 0000 0000 0000";
    assertMalformed(noQuestion, "question");
  }

  @Test
  void anRdlengthThatDisagreesWithTheRdataIsMalformed() {
    assertMalformed("0001 8180 0000 0001 0000 0000 00 0001 0001 00000001 0005 0102030405",
        "expected 4");
    assertMalformed("0001 8180 0000 0001 0000 0000 00 0005 0001 00000001 0004 0161 00 FF",
        "RDLENGTH 4 does not match");
    assertMalformed("0001 8180 0000 0001 0000 0000 00 0021 0001 00000001 0004 0001 0002",
        "SRV runs past its RDLENGTH");
  }

  @Test
  void namesOver255OctetsAndExtendedLabelsAreMalformed() {
    String label63 = "3F" + "61".repeat(63);
    String tooLong = "0001 8180 0001 0000 0000 0000 " + label63.repeat(4) + "00 0001 0001";
    assertMalformed(tooLong, "longer than 255");
    assertMalformed("0001 8180 0001 0000 0000 0000 4161 00 0001 0001", "label type 0x40");
  }

  @Test
  void skipsRecordTypesItDoesNotKnowAndReadsHighTtlsAsZero() {
    String mxThenA = "0001 8180 0000 0002 0000 0001"
        + " 00 000F 0001 00000E10 0003 000A 00"
        + " 00 0001 0001 80000000 0004 01020304"
        + " 00 0029 1000 00000000 0000"; // EDNS OPT
    DnsMessage m = message(bytes(mxThenA));
    assertEquals(1, m.answers().size());
    assertEquals(0, m.answers().get(0).ttl());
    assertTrue(m.additionals().isEmpty());
  }

  @Test
  void randomMutationsNeverThrow() {
    byte[] whole = bytes(NAPTR_SRV);
    Random random = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = whole.clone();
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      byte[] cut = Arrays.copyOf(b, random.nextInt(b.length + 1));
      DnsDecoded d = DnsMessage.decode(cut);
      assertTrue(d instanceof DnsDecoded.Message || d instanceof DnsDecoded.Malformed);
    }
  }

  @Test
  void namesAreCheckedBeforeTheyAreSent() {
    assertNull(DnsNames.check("sip.example.test."));
    assertNull(DnsNames.check("a\\.b.example.test"));
    assertNull(DnsNames.check("x".repeat(63) + ".test"));
    assertTrue(DnsNames.check("sip..example").contains("empty label"));
    assertTrue(DnsNames.check("x".repeat(64) + ".test").contains("63"));
    assertTrue(DnsNames.check(("x".repeat(60) + ".").repeat(5)).contains("255"));
    assertThrows(IllegalArgumentException.class,
        () -> DnsMessage.query(1, "bad..name", RecordType.A).encode());
  }

  @Test
  void escapedLabelsSurviveARoundTrip() {
    DnsMessage q = DnsMessage.query(7, "a\\.b\\032c.example.test", RecordType.SRV);
    byte[] wire = q.encode().getBytes();
    assertEquals(5, wire[12]); // "a.b c" is one label of five octets
    assertEquals(q, message(wire));
    assertArrayEquals(wire, message(wire).encode().getBytes());
  }

  private static void assertMalformed(String hex, String reasonPart) {
    DnsDecoded d = DnsMessage.decode(bytes(hex));
    DnsDecoded.Malformed bad = assertInstanceOf(DnsDecoded.Malformed.class, d);
    assertTrue(bad.reason().contains(reasonPart), bad.reason());
  }

  private static DnsMessage message(byte[] wire) {
    DnsDecoded d = DnsMessage.decode(wire);
    if (d instanceof DnsDecoded.Malformed bad) {
      throw new AssertionError("malformed: " + bad.reason());
    }
    return ((DnsDecoded.Message) d).message();
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hexString(hex));
  }

  private static String hexString(String spaced) {
    return spaced.replace(" ", "").toLowerCase();
  }
}
