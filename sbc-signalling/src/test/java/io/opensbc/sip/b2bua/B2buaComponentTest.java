package io.opensbc.sip.b2bua;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.codec.SipWriter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The B2BUA between two real UDP peers on 127.0.0.1: what each side sees on the wire, and what
 * the call's event log says.
 */
class B2buaComponentTest {
  private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\nm=audio 6000 RTP/AVP 0\r\n";

  private Vertx vertx;
  private SipStack stack;
  private RecordingCallLogStore store;
  private TestPeer caller;
  private TestPeer callee;
  private int sbc;

  @BeforeEach
  void start() throws Exception {
    caller = new TestPeer();
    callee = new TestPeer();
    String yaml = """
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp}
        routes:
          - {name: all, match: {}, trunk: carrier}
        sip:
          timers: {t1: 100ms, t2: 400ms, t4: 500ms}
        """.formatted(callee.port());
    ConfigResult r = ConfigLoader.parse(yaml, "test.yaml");
    assertTrue(r instanceof ConfigResult.Valid, () -> r.toString());
    SbcConfig config = ((ConfigResult.Valid) r).config();
    vertx = Vertx.vertx();
    store = new RecordingCallLogStore();
    stack = new SipStack();
    stack.start(vertx, config, store).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    sbc = stack.transports().address("udp").port();
  }

  @AfterEach
  void stop() throws Exception {
    caller.close();
    callee.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String invite(String callId, int cseq, String body) {
    return "INVITE sip:+4420123@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-" + callId + "-" + cseq + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: \"Alice\" <sip:alice@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " INVITE\r\n"
        + "Contact: <sip:alice@127.0.0.1:" + caller.port() + ">\r\n"
        + "Record-Route: <sip:rr.example.org;lr>\r\n"
        + "X-Custom: kept\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private String inDialog(String method, String callId, int cseq, String aTag, String branch) {
    return method + " sip:alice@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-" + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: \"Alice\" <sip:alice@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">;tag=" + aTag + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** Runs INVITE/100/180/200/ACK and returns {B-side INVITE, A-side 200}. */
  private Object[] establish(String callId) throws Exception {
    caller.sendRaw(invite(callId, 1, SDP), sbc);
    assertEquals(100, caller.expectResponse(100).status());
    SipRequest bInvite = callee.expectRequest("INVITE");
    callee.reply(bInvite, 100, null);
    callee.reply(bInvite, 180, "callee1");
    SipResponse ringing = caller.expectResponse(180);
    assertNotNull(ringing.to().tag());
    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp", SDP,
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    assertEquals(ringing.to().tag(), ok.to().tag(), "one A-side To tag for the whole call");
    caller.sendRaw(inDialog("ACK", callId, 1, ok.to().tag(), "ack1"), sbc);
    SipRequest ack = callee.expectRequest("ACK");
    assertEquals(bInvite.callId(), ack.callId());
    assertEquals(bInvite.cseq().seq(), ack.cseq().seq());
    assertEquals("ACK", ack.cseq().method());
    return new Object[] {bInvite, ok};
  }

  @Test
  void basicCallLegsShareNothingOfEachOthersTopology() throws Exception {
    Object[] est = establish("call-basic");
    SipRequest bInvite = (SipRequest) est[0];
    SipResponse ok = (SipResponse) est[1];
    // B leg: own Call-ID, tags, a single Via of ours, Max-Forwards decremented, custom headers kept,
    // the SDP anchored on the relay (our o=, c= and m= port; the caller's RTP port nowhere)
    assertNotEquals("call-basic", bInvite.callId());
    assertEquals(1, bInvite.headers().values(HeaderNames.VIA).size());
    assertEquals("69", bInvite.header(HeaderNames.MAX_FORWARDS));
    assertNotEquals("caller1", bInvite.from().tag());
    assertEquals("kept", bInvite.header("X-Custom"));
    String offer = bInvite.body().toString();
    assertTrue(offer.startsWith("v=0\r\no=opensbc "), offer);
    assertTrue(offer.contains("c=IN IP4 127.0.0.1\r\n"), offer);
    assertTrue(offer.matches("(?s).*m=audio \\d+ RTP/AVP 0\r\n.*"), offer);
    assertFalse(offer.contains("6000"), offer);
    assertTrue(stack.relay().sessions() == 1);
    assertNull(bInvite.header(HeaderNames.RECORD_ROUTE));
    String onB = SipWriter.encode(bInvite).toString();
    assertFalse(onB.contains(Integer.toString(caller.port())), "caller's port leaked to B: " + onB);
    assertFalse(onB.contains("rr.example.org"), "caller's Record-Route leaked to B");
    assertTrue(bInvite.uri().startsWith("sip:+4420123@127.0.0.1:" + callee.port()), bInvite.uri());
    // A leg: the 200 has our Contact, and nothing of B's Call-ID or address
    String onA = SipWriter.encode(ok).toString();
    assertFalse(onA.contains(bInvite.callId()));
    assertFalse(onA.contains(Integer.toString(callee.port())), "callee's port leaked to A: " + onA);
    assertTrue(ok.header(HeaderNames.CONTACT).contains(":" + sbc), ok.header(HeaderNames.CONTACT));
    // BYE from the caller goes to the callee, its 200 comes back
    caller.sendRaw(inDialog("BYE", "call-basic", 2, ok.to().tag(), "bye1"), sbc);
    SipRequest bye = callee.expectRequest("BYE");
    assertEquals(bInvite.cseq().seq() + 1, bye.cseq().seq());
    assertEquals("sip:bob@127.0.0.1:" + callee.port(), bye.uri(), "BYE goes to the callee's Contact");
    callee.reply(bye, 200, null);
    caller.expectResponse(200);
    await().atMost(Duration.ofSeconds(2)).until(() -> store.removed.contains(bInvite.callId()));
    await().until(() -> stack.stats().activeCalls() == 0);
  }

  @Test
  void eventLogFollowsTheCall() throws Exception {
    Object[] est = establish("call-log");
    SipRequest bInvite = (SipRequest) est[0];
    await().atMost(Duration.ofSeconds(2)).until(() -> store.events(bInvite.callId()).size() == 8);
    List<CallEvent> events = store.events(bInvite.callId());
    assertTrue(events.get(0) instanceof CallEvent.CallOffered);
    // the relay session, before the B-leg INVITE; its endpoints are relay state
    CallEvent.MediaRelayAllocated relay = (CallEvent.MediaRelayAllocated) events.get(1);
    // the caller's media address is known from its offer, the callee's from its answer
    CallEvent.MediaAnchored a = (CallEvent.MediaAnchored) events.get(2);
    assertEquals(io.opensbc.sip.dialog.Side.A, a.side());
    assertEquals("127.0.0.1:6000/6001", a.remote());
    assertTrue(relay.a().endsWith(":" + a.local()), relay + " " + a);
    assertTrue(events.get(3) instanceof CallEvent.LegDialed);
    assertTrue(events.get(4) instanceof CallEvent.EarlyDialogCreated);
    assertTrue(events.get(5) instanceof CallEvent.CallAnswered);
    CallEvent.MediaAnchored b = (CallEvent.MediaAnchored) events.get(6);
    assertEquals(io.opensbc.sip.dialog.Side.B, b.side());
    assertNotEquals(a.local(), b.local());
    assertTrue(relay.b().endsWith(":" + b.local()), relay + " " + b);
    assertTrue(events.get(7) instanceof CallEvent.CallConfirmed);
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).seq());
    }
    CallEvent.CallAnswered answered = (CallEvent.CallAnswered) events.get(5);
    assertEquals("callee1", answered.b().remoteTag());
    assertEquals("sip:bob@127.0.0.1:" + callee.port(), answered.b().remoteTarget());
    assertEquals("caller1", answered.a().remoteTag());
  }

  @Test
  void byeFromCallee() throws Exception {
    Object[] est = establish("call-bye-b");
    SipRequest bInvite = (SipRequest) est[0];
    SipRequest bye = new SipRequest("BYE", "sip:127.0.0.1:" + sbc, io.opensbc.sip.message.Headers.builder()
        .add("Via", "SIP/2.0/UDP 127.0.0.1:" + callee.port() + ";branch=z9hG4bK-byeb")
        .add("Max-Forwards", "70")
        .add("From", "<sip:x@y>;tag=callee1")
        .add("To", bInvite.header("From"))
        .add("Call-ID", bInvite.callId())
        .add("CSeq", "1 BYE").build(), null);
    callee.send(bye, sbc);
    SipRequest aBye = caller.expectRequest("BYE");
    assertEquals("call-bye-b", aBye.callId());
    assertEquals("caller1", aBye.to().tag());
    assertEquals("sip:alice@127.0.0.1:" + caller.port(), aBye.uri());
    assertEquals("<sip:rr.example.org;lr>", aBye.header(HeaderNames.ROUTE));
    caller.reply(aBye, 200, null);
    assertEquals(200, callee.expectResponse(200).status());
  }

  @Test
  void cancelWhileRinging() throws Exception {
    caller.sendRaw(invite("call-cancel", 1, SDP), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    callee.reply(bInvite, 180, "callee1");
    caller.expectResponse(180);
    caller.sendRaw("CANCEL sip:+4420123@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-call-cancel-1;rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: \"Alice\" <sip:alice@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">\r\n"
        + "Call-ID: call-cancel\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n", sbc);
    // the caller gets 200 for the CANCEL and 487 for the INVITE (in either order)
    int got200 = 0;
    int got487 = 0;
    for (int i = 0; i < 6 && (got200 == 0 || got487 == 0); i++) {
      var m = caller.receive();
      if (m instanceof SipResponse r && r.status() == 200 && "CANCEL".equals(r.method())) {
        got200++;
      } else if (m instanceof SipResponse r && r.status() == 487) {
        got487++;
      }
    }
    assertEquals(1, Math.min(got200, 1));
    assertEquals(1, Math.min(got487, 1));
    SipRequest bCancel = callee.expectRequest("CANCEL");
    assertEquals(bInvite.topVia().branch(), bCancel.topVia().branch());
    callee.reply(bCancel, 200, null);
    callee.reply(bInvite, 487, "callee1");
    SipRequest ack = callee.expectRequest("ACK");
    assertEquals(bInvite.topVia().branch(), ack.topVia().branch(), "ACK for a non-2xx is hop-by-hop");
    await().until(() -> stack.stats().activeCalls() == 0);
  }

  @Test
  void calleeRejectsWithBusy() throws Exception {
    caller.sendRaw(invite("call-busy", 1, SDP), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    callee.reply(bInvite, 486, "callee1", HeaderNames.REASON, "Q.850;cause=17");
    SipResponse busy = caller.expectResponse(486);
    assertEquals("Q.850;cause=17", busy.header(HeaderNames.REASON));
    callee.expectRequest("ACK");
    // the caller ACKs; a retransmitted 486 from B is absorbed by the B-side transaction
    caller.sendRaw(inDialog("ACK", "call-busy", 1, busy.to().tag(), "call-busy-1").replace(
        "ACK sip:alice@127.0.0.1:" + sbc, "ACK sip:+4420123@127.0.0.1:" + sbc), sbc);
    await().until(() -> stack.stats().activeCalls() == 0);
  }

  @Test
  void reInviteIsRelayedAndGlareGets491() throws Exception {
    Object[] est = establish("call-reinvite");
    SipResponse ok = (SipResponse) est[1];
    String aTag = ok.to().tag();
    String reinvite = inDialog("INVITE", "call-reinvite", 2, aTag, "re1")
        .replace("Content-Length: 0\r\n\r\n", "Contact: <sip:alice@127.0.0.1:" + caller.port()
            + ">\r\nContent-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP);
    caller.sendRaw(reinvite, sbc);
    SipRequest bRe = callee.expectRequest("INVITE");
    assertEquals("callee1", bRe.to().tag());
    // a second re-INVITE while the first is pending: 491
    caller.sendRaw(reinvite.replace("re1", "re2").replace("CSeq: 2", "CSeq: 3"), sbc);
    caller.expectResponse(491);
    callee.replyWithBody(bRe, 200, "callee1", "application/sdp", SDP);
    SipResponse ok2 = caller.expectResponse(200);
    assertEquals(2, ok2.cseq().seq());
    caller.sendRaw(inDialog("ACK", "call-reinvite", 2, aTag, "re1ack"), sbc);
    SipRequest ack = callee.expectRequest("ACK");
    assertEquals(bRe.cseq().seq(), ack.cseq().seq());
  }

  @Test
  void aSecondAnswerFromAnotherForkIsAcknowledgedAndReleased() throws Exception {
    Object[] est = establish("call-fork");
    SipRequest bInvite = (SipRequest) est[0];
    // a forking proxy on B's side lets a second callee answer too
    callee.replyWithBody(bInvite, 200, "callee2", "application/sdp", SDP,
        HeaderNames.CONTACT, "<sip:carol@127.0.0.1:" + callee.port() + ">");
    SipRequest ack = callee.expectRequest("ACK");
    assertEquals("callee2", ack.to().tag());
    SipRequest bye = callee.expectRequest("BYE");
    assertEquals("callee2", bye.to().tag());
    assertEquals("sip:carol@127.0.0.1:" + callee.port(), bye.uri());
    callee.reply(bye, 200, null);
    caller.expectSilence(300);
    assertEquals(1, stack.stats().activeCalls(), "the first answer's call goes on");
  }

  @Test
  void unknownDialogGets481() throws Exception {
    caller.sendRaw(inDialog("BYE", "no-such-call", 5, "nosuchtag", "x481"), sbc);
    assertEquals(481, caller.expectResponse(481).status());
  }

  @Test
  void maxForwardsZeroGets483() throws Exception {
    caller.sendRaw(invite("call-mf", 1, SDP).replace("Max-Forwards: 70", "Max-Forwards: 0"), sbc);
    assertEquals(483, caller.expectResponse(483).status());
    callee.expectSilence(300);
  }

  @Test
  void optionsAnsweredWithAllow() throws Exception {
    caller.sendRaw("OPTIONS sip:127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-opt1\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:127.0.0.1>\r\n"
        + "Call-ID: opt1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", sbc);
    SipResponse r = caller.expectResponse(200);
    assertTrue(r.header(HeaderNames.ALLOW).contains("INVITE"));
  }

  @Test
  void malformedRequestGets400AndCallsGoOn() throws Exception {
    Object[] est = establish("call-survives");
    SipResponse ok = (SipResponse) est[1];
    caller.sendRaw("INVITE sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + caller.port()
        + ";branch=z9hG4bK-bad\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nCall-ID: bad1\r\n"
        + "CSeq: 99999999999 INVITE\r\nContent-Length: 0\r\n\r\n", sbc);
    // the 400 echoes the broken CSeq as RFC 3261 §8.2.6.2 says, so read it as text
    String bad = caller.receiveRaw();
    assertTrue(bad.startsWith("SIP/2.0 400 Bad Request (CSeq"), "400 says why: " + bad);
    assertTrue(bad.contains("Call-ID: bad1"), bad);
    caller.sendRaw("\u0000\u0001garbage\r\n\r\n", sbc);
    caller.expectSilence(200);
    caller.sendRaw(inDialog("BYE", "call-survives", 2, ok.to().tag(), "bye-s"), sbc);
    SipRequest bye = callee.expectRequest("BYE");
    callee.reply(bye, 200, null);
    caller.expectResponse(200);
  }

  @Test
  void drainingSheds503WithRetryAfter() throws Exception {
    stack.drain();
    caller.sendRaw(invite("call-drain", 1, SDP), sbc);
    SipResponse r = caller.expectResponse(503);
    assertNotNull(r.header(HeaderNames.RETRY_AFTER));
    callee.expectSilence(300);
  }
}
