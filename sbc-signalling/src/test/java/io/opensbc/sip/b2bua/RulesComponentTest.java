package io.opensbc.sip.b2bua;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules inside the B2BUA between two real UDP peers: inbound rules before routing, outbound rules
 * on the other leg, policies on responses, rejects, in-dialog requests, and the call's log.
 */
class RulesComponentTest {
  private Vertx vertx;
  private SipStack stack;
  private RecordingCallLogStore store;
  private TestPeer pbx;
  private TestPeer carrier;
  private int sbc;

  @BeforeEach
  void start() throws Exception {
    pbx = new TestPeer();
    carrier = new TestPeer();
    String yaml = """
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - name: pbx
            host: 127.0.0.1
            port: %d
            trusted: true
            rules: {inbound: [pbx-in]}
          - name: carrier
            host: 127.0.0.1
            port: %d
            trusted: true
            identity: {ddi: ["+442071234500..+442071234599"], default-cli: "+442071234500"}
            response-map:
              entries: [{status: 403, cause: 63, to-status: 486, to-cause: 17}]
            rules: {outbound: [carrier-out]}
        routes:
          - {name: all, match: {}, trunk: carrier}
        rule-sets:
          - name: pbx-in
            rules:
              - name: bar-france
                match: INVITE
                if: {field: From.user, in-range: ["+33*"]}
                do: [{reject: {code: 403, reason: Barred}}]
              - name: dial-plan
                match: INVITE
                do: [{normalise-e164: {field: request-uri.user, country-code: "44"}}]
          - name: carrier-out
            rules:
              - name: bye-cause
                match: BYE
                if: {header: Reason, present: false}
                do: [{add-header: {name: Reason, value: "Q.850;cause=16"}}]
        sip:
          timers: {t1: 100ms, t2: 400ms, t4: 500ms}
        """.formatted(pbx.port(), carrier.port());
    ConfigResult r = ConfigLoader.parse(yaml, "rules.yaml");
    assertTrue(r instanceof ConfigResult.Valid, () -> r.toString());
    vertx = Vertx.vertx();
    store = new RecordingCallLogStore();
    stack = new SipStack();
    stack.start(vertx, ((ConfigResult.Valid) r).config(), store).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    sbc = stack.transports().address("udp").port();
  }

  @AfterEach
  void stop() throws Exception {
    pbx.close();
    carrier.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String invite(String callId, String from) {
    return "INVITE sip:02071234999@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + pbx.port() + ";branch=z9hG4bK-" + callId + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: \"Fred\" <sip:" + from + "@pbx.example.com;user=phone>;tag=pbx1\r\n"
        + "To: <sip:02071234999@127.0.0.1:" + sbc + ">\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:pbx@127.0.0.1:" + pbx.port() + ">\r\n"
        + "P-Asserted-Identity: <sip:" + from + "@pbx.example.com>\r\n"
        + "Privacy: id\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  @Test
  void identityAndDialPlanOnTheWayOut_andTheCallLogSaysWhichRulesChangedWhat() throws Exception {
    pbx.sendRaw(invite("rules-1", "+447912345678"), sbc);
    SipRequest out = carrier.expectRequest("INVITE");
    assertTrue(out.uri().startsWith("sip:+442071234999@"), out.uri());
    assertEquals("\"Fred\" <tel:+442071234500>", out.header("P-Asserted-Identity"));
    assertNull(out.header("Privacy"));
    carrier.reply(out, 200, "c1", HeaderNames.CONTACT, "<sip:carrier@127.0.0.1:" + carrier.port() + ">");
    SipResponse ok = pbx.expectResponse(200);
    pbx.sendRaw("ACK sip:x@127.0.0.1:" + sbc + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + pbx.port()
        + ";branch=z9hG4bK-ack1\r\nMax-Forwards: 70\r\nFrom: <sip:x@y>;tag=pbx1\r\nTo: <sip:z@w>;tag="
        + ok.to().tag() + "\r\nCall-ID: rules-1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n", sbc);
    carrier.expectRequest("ACK");
    await().atMost(Duration.ofSeconds(2)).until(() -> store.events(out.callId()).stream()
        .anyMatch(e -> e instanceof CallEvent.CallConfirmed));
    List<CallEvent.RulesApplied> applied = store.events(out.callId()).stream()
        .filter(e -> e instanceof CallEvent.RulesApplied).map(e -> (CallEvent.RulesApplied) e).toList();
    assertEquals(2, applied.size(), applied::toString);
    assertEquals(new CallEvent.RulesApplied(applied.get(0).seq(), applied.get(0).at(), Side.A, "inbound", "INVITE",
        List.of("pbx-in/dial-plan")), applied.get(0));
    assertEquals(new CallEvent.RulesApplied(applied.get(1).seq(), applied.get(1).at(), Side.B, "outbound", "INVITE",
        List.of("identity")), applied.get(1));

    // an in-dialog BYE from the PBX gets the carrier's outbound rule
    pbx.sendRaw("BYE sip:x@127.0.0.1:" + sbc + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + pbx.port()
        + ";branch=z9hG4bK-bye1\r\nMax-Forwards: 70\r\nFrom: <sip:x@y>;tag=pbx1\r\nTo: <sip:z@w>;tag="
        + ok.to().tag() + "\r\nCall-ID: rules-1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n", sbc);
    SipRequest bye = carrier.expectRequest("BYE");
    assertEquals("Q.850;cause=16", bye.header("Reason"));
    carrier.reply(bye, 200, null);
    pbx.expectResponse(200);
  }

  @Test
  void rejectAnswersTheRequestAndSendsNothingOn() throws Exception {
    pbx.sendRaw(invite("rules-2", "+33123456789"), sbc);
    SipResponse barred = pbx.expectResponse(403);
    assertEquals("Barred", barred.reason());
    carrier.expectSilence(300);
  }

  @Test
  void responseMapOnWhatTheCarrierReturns() throws Exception {
    pbx.sendRaw(invite("rules-3", "+442071234567"), sbc);
    SipRequest out = carrier.expectRequest("INVITE");
    assertEquals("<sip:+442071234567@pbx.example.com>", out.header("P-Asserted-Identity"),
        "inside the range and already asserted: left as it is");
    assertNull(out.header("Privacy"));
    carrier.reply(out, 403, "c1", "Reason", "Q.850;cause=63");
    SipResponse busy = pbx.expectResponse(486);
    assertEquals("Q.850;cause=17", busy.header("Reason"));
  }
}
