package io.opensbc.cluster.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.Transport;
import io.opensbc.sip.transport.WireMessage;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HEPv3 packets, pcap frames and header lookups on raw SIP, checked byte by byte. */
class CaptureCodecTest {
  private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
      + "i: abc@192.0.2.1\r\n"
      + "CSeq: 7 INVITE\r\n"
      + "Content-Length: 15\r\n\r\n"
      + "Call-ID: bodyxx";

  private static WireMessage message(boolean sent, String local, String remote, Transport t, byte[] bytes) {
    return new WireMessage(1_700_000_000_123L, sent, t, local, 5060, remote, 5070, bytes);
  }

  /** Chunks of a HEP packet by type, decoded here independently of the encoder. */
  private static Map<Integer, byte[]> chunks(Buffer packet) {
    ByteBuffer b = ByteBuffer.wrap(packet.getBytes());
    byte[] magic = new byte[4];
    b.get(magic);
    assertEquals("HEP3", new String(magic, StandardCharsets.US_ASCII));
    assertEquals(packet.length(), b.getShort() & 0xffff);
    Map<Integer, byte[]> out = new HashMap<>();
    while (b.hasRemaining()) {
      assertEquals(0, b.getShort(), "generic vendor");
      int type = b.getShort() & 0xffff;
      byte[] v = new byte[(b.getShort() & 0xffff) - 6];
      b.get(v);
      out.put(type, v);
    }
    return out;
  }

  @Test
  void hepOfAReceivedUdpMessageOverIpv4() {
    byte[] sip = INVITE.getBytes(StandardCharsets.UTF_8);
    Map<Integer, byte[]> c = chunks(new HepEncoder(42, "key").encode(
        message(false, "192.0.2.10", "198.51.100.7", Transport.UDP, sip)));
    assertArrayEquals(new byte[] {2}, c.get(HepEncoder.FAMILY));
    assertArrayEquals(new byte[] {17}, c.get(HepEncoder.PROTOCOL));
    assertArrayEquals(new byte[] {(byte) 198, 51, 100, 7}, c.get(HepEncoder.SRC_IPV4), "received: the peer sent it");
    assertArrayEquals(new byte[] {(byte) 192, 0, 2, 10}, c.get(HepEncoder.DST_IPV4));
    assertEquals(5070, ByteBuffer.wrap(c.get(HepEncoder.SRC_PORT)).getShort());
    assertEquals(5060, ByteBuffer.wrap(c.get(HepEncoder.DST_PORT)).getShort());
    assertEquals(1_700_000_000, ByteBuffer.wrap(c.get(HepEncoder.SECONDS)).getInt());
    assertEquals(123_000, ByteBuffer.wrap(c.get(HepEncoder.MICROS)).getInt());
    assertArrayEquals(new byte[] {1}, c.get(HepEncoder.PAYLOAD_TYPE));
    assertEquals(42, ByteBuffer.wrap(c.get(HepEncoder.AGENT_ID)).getInt());
    assertArrayEquals("key".getBytes(StandardCharsets.UTF_8), c.get(HepEncoder.AUTH_KEY));
    assertArrayEquals(sip, c.get(HepEncoder.PAYLOAD));
  }

  @Test
  void hepOfASentTcpMessageOverIpv6WithoutAuthKey() {
    byte[] sip = INVITE.getBytes(StandardCharsets.UTF_8);
    Map<Integer, byte[]> c = chunks(new HepEncoder(0, null).encode(
        message(true, "2001:db8::10", "[2001:db8::7]", Transport.TCP, sip)));
    assertArrayEquals(new byte[] {10}, c.get(HepEncoder.FAMILY));
    assertArrayEquals(new byte[] {6}, c.get(HepEncoder.PROTOCOL));
    assertEquals(16, c.get(HepEncoder.SRC_IPV6).length);
    assertEquals(0x10, c.get(HepEncoder.SRC_IPV6)[15], "sent: we are the source");
    assertEquals(0x07, c.get(HepEncoder.DST_IPV6)[15]);
    assertEquals(5060, ByteBuffer.wrap(c.get(HepEncoder.SRC_PORT)).getShort());
    assertTrue(!c.containsKey(HepEncoder.AUTH_KEY) && !c.containsKey(HepEncoder.SRC_IPV4));
  }

  @Test
  void aMessageTooLongForHepIsNotEncoded() {
    assertNull(new HepEncoder(0, null).encode(message(true, "192.0.2.1", "192.0.2.2", Transport.TCP, new byte[65500])));
  }

  @Test
  void pcapHasTheClassicHeaderAndOneEthernetIpUdpFramePerMessage() {
    byte[] sip = INVITE.getBytes(StandardCharsets.UTF_8);
    Buffer p = Pcap.of(List.of(message(true, "192.0.2.10", "198.51.100.7", Transport.UDP, sip)));
    ByteBuffer b = ByteBuffer.wrap(p.getBytes()).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0xa1b2c3d4, b.getInt());
    assertEquals(2, b.getShort());
    assertEquals(4, b.getShort());
    b.position(20);
    assertEquals(1, b.getInt(), "LINKTYPE_ETHERNET");
    assertEquals(1_700_000_000, b.getInt());
    assertEquals(123_000, b.getInt());
    int incl = b.getInt();
    assertEquals(14 + 20 + 8 + sip.length, incl);
    assertEquals(incl, b.getInt());
    b.order(ByteOrder.BIG_ENDIAN);
    int frame = b.position();
    assertEquals(0x0800, b.getShort(frame + 12) & 0xffff);
    int ip = frame + 14;
    assertEquals(0x45, b.get(ip));
    assertEquals(20 + 8 + sip.length, b.getShort(ip + 2));
    assertEquals(17, b.get(ip + 9));
    long sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += b.getShort(ip + i) & 0xffff;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    assertEquals(0xffff, sum, "the IPv4 header checksum verifies");
    assertEquals(5060, b.getShort(ip + 20), "sent: our port is the source");
    assertEquals(5070, b.getShort(ip + 22));
    byte[] payload = new byte[sip.length];
    b.position(ip + 28);
    b.get(payload);
    assertArrayEquals(sip, payload);
    assertEquals(p.length(), b.position());
  }

  @Test
  void headersAreFoundInTheHeaderSectionOnly() {
    byte[] m = INVITE.getBytes(StandardCharsets.UTF_8);
    assertEquals("abc@192.0.2.1", SipBytes.callId(m), "compact form");
    assertEquals("INVITE", SipBytes.cseqMethod(m));
    assertEquals("INVITE sip:bob@example.com SIP/2.0", SipBytes.startLine(m));
    assertNull(SipBytes.header("SIP/2.0 200 OK\r\n\r\nCall-ID: x".getBytes(StandardCharsets.UTF_8), "call-id"));
    assertEquals("y", SipBytes.callId("SIP/2.0 200 OK\nCALL-ID :  y\n\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void tracesAreBoundedAndSkipKeepAlives() {
    CallTraces t = new CallTraces(2, 3);
    for (String id : List.of("a", "b", "c")) {
      for (int i = 0; i < 5; i++) {
        t.add(message(i % 2 == 0, "192.0.2.1", "192.0.2.2", Transport.UDP,
            ("BYE sip:x SIP/2.0\r\nCall-ID: " + id + "\r\nCSeq: " + i + " BYE\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
      }
    }
    t.add(message(false, "192.0.2.1", "192.0.2.2", Transport.UDP,
        "OPTIONS sip:x SIP/2.0\r\nCall-ID: o\r\nCSeq: 1 OPTIONS\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, t.messages("a").size(), "the least recent call was forgotten");
    assertEquals(3, t.messages("b").size(), "at most 3 messages per call");
    assertEquals(6, t.messages("b", "c").size());
    assertEquals(0, t.messages("o").size(), "OPTIONS are not kept");
  }

  @Test
  void theLadderDiffShowsWhatChangedBetweenTheLegs() {
    byte[] in = ("INVITE sip:0201@sbc SIP/2.0\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:0201@sbc>\r\n"
        + "Call-ID: A\r\nVia: SIP/2.0/UDP a\r\nX-Gone: 1\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = ("INVITE sip:+44201@carrier SIP/2.0\r\nFrom: <sip:a@x>;tag=2\r\nTo: <sip:0201@sbc>\r\n"
        + "Call-ID: B\r\nVia: SIP/2.0/UDP b\r\nX-Origin: pbx\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    var diff = Ladder.diff(in, out).encode();
    assertTrue(diff.contains("\"header\":\"Request-URI\",\"before\":\"sip:0201@sbc\",\"after\":\"sip:+44201@carrier\""), diff);
    assertTrue(diff.contains("\"header\":\"X-Gone\",\"before\":\"1\",\"after\":null"), diff);
    assertTrue(diff.contains("\"header\":\"X-Origin\",\"before\":null,\"after\":\"pbx\""), diff);
    assertTrue(!diff.contains("Via") && !diff.contains("Call-ID") && !diff.contains("From"),
        "what every B2BUA rewrites (and tags) is left out: " + diff);
  }
}
