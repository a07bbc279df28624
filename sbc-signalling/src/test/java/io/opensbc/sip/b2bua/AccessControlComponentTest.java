package io.opensbc.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Access control between real UDP peers on several loopback addresses: a listener's allow-list
 * (drop by default, 403 when configured), a trunk accepted only on its own listener, and a trunk
 * recognised by an extra source range.
 */
class AccessControlComponentTest {
  private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\nm=audio 6000 RTP/AVP 0\r\n";
  private Vertx vertx;
  private SipStack stack;
  private final TestPeer carrier;
  private final TestPeer pbx;
  private final TestPeer stranger;
  private final TestPeer allowed;
  private final TestPeer carrierRange;

  AccessControlComponentTest() throws Exception {
    carrier = new TestPeer("127.0.0.1");
    pbx = new TestPeer("127.0.0.6");
    stranger = new TestPeer("127.0.0.2");
    allowed = new TestPeer("127.0.0.3");
    carrierRange = new TestPeer("127.0.0.4");
  }

  private void start(String unknown) throws Exception {
    String yaml = """
        listeners:
          - {name: public, transport: udp, host: 127.0.0.1, port: 0}
          - {name: inside, transport: udp, host: 127.0.0.5, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, listener: public}
          - {name: pbx, host: 127.0.0.6, port: %d, listener: inside}
        routes:
          - {name: in, match: {source-trunk: carrier}, trunk: pbx}
        sip:
          timers: {t1: 100ms, t2: 400ms, t4: 500ms}
        security:
          unknown-sources: %s
          listeners:
            - {listener: inside, allow: [127.0.0.3/32, "::1/128"]}
          trunks:
            - {trunk: carrier, allow: [127.0.0.4/32]}
        """.formatted(carrier.port(), pbx.port(), unknown);
    ConfigResult r = ConfigLoader.parse(yaml, "acl.yaml");
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    vertx = Vertx.vertx();
    stack = new SipStack();
    stack.start(vertx, ((ConfigResult.Valid) r).config(), new RecordingCallLogStore()).toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    for (TestPeer p : new TestPeer[] {carrier, pbx, stranger, allowed, carrierRange}) {
      p.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private int port(String listener) {
    return stack.transports().address(listener).port();
  }

  private static String options(TestPeer from, String host, String id) {
    return "OPTIONS sip:sbc@127.0.0.5 SIP/2.0\r\nVia: SIP/2.0/UDP " + host + ":" + from.port() + ";branch=z9hG4bK-" + id
        + "\r\nMax-Forwards: 70\r\nFrom: <sip:p@" + host + ">;tag=1\r\nTo: <sip:sbc@127.0.0.5>\r\nCall-ID: " + id
        + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
  }

  /** Sends to the listener on 127.0.0.5 (TestPeer sends to 127.0.0.1: a raw socket here). */
  private static void sendTo(TestPeer from, String host, int port, String text) throws Exception {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    from.socket().send(new java.net.DatagramPacket(b, b.length, java.net.InetAddress.getByName(host), port));
  }

  @Test
  void listenerAllowListDropsOthersByDefault() throws Exception {
    start("drop");
    sendTo(stranger, "127.0.0.5", port("inside"), options(stranger, "127.0.0.2", "s1"));
    stranger.expectSilence(500);
    sendTo(allowed, "127.0.0.5", port("inside"), options(allowed, "127.0.0.3", "a1"));
    assertEquals(200, allowed.expectResponse(200).status());
    assertTrue(stack.stats().accessRefusedRequests() >= 1);
  }

  @Test
  void listenerAllowListAnswers403WhenConfigured() throws Exception {
    start("reject");
    sendTo(stranger, "127.0.0.5", port("inside"), options(stranger, "127.0.0.2", "s2"));
    assertEquals(403, stranger.expectResponse(403).status());
  }

  @Test
  void aTrunkIsAcceptedOnlyOnItsOwnListener() throws Exception {
    start("drop");
    sendTo(carrier, "127.0.0.5", port("inside"), options(carrier, "127.0.0.1", "c1"));
    carrier.expectSilence(500);
    sendTo(carrier, "127.0.0.1", port("public"), options(carrier, "127.0.0.1", "c2"));
    assertEquals(200, carrier.expectResponse(200).status());
  }

  @Test
  void aTrunksExtraRangeIsThatTrunk() throws Exception {
    start("drop");
    sendTo(carrierRange, "127.0.0.1", port("public"), invite(carrierRange, "127.0.0.4", "r1"));
    SipRequest in = pbx.expectRequest("INVITE");
    pbx.reply(in, 486, "b1");
    assertEquals(486, carrierRange.expectResponse(486).status());
    // a source that is no trunk matches no route here
    sendTo(stranger, "127.0.0.1", port("public"), invite(stranger, "127.0.0.2", "r2"));
    SipResponse r = stranger.expectResponse(404);
    assertEquals(404, r.status());
  }

  private static String invite(TestPeer from, String host, String id) {
    return "INVITE sip:+4420123@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP " + host + ":" + from.port() + ";branch=z9hG4bK-"
        + id + "\r\nMax-Forwards: 70\r\nFrom: <sip:c@" + host + ">;tag=f" + id + "\r\nTo: <sip:+4420123@127.0.0.1>\r\n"
        + "Call-ID: " + id + "\r\nCSeq: 1 INVITE\r\nContact: <sip:c@" + host + ":" + from.port() + ">\r\n"
        + "Content-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP;
  }
}
