package io.opensbc.sip.routing.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.message.Headers;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  @Test
  void parsesAllowSupportedAndAcceptFromAnOptionsAnswer() {
    Headers h = Headers.builder()
        .add("Allow", "INVITE, ACK, CANCEL, BYE")
        .add("Allow", "OPTIONS,INVITE")
        .add("k", "timer, 100rel")
        .add("Supported", "replaces")
        .add("Accept", "application/sdp;level=1, Application/ISUP ; version=itu-t92+, multipart/mixed")
        .build();
    Capabilities c = Capabilities.of(h);
    assertEquals(List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"), c.allow());
    assertEquals(List.of("timer", "100rel", "replaces"), c.supported());
    assertEquals(List.of("application/sdp", "application/isup", "multipart/mixed"), c.accept());
    assertTrue(c.allows("BYE"));
    assertFalse(c.allows("UPDATE"));
    assertTrue(c.supports("Timer"));
    assertTrue(c.accepts("APPLICATION/SDP"));
  }

  @Test
  void dropsMalformedItemsAndBoundsTheLists() {
    Headers.Builder b = Headers.builder().add("Allow", "INVITE, <bad>, \"x\"").add("Accept", "sdp, /x, text/");
    for (int i = 0; i < 100; i++) {
      b.add("Supported", "tag" + i);
    }
    b.add("Supported", "x".repeat(Capabilities.MAX_ITEM_LENGTH + 1));
    Capabilities c = Capabilities.of(b.build());
    assertEquals(List.of("INVITE"), c.allow());
    assertEquals(List.of(), c.accept());
    assertEquals(Capabilities.MAX_ITEMS, c.supported().size());
  }

  @Test
  void noHeadersNoCapabilities() {
    assertTrue(Capabilities.of(Headers.EMPTY).isEmpty());
  }
}
