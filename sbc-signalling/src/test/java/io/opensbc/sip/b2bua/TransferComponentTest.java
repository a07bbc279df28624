package io.opensbc.sip.b2bua;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * REFER handled by the B2BUA between UDP peers on 127.0.0.1 (docs/transfers.md): the caller
 * (trunk "pstn") and the callee (trunk "pbx"), both with {@code refer: handle-locally}, either of
 * them the transferor, and the transfer target (trunk "target", reached by routing the Refer-To user).
 */
class TransferComponentTest {
  private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\nm=audio 6000 RTP/AVP 0\r\n";
  private static final String TARGET_SDP = SDP.replace("6000", "7000");

  private Vertx vertx;
  private SipStack stack;
  private RecordingCallLogStore store;
  private TestPeer caller;
  private TestPeer callee;
  private TestPeer target;
  /** The target trunk's second target (priority 2): tried when the first fails. */
  private TestPeer target2;
  private int sbc;
  /** The 200 the caller got (its To tag is the SBC's on the A leg). */
  private SipResponse answered;

  @BeforeEach
  void start() throws Exception {
    caller = new TestPeer();
    callee = new TestPeer();
    target = new TestPeer();
    target2 = new TestPeer();
    String yaml = """
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: pstn, host: 127.0.0.1, port: %d, transport: udp, transfer: {refer: handle-locally}}
          - {name: pbx, host: 127.0.0.1, port: %d, transport: udp, transfer: {refer: handle-locally}}
          - name: target
            host: 127.0.0.1
            targets:
              - {host: 127.0.0.1, port: %d, transport: udp, priority: 1}
              - {host: 127.0.0.1, port: %d, transport: udp, priority: 2}
        routes:
          - {name: to-target, match: {user-prefix: "+4499"}, trunk: target}
          - {name: rest, match: {}, trunk: pbx}
        sip:
          timers: {t1: 100ms, t2: 400ms, t4: 500ms}
        """.formatted(caller.port(), callee.port(), target.port(), target2.port());
    ConfigResult r = ConfigLoader.parse(yaml, "test.yaml");
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    vertx = Vertx.vertx();
    store = new RecordingCallLogStore();
    stack = new SipStack();
    stack.start(vertx, ((ConfigResult.Valid) r).config(), store).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    sbc = stack.transports().address("udp").port();
  }

  @AfterEach
  void stop() throws Exception {
    caller.close();
    callee.close();
    target.close();
    target2.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Sets up caller -> SBC -> callee and returns the B-side INVITE (its From tag is the SBC's). */
  private SipRequest establish() throws Exception {
    caller.sendRaw("INVITE sip:+4420123@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-c1;rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:+447700900123@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">\r\n"
        + "Call-ID: transfer-1\r\nCSeq: 1 INVITE\r\n"
        + "Contact: <sip:c@127.0.0.1:" + caller.port() + ">\r\n"
        + "Content-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP, sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp", SDP,
        HeaderNames.CONTACT, "<sip:pbx@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    answered = ok;
    caller.sendRaw("ACK sip:+4420123@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-c1ack\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:+447700900123@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">;tag=" + ok.to().tag() + "\r\n"
        + "Call-ID: transfer-1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n", sbc);
    callee.expectRequest("ACK");
    return bInvite;
  }

  /** A request from the callee in its dialog with the SBC. */
  private String fromCallee(SipRequest bInvite, String method, int cseq, String extra) {
    return method + " sip:sbc@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + callee.port() + ";branch=z9hG4bK-p" + method + cseq + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + bInvite.headers().first(HeaderNames.TO) + ";tag=callee1\r\n"
        + "To: " + bInvite.headers().first(HeaderNames.FROM) + "\r\n"
        + "Call-ID: " + bInvite.callId() + "\r\nCSeq: " + cseq + " " + method + "\r\n"
        + "Contact: <sip:pbx@127.0.0.1:" + callee.port() + ">\r\n" + extra
        + "Content-Length: 0\r\n\r\n";
  }

  @Test
  void theTransferGoesOnWhenTheTransferorHangsUpWhileTheTargetRings() throws Exception {
    SipRequest bInvite = establish();
    callee.sendRaw(fromCallee(bInvite, "REFER", 1, "Refer-To: <sip:+449912345@pbx.example;x-m=abc>\r\n"
        + "Referred-By: <sip:alice@pbx.example>\r\n"), sbc);
    assertEquals(202, callee.expectResponse(202).status());
    SipRequest trying = callee.expectRequest("NOTIFY");
    assertEquals("SIP/2.0 100 Trying\r\n", trying.body().toString());
    assertEquals("refer", trying.headers().first("Event"));
    callee.reply(trying, 200, null);

    SipRequest toTarget = target.expectRequest("INVITE");
    assertEquals(0, toTarget.body().length(), "the target is asked for an offer");
    assertEquals("<sip:alice@pbx.example>", toTarget.headers().first("Referred-By"));
    assertTrue(toTarget.headers().first(HeaderNames.TO).contains(";x-m=abc"), "Refer-To parameters kept");
    assertNotEquals(bInvite.callId(), toTarget.callId());
    target.reply(toTarget, 180, "target1");
    SipRequest ringing = callee.expectRequest("NOTIFY");
    assertEquals("SIP/2.0 180 Ringing\r\n", ringing.body().toString());
    callee.reply(ringing, 200, null);

    // the transferor leaves before the target answers: answered here, the transferee keeps waiting
    callee.sendRaw(fromCallee(bInvite, "BYE", 2, ""), sbc);
    assertEquals(200, callee.expectResponse(200).status());
    caller.expectSilence(300);

    target.replyWithBody(toTarget, 200, "target1", "application/sdp", TARGET_SDP,
        HeaderNames.CONTACT, "<sip:x@127.0.0.1:" + target.port() + ">");
    SipRequest reinvite = caller.expectRequest("INVITE");
    assertEquals("transfer-1", reinvite.callId());
    assertTrue(reinvite.body().toString().contains("m=audio"), "the target's offer, anchored");
    caller.replyWithBody(reinvite, 200, reinvite.to().tag(), "application/sdp", SDP);
    caller.expectRequest("ACK");
    SipRequest ack = target.expectRequest("ACK");
    assertTrue(ack.body().toString().contains("m=audio"), "the transferee's answer in the ACK");
    callee.expectSilence(300); // no final NOTIFY, no BYE: the transferor is gone

    // the target now is the caller's other party: its BYE reaches the caller
    target.sendRaw("BYE sip:sbc@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + target.port() + ";branch=z9hG4bK-tbye\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + toTarget.headers().first(HeaderNames.TO) + ";tag=target1\r\n"
        + "To: " + toTarget.headers().first(HeaderNames.FROM) + "\r\n"
        + "Call-ID: " + toTarget.callId() + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n", sbc);
    SipRequest bye = caller.expectRequest("BYE");
    caller.reply(bye, 200, null);
    assertEquals(200, target.expectResponse(200).status());
    await().atMost(Duration.ofSeconds(5)).until(() -> store.ended.keySet().stream()
        .anyMatch(ref -> store.endedEvents(ref).stream().anyMatch(e -> e instanceof CallEvent.LegReplaced)));
  }

  /** The caller (leg A) transfers the callee: the target takes the A side of the call. */
  @Test
  void theCallerCanTransferTheCalleeAndTheTargetTakesTheCallersSide() throws Exception {
    establish();
    String aTag = answered.to().tag();
    caller.sendRaw("REFER sip:sbc@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-cref\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:+447700900123@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">;tag=" + aTag + "\r\n"
        + "Call-ID: transfer-1\r\nCSeq: 2 REFER\r\n"
        + "Contact: <sip:c@127.0.0.1:" + caller.port() + ">\r\n"
        + "Refer-To: <sip:+449955555@127.0.0.1>\r\nContent-Length: 0\r\n\r\n", sbc);
    assertEquals(202, caller.expectResponse(202).status());
    caller.reply(caller.expectRequest("NOTIFY"), 200, null);
    SipRequest toTarget = target.expectRequest("INVITE");
    target.replyWithBody(toTarget, 200, "target2", "application/sdp", TARGET_SDP,
        HeaderNames.CONTACT, "<sip:x@127.0.0.1:" + target.port() + ">");
    SipRequest reinvite = callee.expectRequest("INVITE");
    callee.replyWithBody(reinvite, 200, "callee1", "application/sdp", SDP);
    callee.expectRequest("ACK");
    target.expectRequest("ACK");
    SipRequest done = caller.expectRequest("NOTIFY");
    assertEquals("SIP/2.0 200 OK\r\n", done.body().toString());
    assertTrue(done.headers().first("Subscription-State").startsWith("terminated"));
    caller.reply(done, 200, null);
    caller.reply(caller.expectRequest("BYE"), 200, null);

    // the callee's BYE now goes to the target, on the target's own dialog
    callee.sendRaw("BYE sip:sbc@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + callee.port() + ";branch=z9hG4bK-pbye\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + reinvite.headers().first(HeaderNames.TO) + "\r\n"
        + "To: " + reinvite.headers().first(HeaderNames.FROM) + "\r\n"
        + "Call-ID: " + reinvite.callId() + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n", sbc);
    SipRequest bye = target.expectRequest("BYE");
    assertEquals(toTarget.callId(), bye.callId());
    target.reply(bye, 200, null);
    assertEquals(200, callee.expectResponse(200).status());
  }

  /** The target trunk's first target answers 503: the INVITE moves on to the next, as a call's would. */
  @Test
  void theTargetInviteHuntsOverTheTrunksTargets() throws Exception {
    SipRequest bInvite = establish();
    callee.sendRaw(fromCallee(bInvite, "REFER", 1, "Refer-To: <sip:+449912345@pbx.example>\r\n"), sbc);
    assertEquals(202, callee.expectResponse(202).status());
    callee.reply(callee.expectRequest("NOTIFY"), 200, null);
    SipRequest first = target.expectRequest("INVITE");
    target.reply(first, 503, "t1");
    target.expectRequest("ACK");
    SipRequest second = target2.expectRequest("INVITE");
    assertEquals(first.callId(), second.callId(), "the same new leg, another attempt");
    target2.replyWithBody(second, 200, "t2", "application/sdp", TARGET_SDP,
        HeaderNames.CONTACT, "<sip:x@127.0.0.1:" + target2.port() + ">");
    SipRequest reinvite = caller.expectRequest("INVITE");
    caller.replyWithBody(reinvite, 200, reinvite.to().tag(), "application/sdp", SDP);
    caller.expectRequest("ACK");
    target2.expectRequest("ACK");
    SipRequest done = callee.expectRequest("NOTIFY");
    assertEquals("SIP/2.0 200 OK\r\n", done.body().toString());
    callee.reply(done, 200, null);
    callee.reply(callee.expectRequest("BYE"), 200, null);
  }

  @Test
  void aMalformedReferToIsRefusedWith400AndTheCallGoesOn() throws Exception {
    SipRequest bInvite = establish();
    callee.sendRaw(fromCallee(bInvite, "REFER", 1, "Refer-To: no-uri-here\r\n"), sbc);
    SipResponse refused = callee.expectResponse(400);
    assertTrue(refused.reason().contains("Refer-To"), refused.reason());
    caller.expectSilence(300);
    callee.sendRaw(fromCallee(bInvite, "BYE", 2, ""), sbc);
    SipRequest bye = caller.expectRequest("BYE");
    caller.reply(bye, 200, null);
  }
}
