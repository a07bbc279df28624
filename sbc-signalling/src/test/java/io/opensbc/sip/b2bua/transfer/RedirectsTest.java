package io.opensbc.sip.b2bua.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.signalling.RedirectPolicy;
import io.opensbc.sip.routing.Hop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 3xx recursion policy: hops, allowed targets, q order. */
class RedirectsTest {
  private static final RedirectPolicy RECURSE = new RedirectPolicy(true, 2, List.of("*.carrier.net", "10.0.0.9"));

  @Test
  void passThroughNeverFollows() {
    assertNull(Redirects.next(RedirectPolicy.PASS_THROUGH, 302, List.of("<sip:a@10.0.0.9>"), 0, "10.0.0.1", List.of()));
  }

  @Test
  void followsTheHighestQAllowedContact() {
    List<String> contacts = List.of("<sip:a@evil.example>;q=1.0, <sip:b@sbc2.carrier.net>;q=0.5",
        "<sip:c@10.0.0.9>;q=0.7");
    assertEquals("sip:c@10.0.0.9", Redirects.next(RECURSE, 302, contacts, 0, "10.0.0.1", List.of()));
    assertEquals("sip:b@sbc2.carrier.net", Redirects.next(RECURSE, 302, contacts, 0, "10.0.0.1",
        List.of("sip:c@10.0.0.9")));
  }

  @Test
  void theTrunksOwnHostIsAlwaysAllowed() {
    assertEquals("sip:x@10.0.0.1:5070", Redirects.next(RECURSE, 301, List.of("<sip:x@10.0.0.1:5070>"), 0,
        "10.0.0.1", List.of()));
  }

  @Test
  void stopsAtMaxHopsAndOutside3xx() {
    assertNull(Redirects.next(RECURSE, 302, List.of("<sip:c@10.0.0.9>"), 2, "10.0.0.1", List.of()));
    assertNull(Redirects.next(RECURSE, 200, List.of("<sip:c@10.0.0.9>"), 0, "10.0.0.1", List.of()));
    assertNull(Redirects.next(RECURSE, 302, List.of("<tel:+4420>", "garbage"), 0, "10.0.0.1", List.of()));
  }

  @Test
  void theHopComesFromTheContact() {
    TrunkConfig t = new TrunkConfig("carrier", "10.0.0.1", 5060, Transport.UDP, null);
    assertEquals(new Hop("carrier", "sip:c@10.0.0.9:5080;transport=tcp", "10.0.0.9", 5080, Transport.TCP),
        Redirects.hop(t, "sip:c@10.0.0.9:5080;transport=tcp", Transport.UDP));
    assertEquals(5060, Redirects.hop(t, "sip:c@10.0.0.9", Transport.UDP).port());
  }
}
