package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.HeaderField;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;

/** The ACK a client INVITE transaction builds for a non-2xx final response (RFC 3261 §17.1.1.3). */
public final class AckFactory {
  private AckFactory() {}

  /**
   * "The ACK request constructed by the client transaction MUST contain values for the Call-ID,
   * From, and Request-URI that are equal to the values of those header fields in the request
   * passed to the transport by the client transaction ... The To header field in the ACK MUST
   * equal the To header field in the response being acknowledged ... The ACK MUST contain a single
   * Via header field, and this MUST be equal to the top Via header field of the original request
   * ... The CSeq header field in the ACK MUST contain the same value for the sequence number as
   * was present in the original request, but the method parameter MUST be equal to 'ACK' ... If
   * the INVITE request whose response is being acknowledged had Route header fields, those header
   * fields MUST appear in the ACK."
   */
  public static SipRequest forNon2xx(SipRequest invite, SipResponse response) {
    Headers.Builder h = Headers.builder();
    h.add(HeaderNames.VIA, invite.headers().first(HeaderNames.VIA));
    h.add(HeaderNames.MAX_FORWARDS, "70");
    h.add(HeaderNames.FROM, invite.headers().first(HeaderNames.FROM));
    String to = response.headers().first(HeaderNames.TO);
    h.add(HeaderNames.TO, to != null ? to : invite.headers().first(HeaderNames.TO));
    h.add(HeaderNames.CALL_ID, invite.callId());
    h.add(HeaderNames.CSEQ, invite.cseq().seq() + " ACK");
    for (HeaderField f : invite.headers().fields()) {
      if (f.name().equals(HeaderNames.ROUTE)) {
        h.add(f);
      }
    }
    return new SipRequest(SipRequest.ACK, invite.uri(), h.build(), null);
  }
}
