package io.opensbc.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.Transport;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SipParser;
import io.opensbc.sip.message.codec.SizeLimits;
import io.opensbc.sip.transaction.fsm.TimerConfig;
import io.opensbc.sip.transport.Destination;
import io.opensbc.sip.transport.ListenerAddress;
import io.opensbc.sip.transport.SipSender;
import io.opensbc.sip.transport.Source;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transaction layer with a manual clock: retransmissions, timeouts, CANCEL, §18.2.2 routing. */
class TransactionLayerTest {
  private final ManualTimers clock = new ManualTimers();
  private final List<SipMessage> wire = new ArrayList<>();
  private final List<Long> sentAt = new ArrayList<>();
  private final List<Destination> sentTo = new ArrayList<>();
  private final SipSender sender = new SipSender() {
    @Override
    public void send(Buffer bytes, Destination d, Runnable onError) {
      Decoded dec = SipParser.parse(bytes, SizeLimits.DEFAULTS);
      wire.add(((Decoded.Message) dec).message());
      sentAt.add(clock.nowMillis());
      sentTo.add(d);
    }

    @Override
    public ListenerAddress address(String listener) {
      return new ListenerAddress(listener, Transport.UDP, "127.0.0.1", 5060);
    }
  };
  private final TransactionLayer layer = new TransactionLayer(sender, clock, TimerConfig.DEFAULTS);
  private final List<String> tu = new ArrayList<>();
  private ServerTransaction lastServer;

  TransactionLayerTest() {
    layer.user(new TransactionUser() {
      @Override
      public void onRequest(ServerTransaction tx) {
        lastServer = tx;
        tu.add("request " + tx.request().method());
      }

      @Override
      public void onAck(SipRequest ack, Source source) {
        tu.add("ack");
      }

      @Override
      public void onCancel(ServerTransaction invite, SipRequest cancel) {
        tu.add("cancel");
      }

      @Override
      public void onStrayResponse(SipResponse response, Source source) {
        tu.add("stray " + response.status());
      }
    });
  }

  private static SipRequest parse(String text) {
    return (SipRequest) ((Decoded.Message) SipParser.parse(Buffer.buffer(text), SizeLimits.DEFAULTS)).message();
  }

  private static SipRequest invite(String branch, String method) {
    return parse(method + " sip:bob@127.0.0.1:5080 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + ";rport\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:alice@a>;tag=a1\r\nTo: <sip:bob@b>\r\n"
        + "Call-ID: tx-test\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n");
  }

  private final Source udpPeer = new Source("udp", Transport.UDP, "127.0.0.9", 5999, 0);

  @Test
  void clientInviteOverUdpRetransmitsWithTimerAThenTimesOutWithTimerB() {
    List<String> events = new ArrayList<>();
    layer.send(invite("z9hG4bKc1", "INVITE"), Destination.of("udp", Transport.UDP, "127.0.0.1", 5080),
        new ClientTransactionUser() {
          @Override
          public void onResponse(ClientTransaction tx, SipResponse r) {
            events.add("response");
          }

          @Override
          public void onTimeout(ClientTransaction tx) {
            events.add("timeout@" + clock.nowMillis());
          }

          @Override
          public void onTransportError(ClientTransaction tx) {
            events.add("error");
          }
        });
    clock.advance(40_000);
    // sent at 0, then T1, 2T1, 4T1 ... (A doubles, no cap for INVITE) until B = 64*T1
    assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L), sentAt);
    assertEquals(List.of("timeout@32000"), events);
    assertEquals(0, layer.clientCount());
  }

  @Test
  void serverInviteSends100AndAnswersRetransmissionsWithTheLastProvisional() {
    SipRequest inv = invite("z9hG4bKs1", "INVITE");
    layer.onRequest(inv, udpPeer);
    assertEquals(List.of("request INVITE"), tu);
    assertEquals(100, ((SipResponse) wire.get(0)).status());
    // RFC 3581: the response goes to the source address and port
    assertEquals("127.0.0.9", sentTo.get(0).host());
    assertEquals(5999, sentTo.get(0).port());
    assertEquals("127.0.0.9", ((SipResponse) wire.get(0)).topVia().received());
    assertEquals(5999, ((SipResponse) wire.get(0)).topVia().rport());
    lastServer.respond(Responses.create(lastServer.request(), 180, "Ringing", "t1"));
    layer.onRequest(inv, udpPeer);
    assertEquals(3, wire.size());
    assertEquals(180, ((SipResponse) wire.get(2)).status());
    assertEquals(1, tu.size(), "a retransmission is absorbed, not passed up");
  }

  @Test
  void serverInviteNon2xxRetransmitsUntilAckThenConfirms() {
    layer.onRequest(invite("z9hG4bKs2", "INVITE"), udpPeer);
    lastServer.respond(Responses.create(lastServer.request(), 486, "Busy Here", "t1"));
    clock.advance(1600);
    long finals = wire.stream().filter(m -> m instanceof SipResponse r && r.status() == 486).count();
    assertEquals(3, finals, "486 at 0, T1, 3T1 (timer G)");
    SipRequest ack = parse("ACK sip:bob@127.0.0.1:5080 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKs2\r\nMax-Forwards: 70\r\n"
        + "From: <sip:alice@a>;tag=a1\r\nTo: <sip:bob@b>;tag=t1\r\nCall-ID: tx-test\r\nCSeq: 1 ACK\r\n"
        + "Content-Length: 0\r\n\r\n");
    layer.onRequest(ack, udpPeer);
    int before = wire.size();
    clock.advance(10_000);
    assertEquals(before, wire.size(), "no retransmission after the ACK");
    assertEquals(0, layer.serverCount(), "terminated after timer I");
    assertEquals(List.of("request INVITE"), tu, "the ACK for a non-2xx stays in the transaction");
  }

  @Test
  void cancelMatchesItsInviteAndIsAnswered200() {
    layer.onRequest(invite("z9hG4bKs3", "INVITE"), udpPeer);
    layer.onRequest(invite("z9hG4bKs3", "CANCEL"), udpPeer);
    assertEquals(List.of("request INVITE", "cancel"), tu);
    SipResponse last = (SipResponse) wire.get(wire.size() - 1);
    assertEquals(200, last.status());
    assertEquals("CANCEL", last.method());
  }

  @Test
  void cancelWithoutInviteGets481() {
    layer.onRequest(invite("z9hG4bKnone", "CANCEL"), udpPeer);
    SipResponse last = (SipResponse) wire.get(wire.size() - 1);
    assertEquals(481, last.status());
    assertTrue(tu.isEmpty());
  }

  @Test
  void aFloodOfNewRequestsIsShedWith503OnceTheTransactionBudgetIsSpent() {
    TransactionLayer small = new TransactionLayer(sender, clock, TimerConfig.DEFAULTS, 2, 7);
    small.user(new TransactionUser() {
      @Override
      public void onRequest(ServerTransaction tx) {
        tx.respond(Responses.create(tx.request(), 200, "OK", "t"));
      }

      @Override
      public void onAck(SipRequest ack, Source source) {}

      @Override
      public void onCancel(ServerTransaction invite, SipRequest cancel) {}

      @Override
      public void onStrayResponse(SipResponse response, Source source) {}
    });
    for (int i = 0; i < 3; i++) {
      small.onRequest(invite("z9hG4bKflood" + i, "OPTIONS"), udpPeer);
    }
    SipResponse third = (SipResponse) wire.get(wire.size() - 1);
    assertEquals(503, third.status());
    assertEquals("7", third.header("Retry-After"));
    assertEquals(2, small.serverCount());
    clock.advance(40_000);
    assertEquals(0, small.serverCount(), "timer J frees the budget");
    small.onRequest(invite("z9hG4bKflood9", "OPTIONS"), udpPeer);
    assertEquals(200, ((SipResponse) wire.get(wire.size() - 1)).status());
  }

  @Test
  void strayResponsesGoToTheTu() {
    SipResponse r = Responses.create(invite("z9hG4bKstray", "INVITE"), 200, "OK", "x");
    layer.onResponse(r, udpPeer);
    assertEquals(List.of("stray 200"), tu);
    assertNotNull(r);
  }
}
