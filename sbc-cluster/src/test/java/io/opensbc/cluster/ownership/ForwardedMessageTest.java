package io.opensbc.cluster.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opensbc.config.model.ClusterConfig;
import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SipParser;
import io.opensbc.sip.message.codec.SizeLimits;
import io.opensbc.sip.transport.Source;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What crosses the clustered event bus and the node directory keeps, byte for byte. */
class ForwardedMessageTest {
  private static final String BYE = "BYE sip:sbc@127.0.0.1:5060 SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK-1\r\n"
      + "From: <sip:a@x>;tag=caller\r\n"
      + "To: <sip:b@y>;tag=00-0123456789abcdef01234567.a\r\n"
      + "Call-ID: 1-2@127.0.0.1\r\n"
      + "CSeq: 2 BYE\r\n"
      + "Content-Length: 0\r\n\r\n";

  @Test
  void aForwardedRequestArrivesAsItLeftWithItsSource() {
    var m = ((Decoded.Message) SipParser.parse(Buffer.buffer(BYE), SizeLimits.DEFAULTS)).message();
    Source s = new Source("udp", Transport.UDP, "127.0.0.1", 40000, 0);
    ForwardedMessage back = ForwardedMessage.decode(new ForwardedMessage(m, s).encode(), SizeLimits.DEFAULTS);
    assertEquals(s, back.source());
    assertEquals(m.callId(), back.message().callId());
    assertEquals(m.to().tag(), back.message().to().tag());
  }

  @Test
  void bytesThatDoNotParseAreDropped() {
    Buffer b = new ForwardedMessage(((Decoded.Message) SipParser.parse(Buffer.buffer(BYE), SizeLimits.DEFAULTS))
        .message(), new Source("udp", Transport.UDP, "127.0.0.1", 1, 0)).encode();
    Buffer cut = b.getBuffer(0, b.length() - BYE.length()).appendString("garbage\r\n\r\n");
    assertNull(ForwardedMessage.decode(cut, SizeLimits.DEFAULTS));
  }

  @Test
  void aNodeEntryKeepsItsListenersAndMode() {
    var entry = new NodeDirectory.NodeEntry("a", UUID.randomUUID(), ClusterConfig.Mode.PASSIVE,
        List.of(new ListenerConfig("udp", Transport.UDP, "127.0.0.10", 5060),
            new ListenerConfig("tcp", Transport.TCP, "127.0.0.10", 5060)));
    assertEquals(entry, NodeDirectory.decode("a", NodeDirectory.encode(entry)));
  }
}
