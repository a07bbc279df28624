package io.opensbc.sip.transaction;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transport.Source;

/** What sits above the transaction layer (the dialog/B2BUA core of a shard). */
public interface TransactionUser {

  /** A new request created a server transaction (never ACK or CANCEL). */
  void onRequest(ServerTransaction tx);

  /** An ACK that matched no server transaction: the ACK for a 2xx, end to end (RFC 3261 §17.2.3). */
  void onAck(SipRequest ack, Source source);

  /** A CANCEL matched the INVITE server transaction {@code invite}; the layer already answered 200. */
  void onCancel(ServerTransaction invite, SipRequest cancel);

  /** A response that matched no client transaction (e.g. a 2xx retransmitted after timer M). */
  void onStrayResponse(SipResponse response, Source source);

  /** A server transaction ended; {@code timedOut} when an INVITE final response was never ACKed (timer H). */
  default void onServerTerminated(ServerTransaction tx, boolean timedOut) {}
}
