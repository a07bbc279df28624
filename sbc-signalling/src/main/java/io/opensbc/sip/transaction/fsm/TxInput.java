package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;

/** What can happen to a transaction. */
public sealed interface TxInput {
  /** Client: a response from the transport. */
  record ResponseReceived(SipResponse response) implements TxInput {}

  /** Server: a retransmission of the request, or the ACK for a non-2xx final response. */
  record RequestReceived(SipRequest request) implements TxInput {}

  /** Server: the TU sends a response. */
  record TuResponse(SipResponse response) implements TxInput {}

  record TimerFired(TimerName timer) implements TxInput {}

  record TransportError() implements TxInput {}
}
