package io.opensbc.sip.b2bua.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.Transport;
import io.opensbc.config.model.signalling.ReferMode;
import io.opensbc.sip.dialog.Dialog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refer-To and Replaces syntax (RFC 3515, RFC 3891), the sipfrag, and the REFER mode decision. */
class TransferSyntaxTest {
  private static final Dialog HELD = new Dialog("abc@10.0.0.1", "sbc1", "teams1", "<sip:a@x>", "<sip:b@y>",
      "sip:b@10.0.0.2", List.of(), 1, 1, "udp", Transport.UDP, "10.0.0.2", 5060);

  @Test
  void aTeamsReferToKeepsItsParametersAndLength() {
    String params = ";user=phone;x-m=8:orgid:2d9e4d2c;x-t=8:orgid:9b1f3e77;x-ti=8e6f6d1c;x-tt=" + "a".repeat(400);
    ReferTo r = ReferTo.parse("<sip:+442071234999@sip.pstnhub.microsoft.com" + params + ">").orNull();
    assertEquals("sip:+442071234999@sip.pstnhub.microsoft.com" + params, r.uri());
    assertEquals("+442071234999", r.user());
    assertNull(r.replaces());
  }

  @Test
  void anEmbeddedReplacesIsDecoded() {
    ReferTo r = ReferTo.parse("<sip:bob@h?Replaces=abc%4010.0.0.1%3Bto-tag%3Dsbc1%3Bfrom-tag%3Dteams1>").orNull();
    assertEquals("sip:bob@h", r.uri());
    assertEquals(new Replaces("abc@10.0.0.1", "sbc1", "teams1", false), r.replaces());
    assertTrue(r.replaces().matches(HELD));
  }

  @Test
  void malformedReferToIsRefusedWithAReason() {
    assertFalse(ReferTo.parse(null).isOk());
    assertFalse(ReferTo.parse("not a uri").isOk());
    assertFalse(ReferTo.parse("<sip:bob@h?Replaces=abc%3Bto-tag%3Dx>").isOk(), "Replaces without from-tag");
    assertFalse(ReferTo.parse("<sip:" + "9".repeat(ReferTo.MAX_LENGTH) + "@h>").isOk());
  }

  @Test
  void replacesMatchesEitherTagOrderButNeedsBothAndTheCallId() {
    assertTrue(Replaces.parse("abc@10.0.0.1;to-tag=sbc1;from-tag=teams1").orNull().matches(HELD));
    assertTrue(Replaces.parse("abc@10.0.0.1;from-tag=sbc1;to-tag=teams1").orNull().matches(HELD));
    assertFalse(Replaces.parse("abc@10.0.0.1;to-tag=sbc1;from-tag=other").orNull().matches(HELD));
    assertFalse(Replaces.parse("xyz@10.0.0.1;to-tag=sbc1;from-tag=teams1").orNull().matches(HELD));
    assertFalse(Replaces.parse("abc@10.0.0.1;to-tag=sbc1").isOk());
    assertTrue(Replaces.parse("abc;to-tag=a;from-tag=b;early-only").orNull().earlyOnly());
    assertEquals("abc;to-tag=a;from-tag=b", Replaces.parse(" abc ; to-tag=a;from-tag=b").orNull().toString()
        .replace(" ", ""));
  }

  @Test
  void sipfragCarriesTheStatusLine() {
    assertEquals("SIP/2.0 100 Trying\r\n", Sipfrag.statusLine(100, null));
    assertEquals("SIP/2.0 486 Busy Here\r\n", Sipfrag.statusLine(486, "Busy Here"));
    assertEquals("active;expires=60", Sipfrag.subscriptionState(180));
    assertEquals("terminated;reason=noresource", Sipfrag.subscriptionState(200));
  }

  @Test
  void referModes() {
    assertFalse(ReferHandling.handleLocally(ReferMode.PASSTHROUGH, false));
    assertTrue(ReferHandling.handleLocally(ReferMode.HANDLE_LOCALLY, true));
    assertTrue(ReferHandling.handleLocally(ReferMode.AUTO, false), "auto: the peer's Allow lacks REFER");
    assertFalse(ReferHandling.handleLocally(ReferMode.AUTO, true), "auto: the peer lists REFER (or is unknown)");
    assertFalse(ReferHandling.handleLocally(null, false), "a transferee that is no trunk: passthrough");
  }
}
