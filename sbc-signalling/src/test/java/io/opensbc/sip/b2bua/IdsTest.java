package io.opensbc.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** The owner on the wire (docs/cluster.md): our Call-IDs and A-side tags name the call and its node. */
class IdsTest {

  @Test
  void aClusteredCallIdNamesItsShardAndNode() {
    String id = Ids.callId(7, "nodeb");
    assertTrue(id.startsWith("sbc07-") && id.endsWith(".nodeb"), id);
    assertEquals(7, Ids.shardOf(id, 8));
    assertEquals("nodeb", Ids.nodeOf(id));
    assertEquals(id, Ids.callRefOf(id));
  }

  @Test
  void theASideTagLeadsBackToTheCall() {
    String id = Ids.callId(3, "a");
    String tag = Ids.aTagFor(id);
    assertNotEquals(id, tag);
    assertEquals(id, Ids.callRefOf(tag));
    assertEquals("a", Ids.nodeOf(tag));
  }

  @Test
  void outsideAClusterNothingNamesANode() {
    String id = Ids.callId(3, null);
    assertEquals(30, id.length());
    assertNull(Ids.nodeOf(id));
    assertNull(Ids.callRefOf(Ids.aTagFor(id)));
  }

  @Test
  void foreignIdentifiersNameNoCallOfOurs() {
    assertNull(Ids.callRefOf("1-12872@127.0.0.1"));
    assertNull(Ids.callRefOf("12872SIPpTag001"));
    assertNull(Ids.callRefOf("sbc0x-0123456789abcdef01234567.a"));
    assertNull(Ids.callRefOf("sbc00-0123456789abcdef01234567."));
    assertNull(Ids.callRefOf(null));
  }

  @Test
  void steeringFindsTheCallOnEitherLegAndInResponses() {
    String ref = Ids.callId(0, "c");
    String aTag = Ids.aTagFor(ref);
    // B leg: our Call-ID
    assertEquals(ref, CallSteering.callRefOf(request(ref, "x", "y")));
    // A leg request: the caller's Call-ID, our tag in To
    assertEquals(ref, CallSteering.callRefOf(request("caller-call", "caller", aTag)));
    // A leg response to our request (a re-INVITE from a node that took the call over): our tag in From
    SipRequest ours = request("caller-call", aTag, "caller");
    SipResponse r = new SipResponse(200, "OK", ours.headers(), null);
    assertEquals(ref, CallSteering.callRefOf(r));
    assertNull(CallSteering.callRefOf(request("caller-call", "caller", null)));
  }

  private static SipRequest request(String callId, String fromTag, String toTag) {
    Headers h = Headers.builder()
        .add(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1")
        .add(HeaderNames.FROM, "<sip:a@x>;tag=" + fromTag)
        .add(HeaderNames.TO, "<sip:b@y>" + (toTag == null ? "" : ";tag=" + toTag))
        .add(HeaderNames.CALL_ID, callId)
        .add(HeaderNames.CSEQ, "2 BYE")
        .build();
    return new SipRequest(SipRequest.BYE, "sip:b@y", h, null);
  }
}
