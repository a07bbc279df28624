package io.opensbc.sip.message.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Content-Length framing on a stream, fed at every fragment size (netty HttpObjectDecoder style). */
class StreamFramerTest {
  private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
      + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n"
      + "From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\n"
      + "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 12\r\n\r\nv=0\r\no=- 1\r\n";
  private static final String RESPONSE = "SIP/2.0 180 Ringing\r\n"
      + "v: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-1\r\nf: <sip:alice@example.com>;tag=a\r\n"
      + "t: <sip:bob@example.com>;tag=b\r\ni: c1\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n";
  private static final String BYE = "BYE sip:bob@example.com SIP/2.0\r\n"
      + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-2\r\nMax-Forwards: 70\r\n"
      + "From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>;tag=b\r\nCall-ID: c1\r\n"
      + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
  private static final String STREAM = INVITE + "\r\n\r\n" + RESPONSE + "\r\n" + BYE;

  private static List<String> feed(byte[] bytes, int fragment) {
    StreamFramer f = new StreamFramer(SizeLimits.DEFAULTS);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += fragment) {
      int n = Math.min(fragment, bytes.length - i);
      f.feed(Buffer.buffer().appendBytes(bytes, i, n), d -> out.add(describe(d)));
    }
    return out;
  }

  private static String describe(Decoded d) {
    if (d instanceof Decoded.Message m) {
      return m.message() instanceof SipRequest r ? r.method() + " body=" + r.body().length()
          : "response " + ((SipResponse) m.message()).status();
    }
    if (d instanceof Decoded.KeepAlive k) {
      return k.doubleCrlf() ? "ping" : "crlf";
    }
    Decoded.Malformed m = (Decoded.Malformed) d;
    return "malformed " + m.status() + (m.fatal() ? " fatal" : "");
  }

  @Test
  void everyFragmentSizeGivesTheSameMessages() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    List<String> whole = feed(bytes, bytes.length);
    assertEquals(List.of("INVITE body=12", "ping", "response 180", "crlf", "BYE body=0"), whole);
    for (int size = 1; size < bytes.length; size++) {
      List<String> got = feed(bytes, size);
      List<String> messages = got.stream().filter(s -> !s.equals("crlf")).toList();
      assertEquals(List.of("INVITE body=12", "ping", "response 180", "BYE body=0"), messages, "fragment size " + size);
    }
  }

  @Test
  void missingContentLengthOnAStreamIsFatal() {
    String noLength = INVITE.replace("Content-Length: 12\r\n", "");
    assertEquals(List.of("malformed 400 fatal"), feed(noLength.getBytes(StandardCharsets.UTF_8), 7));
  }

  @Test
  void afterAFatalErrorTheRestIsIgnored() {
    String bad = INVITE.replace("Content-Length: 12", "Content-Length: twelve") + BYE;
    assertEquals(List.of("malformed 400 fatal"), feed(bad.getBytes(StandardCharsets.UTF_8), 64));
  }

  @Test
  void oversizedHeaderSectionIsRefusedNotBuffered() {
    StreamFramer f = new StreamFramer(new SizeLimits(2048, 256, 1024, 2048));
    List<String> out = new ArrayList<>();
    byte[] junk = "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.UTF_8);
    f.feed(Buffer.buffer("INVITE sip:a@b SIP/2.0\r\n"), d -> out.add(describe(d)));
    for (int i = 0; i < 100; i++) {
      f.feed(Buffer.buffer(junk), d -> out.add(describe(d)));
    }
    assertEquals(List.of("malformed 513 fatal"), out);
  }

  @Test
  void bodyIsCutExactlyByContentLength() {
    List<Decoded> out = new ArrayList<>();
    StreamFramer f = new StreamFramer(SizeLimits.DEFAULTS);
    f.feed(Buffer.buffer(INVITE + BYE), out::add);
    SipRequest invite = (SipRequest) ((Decoded.Message) out.get(0)).message();
    assertEquals("v=0\r\no=- 1\r\n", invite.body().toString());
    assertTrue(((Decoded.Message) out.get(1)).message() instanceof SipRequest r && r.method().equals("BYE"));
  }
}
