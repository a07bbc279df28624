package io.opensbc.sip.admission;

import static io.opensbc.sip.admission.Invites.invite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinalResponseCacheTest {
  static final long MS = 1_000_000L;
  static final String RURI = "sip:07969987654@sbc.example.com";
  static final String FROM = "<sip:+441632960001@carrier.example.net>";
  static final String TO = "<sip:07969987654@sbc.example.com>";

  static SipRequest first() {
    return invite(RURI, FROM, TO, "call-1@carrier", 1, "z9hG4bK-first");
  }

  static SipRequest resent() {
    return invite(RURI, FROM, TO, "call-1@carrier", 1, "z9hG4bK-second");
  }

  static SipResponse forbidden(SipRequest r) {
    return Responses.create(r, 403, "Forbidden", "sbc-tag");
  }

  @Test
  void aReSentInviteGetsTheSameResponseWithItsOwnVia() {
    FinalResponseCache c = new FinalResponseCache(Duration.ofSeconds(32));
    SipResponse sent = forbidden(first());
    c.put(first(), sent, 0);
    SipRequest again = resent().withHeaders(resent().headers()
        .prepend(HeaderNames.VIA, "SIP/2.0/UDP 192.0.2.99;branch=z9hG4bK-proxy"));

    assertSame(sent, c.lookup(again, 1_000 * MS));
    SipResponse replay = c.replayFor(again, 1_000 * MS);
    assertEquals(List.of("SIP/2.0/UDP 192.0.2.99;branch=z9hG4bK-proxy",
        "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-second;rport"), replay.headers().values(HeaderNames.VIA));
    assertEquals("z9hG4bK-proxy", replay.topVia().branch());
    assertEquals(403, replay.status());
    assertEquals("sbc-tag", replay.to().tag());
    assertEquals(sent.headers().fields().subList(1, sent.headers().size()),
        replay.headers().fields().subList(2, replay.headers().size())); // the rest unchanged, in order
    assertEquals(1, c.replayed());
  }

  /** An INVITE with only the headers of its identity. */
  static SipRequest bare(String callId) {
    return new SipRequest("INVITE", RURI, Headers.builder()
        .add("From", "<sip:a@b>;tag=1").add("Call-ID", callId).add("CSeq", "1 INVITE").build(), null);
  }

  @Test
  void keptForTheTtlExactly() {
    FinalResponseCache c = new FinalResponseCache(Duration.ofSeconds(32));
    c.put(first(), forbidden(first()), 5_000 * MS);
    assertEquals(403, c.lookup(resent(), 36_999 * MS).status());
    assertNull(c.lookup(resent(), 37_000 * MS));
    assertEquals(0, c.size());
  }

  @Test
  void theIdentityIsCallIdFromTagAndCSeqNumber() {
    FinalResponseCache c = new FinalResponseCache(null);
    c.put(first(), forbidden(first()), 0);
    assertNull(c.lookup(invite(RURI, FROM, TO, "call-2@carrier", 1, "z9hG4bK-x"), 0));
    assertNull(c.lookup(invite(RURI, FROM, TO, "call-1@carrier", 2, "z9hG4bK-x"), 0));
    SipRequest otherTag = resent().withHeaders(resent().headers().set(HeaderNames.FROM, FROM + ";tag=f2"));
    assertNull(c.lookup(otherTag, 0));
    SipRequest otherUri = invite("sip:other@sbc.example.com", FROM, TO, "call-1@carrier", 1, "z9hG4bK-x");
    assertEquals(403, c.lookup(otherUri, 0).status());
  }

  @Test
  void keepsOnlyFinalResponsesToInvites() {
    FinalResponseCache c = new FinalResponseCache(null);
    c.put(first(), Responses.create(first(), 180, null, "t"), 0);
    assertNull(c.lookup(resent(), 0));
    SipRequest options = new SipRequest("OPTIONS", RURI, first().headers().set(HeaderNames.CSEQ, "1 OPTIONS"), null);
    c.put(options, Responses.create(options, 200, null, "t"), 0);
    assertEquals(0, c.size());
    SipRequest noTag = first().withHeaders(first().headers().set(HeaderNames.FROM, FROM));
    c.put(noTag, forbidden(noTag), 0);
    assertEquals(0, c.size());
    assertNull(c.lookup(new SipRequest("ACK", RURI, first().headers().set(HeaderNames.CSEQ, "1 ACK"), null), 0));
  }

  @Test
  void aZeroTtlKeepsNothing() {
    FinalResponseCache c = new FinalResponseCache(Duration.ZERO);
    c.put(first(), forbidden(first()), 0);
    assertNull(c.lookup(resent(), 0));
  }

  @Test
  void aPutAgainRestartsTheTtl() {
    FinalResponseCache c = new FinalResponseCache(Duration.ofSeconds(32));
    c.put(first(), forbidden(first()), 0);
    c.put(invite(RURI, FROM, TO, "other", 1, "z9hG4bK-o"), forbidden(first()), 1_000 * MS);
    c.put(first(), Responses.create(first(), 486, null, "t"), 2_000 * MS);
    assertNull(c.lookup(invite(RURI, FROM, TO, "other", 1, "z9hG4bK-p"), 33_000 * MS));
    assertEquals(486, c.lookup(resent(), 33_000 * MS).status());
  }

  @Test
  void aMillionInvitesStayAtTheCapOldestGoingFirst() {
    FinalResponseCache c = new FinalResponseCache(Duration.ofSeconds(32), 100_000);
    SipResponse r = forbidden(first());
    for (int i = 0; i < 1_000_000; i++) {
      c.put(bare("c" + i), r, 0);
    }
    assertEquals(100_000, c.size());
    assertNull(c.lookup(bare("c899999"), 0));
    assertSame(r, c.lookup(bare("c900000"), 0));
  }

  @Test
  void expiredEntriesArePurgedAsTimeGoesOn() {
    FinalResponseCache c = new FinalResponseCache(Duration.ofSeconds(1));
    SipRequest base = first();
    for (int i = 0; i < 100; i++) {
      c.put(base.withHeaders(base.headers().set(HeaderNames.CALL_ID, "c" + i)), forbidden(base), 0);
    }
    for (int i = 0; i < 10; i++) {
      c.lookup(resent(), 1_000 * MS);
    }
    assertEquals(0, c.size());
  }
}
