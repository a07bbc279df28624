package io.opensbc.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.signalling.Provisional;
import io.opensbc.config.model.signalling.SessionTimer;
import io.opensbc.config.model.signalling.TrunkSignalling;
import io.opensbc.config.model.tls.TrunkTls;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.codec.DatagramFramer;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SizeLimits;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 4028 negotiation per leg, as header rules (the timers themselves run in the B2BUA). */
class SessionTimersTest {
  private static TrunkConfig trunk(String name, SessionTimer st) {
    TrunkConfig t = new TrunkConfig(name, "10.0.0.1", 5060, Transport.UDP, null);
    return new TrunkConfig(t.name(), t.host(), t.port(), t.transport(), t.listener(), t.trusted(), t.rules(),
        t.responseMap(), t.identity(), t.dispatch(), t.media(),
        new TrunkSignalling(null, null, TrunkTls.DEFAULT, false, null, Provisional.ALL, st));
  }

  private static final SessionTimer TIMERS =
      new SessionTimer(true, Duration.ofSeconds(1800), Duration.ofSeconds(90), SessionTimer.Refresher.SBC);

  private static SipMessage parse(String headers) {
    String text = headers.replace("\n", "\r\n") + "Content-Length: 0\r\n\r\n";
    Decoded d = DatagramFramer.decode(Buffer.buffer(text), SizeLimits.DEFAULTS);
    return ((Decoded.Message) d).message();
  }

  private static SipRequest invite(String extra) {
    return (SipRequest) parse("INVITE sip:1@10.0.0.2 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bK1\n"
        + "From: <sip:a@10.0.0.9>;tag=a\nTo: <sip:1@10.0.0.2>\nCall-ID: c1\nCSeq: 1 INVITE\nMax-Forwards: 70\n"
        + extra);
  }

  private static SipResponse ok(String extra) {
    return (SipResponse) parse("SIP/2.0 200 OK\nVia: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bK1\n"
        + "From: <sip:a@10.0.0.9>;tag=a\nTo: <sip:1@10.0.0.2>;tag=b\nCall-ID: c1\nCSeq: 1 INVITE\n" + extra);
  }

  @Test
  void anIntervalBelowMinSeGets422WithOurMinSe() {
    SipResponse r = SessionTimers.tooSmall(invite("Session-Expires: 60\n"), trunk("pbx", TIMERS));
    assertEquals(422, r.status());
    assertEquals("90", r.headers().first("Min-SE"));
    assertNull(SessionTimers.tooSmall(invite("Session-Expires: 90\n"), trunk("pbx", TIMERS)));
    assertNull(SessionTimers.tooSmall(invite("Session-Expires: 60\n"), trunk("pbx", SessionTimer.OFF)),
        "a trunk without timers leaves it to the far end");
  }

  @Test
  void theCallerThatAsksToRefreshRefreshesAndGetsItsIntervalCapped() {
    SessionTimers t = SessionTimers.of(invite("Supported: timer\nSession-Expires: 3600;refresher=uac\n"
        + "Allow: INVITE, UPDATE\n"), trunk("pbx", TIMERS));
    SessionTimers.Leg a = t.leg(Side.A);
    assertEquals(1800, a.seconds, "capped at the trunk's expires");
    assertFalse(a.sbcRefreshes);
    assertEquals(1800_000 - 32_000, a.delayMillis(), "RFC 4028 §10: expiry less min(32 s, interval/3)");
    SipResponse toCaller = t.toCaller(ok("Session-Expires: 600;refresher=uas\nRequire: timer, 100rel\n"));
    assertEquals("1800;refresher=uac", toCaller.headers().first("Session-Expires"));
    assertEquals("100rel", toCaller.headers().values("Require").get(0), "the callee's timer tag does not cross");
    assertEquals("timer", toCaller.headers().values("Require").get(1));
  }

  @Test
  void aCallerWithoutTimerSupportIsRefreshedByUsWhenItTakesUpdate() {
    SessionTimers withUpdate = SessionTimers.of(invite("Allow: INVITE, ACK, BYE, UPDATE\n"), trunk("pbx", TIMERS));
    assertTrue(withUpdate.leg(Side.A).sbcRefreshes);
    assertEquals(900_000, withUpdate.leg(Side.A).delayMillis(), "half the interval");
    SipResponse toCaller = withUpdate.toCaller(ok(""));
    assertEquals("1800;refresher=uas", toCaller.headers().first("Session-Expires"));
    assertNull(toCaller.headers().first("Require"), "no Require: timer to a caller that does not support it");
    SessionTimers noUpdate = SessionTimers.of(invite("Allow: INVITE, ACK, BYE\n"), trunk("pbx", TIMERS));
    assertEquals(0, noUpdate.leg(Side.A).seconds, "nobody can refresh that leg: no timer");
  }

  @Test
  void theCalleeLegGetsItsOwnHeadersAndTheCalleesChoiceApplies() {
    SessionTimers t = SessionTimers.of(invite("Supported: timer\nSession-Expires: 120;refresher=uac\nMin-SE: 90\n"),
        trunk("pbx", SessionTimer.OFF));
    SipRequest toCallee = t.toCallee(invite("Supported: timer\nSession-Expires: 120;refresher=uac\nMin-SE: 90\n"),
        trunk("carrier", TIMERS));
    assertEquals("1800;refresher=uac", toCallee.headers().first("Session-Expires"));
    assertEquals("90", toCallee.headers().first("Min-SE"));
    assertEquals(1, toCallee.headers().values("Session-Expires").size());
    t.answeredByCallee(ok("Session-Expires: 900;refresher=uas\nRequire: timer\nAllow: INVITE, UPDATE\n"));
    assertEquals(900, t.leg(Side.B).seconds);
    assertFalse(t.leg(Side.B).sbcRefreshes, "refresher=uas: the callee refreshes");
  }

  @Test
  void withoutTimersOnEitherTrunkTheHeadersPassEndToEnd() {
    SipRequest in = invite("Supported: timer\nSession-Expires: 120;refresher=uac\n");
    SessionTimers t = SessionTimers.of(in, trunk("pbx", SessionTimer.OFF));
    SipRequest out = t.toCallee(in, trunk("carrier", SessionTimer.OFF));
    assertEquals("120;refresher=uac", out.headers().first("Session-Expires"));
    assertFalse(t.managed());
  }

  /**
   * What a node taking the call over gets back from the log: each leg's agreed interval and
   * refresher, so it keeps refreshing (or watching) where the failed node left off.
   */
  @Test
  void theAgreedTimersGoOnTheLogAndComeBackOnAnotherNode() {
    SessionTimers agreed = SessionTimers.of(invite("Supported: timer\nSession-Expires: 600;refresher=uac\n"
        + "Allow: INVITE, UPDATE\n"), trunk("pbx", TIMERS));
    agreed.toCallee(invite(""), trunk("carrier", TIMERS));
    agreed.answeredByCallee(ok("Allow: INVITE, UPDATE\n"));
    Call call = new Call();
    io.opensbc.sip.dialog.Dialog a = new io.opensbc.sip.dialog.Dialog("c1", "ours", "a", "<sip:a@10.0.0.9>",
        "<sip:1@10.0.0.2>", "sip:a@10.0.0.9", java.util.List.of(), 0, 1, "udp", Transport.UDP, "10.0.0.9", 5060);
    call.apply((s, at) -> new io.opensbc.sip.dialog.CallEvent.CallOffered(s, at, "ref", a, "udp", "pbx"));
    agreed.record(call);
    SessionTimers back = SessionTimers.restored(io.opensbc.sip.dialog.CallEventCodec.decode(
        io.opensbc.sip.dialog.CallEventCodec.encode(call.log())), trunk("pbx", TIMERS), trunk("carrier", TIMERS));
    for (Side side : Side.values()) {
      assertEquals(agreed.leg(side).seconds, back.leg(side).seconds, side.name());
      assertEquals(agreed.leg(side).sbcRefreshes, back.leg(side).sbcRefreshes, side.name());
    }
    assertEquals(600, back.leg(Side.A).seconds);
    assertFalse(back.leg(Side.A).sbcRefreshes, "the caller refreshes leg A");
    assertEquals(1800, back.leg(Side.B).seconds);
    assertTrue(back.leg(Side.B).sbcRefreshes, "we refresh leg B (the callee does no timers)");
    assertTrue(back.managed());
  }
}
