package io.opensbc.sip.b2bua.transfer;

import io.opensbc.sip.message.Responses;

/**
 * The body of a NOTIFY reporting a REFER's progress (RFC 3515 §2.4.5): a message/sipfrag (RFC 3420)
 * holding the status line of the INVITE's latest response.
 */
public final class Sipfrag {
  public static final String CONTENT_TYPE = "message/sipfrag;version=2.0";
  public static final String EVENT = "refer";

  private Sipfrag() {}

  /** {@code SIP/2.0 <status> <reason>} and CRLF; the standard reason phrase when none is given. */
  public static String statusLine(int status, String reason) {
    String r = reason == null || reason.isBlank() ? Responses.reasonPhrase(status) : reason;
    return "SIP/2.0 " + status + " " + r + "\r\n";
  }

  /** The Subscription-State of a NOTIFY: active until the final status, then terminated. */
  public static String subscriptionState(int status) {
    return status < 200 ? "active;expires=60" : "terminated;reason=noresource";
  }
}
