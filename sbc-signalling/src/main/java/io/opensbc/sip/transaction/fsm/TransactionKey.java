package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.Via;
import java.util.Locale;

/**
 * What identifies a server transaction (RFC 3261 §17.2.3): the top Via's branch and sent-by and
 * the method, where ACK matches its INVITE. Requests whose branch lacks the RFC 3261 magic cookie
 * fall back to the RFC 2543 match (Request-URI, From tag, Call-ID, CSeq number, top Via).
 */
public record TransactionKey(String branch, String sentBy, String method) {

  public static TransactionKey forServer(SipRequest r) {
    String method = r.isAck() ? SipRequest.INVITE : r.method();
    return build(r, method);
  }

  /** The key of the INVITE transaction a CANCEL refers to (RFC 3261 §9.2). */
  public static TransactionKey forCancelTarget(SipRequest cancel) {
    return build(cancel, SipRequest.INVITE);
  }

  private static TransactionKey build(SipRequest r, String method) {
    Via via = r.topVia();
    String branch = via == null ? null : via.branch();
    String sentBy = via == null ? "" : via.host().toLowerCase(Locale.ROOT) + ":" + via.port();
    if (branch != null && branch.startsWith(Via.MAGIC_COOKIE)) {
      return new TransactionKey(branch, sentBy, method);
    }
    NameAddr from = r.from();
    String legacy = "2543|" + (r.isAck() || r.isCancel() ? "" : "") + r.uri() + '|'
        + (from == null ? "" : from.tag()) + '|' + r.callId() + '|'
        + (r.cseq() == null ? "" : r.cseq().seq()) + '|' + r.headers().first("Via");
    return new TransactionKey(legacy, sentBy, method);
  }
}
