package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.CSeq;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.Via;
import java.util.Locale;

/**
 * What matches a message to a transaction (RFC 3261 §17.1.3 for clients, §17.2.3 for servers).
 * Two messages belong to the same transaction when their keys are equal.
 *
 * <p>An RFC 3261 key has {@code branch} (with the magic cookie), {@code method} and, for servers,
 * {@code sentBy}; {@code rfc2543} is null. An RFC 2543 key (the top Via branch lacks
 * "z9hG4bK") has only {@code method} and {@code rfc2543}, the identifying header values joined.
 * Building a key never throws: a missing header contributes an empty value.
 *
 * @param branch the top Via branch, or null for an RFC 2543 key
 * @param sentBy the top Via sent-by as {@code host:port} (host lower-cased, port -1 when absent),
 *     or null for client and RFC 2543 keys
 * @param method the method of the request that created the transaction
 * @param rfc2543 the RFC 2543 matching values, or null for an RFC 3261 key
 */
public record TransactionKey(String branch, String sentBy, String method, String rfc2543) {

  /**
   * The server transaction a request belongs to. "the ACK ... matches the transaction" of the
   * INVITE (for a non-2xx final response), so an ACK maps to the INVITE's key; a CANCEL has a
   * transaction of its own (see {@link #forCancelTarget} for the INVITE it cancels).
   *
   * <p>RFC 3261 §17.2.3: "the branch parameter in the request is equal to the one in the top Via
   * header field of the request that created the transaction, the sent-by value in the top Via of
   * the request is equal to the one in the request that created the transaction, and the method
   * of the request matches the one that created the transaction, except for ACK, where the method
   * of the request that created the transaction is INVITE."
   */
  public static TransactionKey forServer(SipRequest request) {
    String method = request.isAck() ? SipRequest.INVITE : request.method();
    return serverKey(request, method, !request.isInvite() && !request.isAck());
  }

  /**
   * The key of the INVITE server transaction that a CANCEL cancels (RFC 3261 §9.2: "the
   * transaction ... is the one whose key matches the CANCEL, ... with the method INVITE").
   */
  public static TransactionKey forCancelTarget(SipRequest cancel) {
    return serverKey(cancel, SipRequest.INVITE, false);
  }

  /**
   * The client transaction a response belongs to. RFC 3261 §17.1.3: "If the response has the same
   * value of the branch parameter in the top Via header field as the branch parameter in the top
   * Via header field of the request that created the transaction" and "If the method parameter in
   * the CSeq header field matches the method of the request that created the transaction."
   */
  public static TransactionKey forClient(SipResponse response) {
    return clientKey(response);
  }

  /** The key a client transaction is registered under when it sends {@code request}. */
  public static TransactionKey forClient(SipRequest request) {
    return clientKey(request);
  }

  /** True for a key built from a branch with the RFC 3261 magic cookie. */
  public boolean isRfc3261() {
    return rfc2543 == null;
  }

  private static TransactionKey clientKey(SipMessage m) {
    Via via = m.topVia();
    CSeq cseq = m.cseq();
    return new TransactionKey(
        via == null ? null : via.branch(), null, cseq == null ? null : cseq.method(), null);
  }

  private static TransactionKey serverKey(SipRequest r, String method, boolean withToTag) {
    Via via = r.topVia();
    String branch = via == null ? null : via.branch();
    if (branch != null && branch.startsWith(Via.MAGIC_COOKIE)) {
      String sentBy = via.host().toLowerCase(Locale.ROOT) + ":" + via.port();
      return new TransactionKey(branch, sentBy, method, null);
    }
    return new TransactionKey(null, null, method, rfc2543(r, withToTag));
  }

  /**
   * RFC 3261 §17.2.3, for requests from RFC 2543 elements: "The INVITE request matches a
   * transaction if the Request-URI, To tag, From tag, Call-ID, CSeq, and top Via header field
   * match those of the INVITE request which created the transaction. ... The ACK request matches
   * a transaction if the Request-URI, From tag, Call-ID, CSeq number (not the method), and top Via
   * header field match those of the INVITE request which created the transaction, and the To tag
   * of the ACK matches the To tag of the response sent by the server transaction." An equality
   * key cannot hold "the To tag of the response", so INVITE, its ACK and a CANCEL's target leave
   * the To tag out; every other method keeps it ("For all other request methods, a request is
   * matched to a transaction if the Request-URI, To tag, From tag, Call-ID, CSeq (including the
   * method), and top Via header field match").
   */
  private static String rfc2543(SipRequest r, boolean withToTag) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(r.uri()).append('\n');
    if (withToTag) {
      sb.append(tag(r.to()));
    }
    sb.append('\n').append(tag(r.from())).append('\n');
    sb.append(nullToEmpty(r.callId())).append('\n');
    CSeq cseq = r.cseq();
    sb.append(cseq == null ? "" : Long.toString(cseq.seq())).append('\n');
    Via via = r.topVia();
    sb.append(via != null ? via.toString() : nullToEmpty(r.headers().first(HeaderNames.VIA)));
    return sb.toString();
  }

  private static String tag(NameAddr a) {
    return a == null || a.tag() == null ? "" : a.tag();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
