package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.CSeq;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;

/**
 * Builds the ACK that an INVITE client transaction sends for a 300-699 response (RFC 3261
 * §17.1.1.3). Not for the ACK to a 2xx: that one is a request of its own, built by the dialog
 * (RFC 3261 §13.2.2.4).
 */
public final class AckFactory {
  /** RFC 3261 §8.1.1.6: "A UAC MUST insert a Max-Forwards header field ... 70". */
  public static final String MAX_FORWARDS = "70";

  private AckFactory() {}

  public static SipRequest ackFor(SipRequest invite, SipResponse response) {
    Headers.Builder h = Headers.builder();
    // "The ACK MUST contain a single Via header field, and this MUST be equal to the top Via
    // header field of the original request."
    String topVia = invite.headers().first(HeaderNames.VIA);
    if (topVia != null) {
      h.add(HeaderNames.VIA, topVia);
    }
    // "If the INVITE request whose response is being acknowledged had Route header fields,
    // those header fields MUST appear in the ACK."
    for (String route : invite.headers().values(HeaderNames.ROUTE)) {
      h.add(HeaderNames.ROUTE, route);
    }
    h.add(HeaderNames.MAX_FORWARDS, MAX_FORWARDS);
    // "The ACK request constructed by the client transaction MUST contain values for the
    // Call-ID, From, and Request-URI that are equal to the values of those header fields in the
    // request passed to the transport by the client transaction."
    copy(invite.headers(), HeaderNames.FROM, h);
    // "The To header field in the ACK MUST equal the To header field in the response being
    // acknowledged, and therefore will usually differ from the To header field in the original
    // request by the addition of the tag parameter."
    copy(response.headers(), HeaderNames.TO, h);
    copy(invite.headers(), HeaderNames.CALL_ID, h);
    // "The CSeq header field in the ACK MUST contain the same value for the sequence number as
    // was present in the original request, but the method parameter MUST be equal to "ACK"."
    CSeq cseq = invite.cseq();
    if (cseq != null) {
      h.add(HeaderNames.CSEQ, new CSeq(cseq.seq(), SipRequest.ACK).toString());
    }
    h.add(HeaderNames.CONTENT_LENGTH, "0");
    return new SipRequest(SipRequest.ACK, invite.uri(), h.build(), null);
  }

  private static void copy(Headers from, String name, Headers.Builder to) {
    String v = from.first(name);
    if (v != null) {
      to.add(name, v);
    }
  }
}
