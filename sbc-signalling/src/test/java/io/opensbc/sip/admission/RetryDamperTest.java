package io.opensbc.sip.admission;

import static io.opensbc.sip.admission.Admission.ADMIT;
import static io.opensbc.sip.admission.Admission.DAMP;
import static io.opensbc.sip.admission.Invites.call;
import static io.opensbc.sip.admission.Invites.invite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opensbc.config.model.admission.RetryDamping;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryDamperTest {
  static final long MS = 1_000_000L;
  static final RetryDamping THREE_IN_10S = new RetryDamping(true, 3, Duration.ofSeconds(10), 486);

  /** A call of the pair that failed at {@code ms}. */
  static void fail(RetryDamper d, String from, String to, String callId, long ms) {
    d.failed(call(from, to, callId), ms * MS);
  }

  @Test
  void maxAttemptsFailuresThenDamping() {
    RetryDamper d = new RetryDamper(RetryDamping.DEFAULT);
    for (int i = 0; i < 5; i++) {
      assertEquals(ADMIT, d.check(call("+441632960001", "+441632960002", "c" + i), i * MS));
      fail(d, "+441632960001", "+441632960002", "c" + i, i);
    }
    assertEquals(DAMP, d.check(call("+441632960001", "+441632960002", "c5"), 5 * MS));
    assertEquals(DAMP, d.check(call("+441632960001", "+441632960002", "c6"), 6 * MS));
    assertEquals(ADMIT, d.check(call("+441632960001", "+441632960003", "other-callee"), 7 * MS));
    assertEquals(ADMIT, d.check(call("+441632960009", "+441632960002", "other-caller"), 8 * MS));
    assertEquals(2, d.damped());
    assertEquals(486, d.status());
  }

  @Test
  void afterAFailureCallsInProgressCountToo() {
    RetryDamper d = new RetryDamper(THREE_IN_10S);
    for (int i = 0; i < 20; i++) {
      assertEquals(ADMIT, d.check(call("a", "b", "c" + i), 0), "no failure yet: never held back");
    }
    fail(d, "a", "b", "c0", 1);
    assertEquals(ADMIT, d.check(call("a", "b", "n1"), 2 * MS));
    assertEquals(ADMIT, d.check(call("a", "b", "n2"), 3 * MS));
    assertEquals(DAMP, d.check(call("a", "b", "n3"), 4 * MS), "1 failure + 2 in progress = 3");
  }

  @Test
  void callsThatSucceedAreNeverDamped() {
    RetryDamper d = new RetryDamper(THREE_IN_10S);
    for (int i = 0; i < 1000; i++) {
      assertEquals(ADMIT, d.check(call("sipp", "service", "load" + i), i * MS));
    }
    fail(d, "a", "b", "1", 0);
    fail(d, "a", "b", "2", 1);
    d.answered(call("a", "b", "3"));
    fail(d, "a", "b", "4", 2);
    assertEquals(ADMIT, d.check(call("a", "b", "5"), 3 * MS), "an answered call clears the pair");
  }

  @Test
  void theWindowSlidesOverTheFailures() {
    RetryDamper d = new RetryDamper(THREE_IN_10S);
    fail(d, "a", "b", "1", 0);
    fail(d, "a", "b", "2", 4_000);
    fail(d, "a", "b", "3", 8_000);
    assertEquals(DAMP, d.check(call("a", "b", "4"), 9_999 * MS));
    assertEquals(ADMIT, d.check(call("a", "b", "5"), 10_000 * MS)); // the failure at 0 has left
    fail(d, "a", "b", "5", 10_000);
    assertEquals(DAMP, d.check(call("a", "b", "6"), 13_999 * MS)); // 4 s, 8 s, 10 s in the window
    assertEquals(ADMIT, d.check(call("a", "b", "7"), 14_000 * MS));
  }

  @Test
  void dampedCallsDoNotExtendTheDamping() {
    RetryDamper d = new RetryDamper(THREE_IN_10S);
    for (int i = 0; i < 3; i++) {
      fail(d, "a", "b", "f" + i, 0);
    }
    for (int t = 1; t < 100; t++) { // a storm: ten a second
      assertEquals(DAMP, d.check(call("a", "b", "storm" + t), t * 100 * MS));
    }
    assertEquals(ADMIT, d.check(call("a", "b", "later"), 10_000 * MS));
  }

  @Test
  void onlyInitialInvitesCount() {
    RetryDamper d = new RetryDamper(new RetryDamping(true, 1, Duration.ofSeconds(10), 486));
    SipRequest c = call("a", "b", "x");
    SipRequest reInvite = c.withHeaders(c.headers().set(HeaderNames.TO, "<sip:b@sbc.example.com>;tag=t9"));
    SipRequest options = new SipRequest("OPTIONS", c.uri(), c.headers(), null);
    for (int i = 0; i < 10; i++) {
      d.failed(reInvite, 0);
      d.failed(options, 0);
      assertEquals(ADMIT, d.check(reInvite, 0));
      assertEquals(ADMIT, d.check(options, 0));
    }
    assertEquals(0, d.size());
  }

  @Test
  void disabledAdmitsEverything() {
    RetryDamper d = new RetryDamper(new RetryDamping(false, 0, null, 0));
    for (int i = 0; i < 100; i++) {
      d.failed(call("a", "b", "c" + i), 0);
      assertEquals(ADMIT, d.check(call("a", "b", "c" + i), 0));
    }
    assertEquals(0, d.size());
  }

  @Test
  void keyIsCallerUserAtHostAndCalleeUser() {
    SipRequest r = invite("sip:+441632960002@sbc.example.com;user=phone",
        "\"Fred\" <sip:+441632960001@Carrier.Example.NET;user=phone>",
        "<sip:ignored@sbc.example.com>", "k", 1, "z9hG4bK1");
    assertEquals("+441632960001@carrier.example.net +441632960002", RetryDamper.key(r));
    SipRequest noUser = invite("sip:sbc.example.com", "<tel:+441632960001>", "<sip:bob@example.com>",
        "k", 1, "z9hG4bK1");
    assertEquals("+441632960001 bob", RetryDamper.key(noUser));
    SipRequest odd = invite("sip:sbc.example.com", "<urn:service:sos>", "<sip:example.com>",
        "k", 1, "z9hG4bK1");
    assertEquals("urn:service:sos sip:example.com", RetryDamper.key(odd));
  }

  @Test
  void longKeysAreCutAndStayDistinct() {
    String a = "a".repeat(1_000);
    String k1 = RetryDamper.key(call(a + "1", "b", "x"));
    String k2 = RetryDamper.key(call(a + "2", "b", "x"));
    assertEquals(RetryDamper.MAX_KEY_CHARS, k1.length());
    assertNotEquals(k1, k2);
  }

  @Test
  void aMillionPairsStayAtTheCap() {
    RetryDamper d = new RetryDamper(RetryDamping.DEFAULT, 100_000);
    for (int i = 0; i < 1_000_000; i++) {
      d.failed("+44" + i + "@carrier.example.net 07969987654", 0);
    }
    assertEquals(100_000, d.size());
    for (int i = 0; i < 1_000; i++) { // and through the message path
      d.failed(call("c" + i, "b", "x" + i), 0);
    }
    assertEquals(100_000, d.size());
  }

  @Test
  void pairsWhoseCallsLeftTheWindowAreForgotten() {
    RetryDamper d = new RetryDamper(THREE_IN_10S);
    fail(d, "a", "b", "1", 0);
    fail(d, "c", "d", "2", 5_000);
    fail(d, "c", "d", "3", 10_000); // a/b: last failure 10 s ago, least recently seen
    assertEquals(1, d.size());
    assertEquals(0, d.damped());
  }

  @Test
  void refusesNonsenseWhenEnabled() {
    assertThrows(IllegalArgumentException.class,
        () -> new RetryDamper(new RetryDamping(true, 0, Duration.ofSeconds(1), 486)));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryDamper(new RetryDamping(true, 101, Duration.ofSeconds(1), 486)));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryDamper(new RetryDamping(true, 5, Duration.ZERO, 486)));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryDamper(new RetryDamping(true, 5, Duration.ofSeconds(1), 200)));
  }
}
