package io.opensbc.sip.admission;

import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipRequest;

/** INVITEs for the admission tests, built header by header. */
final class Invites {
  private Invites() {}

  /** An initial INVITE: From tag "f1", no To tag, one Via with {@code branch}. */
  static SipRequest invite(String ruri, String from, String to, String callId, long cseq, String branch) {
    return new SipRequest("INVITE", ruri, Headers.builder()
        .add("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + ";rport")
        .add("Max-Forwards", "70")
        .add("From", from + ";tag=f1")
        .add("To", to)
        .add("Call-ID", callId)
        .add("CSeq", cseq + " INVITE")
        .add("Contact", "<sip:carrier@192.0.2.10>")
        .add("Content-Length", "0")
        .build(), null);
  }

  /** An initial INVITE from {@code caller} to {@code callee} (user parts) with its own Call-ID. */
  static SipRequest call(String caller, String callee, String callId) {
    return invite("sip:" + callee + "@sbc.example.com", "<sip:" + caller + "@carrier.example.net>",
        "<sip:" + callee + "@sbc.example.com>", callId, 1, "z9hG4bK-" + callId);
  }
}
