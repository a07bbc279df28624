package io.opensbc.sip.routing.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opensbc.sip.routing.dns.SipTransport;
import org.junit.jupiter.api.Test;

class TargetIdTest {

  @Test
  void keysAreStableAndRoundTrip() {
    TargetId id = new TargetId("carrier", "10.0.0.2", 5060, SipTransport.UDP);
    assertEquals("carrier|10.0.0.2|5060|udp", id.key());
    assertEquals(id, TargetId.parse(id.key()));
    TargetId v6 = new TargetId("teams", "2001:DB8::1", 5061, SipTransport.TLS);
    assertEquals("teams|2001:db8::1|5061|tls", v6.key());
    assertEquals(v6, TargetId.parse(v6.key()));
  }

  @Test
  void refusesWhatCannotBeAKey() {
    assertThrows(IllegalArgumentException.class, () -> new TargetId("a|b", "h", 5060, SipTransport.UDP));
    assertThrows(IllegalArgumentException.class, () -> new TargetId("t", "h", 70000, SipTransport.UDP));
    assertThrows(IllegalArgumentException.class, () -> TargetId.parse("t|h|5060"));
    assertThrows(IllegalArgumentException.class, () -> TargetId.parse("t|h|x|udp"));
    assertThrows(IllegalArgumentException.class, () -> TargetId.parse("t|h|5060|sctp"));
  }
}
