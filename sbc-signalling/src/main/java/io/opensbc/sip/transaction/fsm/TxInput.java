package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;

/** What happens to a transaction: a message from the network or the TU, a timer, a transport error. */
public sealed interface TxInput {

  /** Client: a response matched this transaction (RFC 3261 §17.1.3). */
  record ResponseReceived(SipResponse response) implements TxInput {}

  /**
   * Server: a request matched this transaction (RFC 3261 §17.2.3): a retransmission of the request
   * that created it, or the ACK for a non-2xx final response.
   */
  record RequestReceived(SipRequest request) implements TxInput {}

  /** Server: the TU sends a response through this transaction. */
  record TuResponse(SipResponse response) implements TxInput {}

  /** A timer this transaction started has fired. */
  record TimerFired(TimerName timer) implements TxInput {}

  /** The transport layer failed to send a message of this transaction (RFC 3261 §17.1.4, §17.2.4). */
  record TransportError() implements TxInput {}
}
