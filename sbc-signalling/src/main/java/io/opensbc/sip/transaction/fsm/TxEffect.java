package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.time.Duration;

/** What the shell must do after a transition. See the package documentation for the order. */
public sealed interface TxEffect {

  /** Pass a request (the original, a retransmission, or an ACK) to the transport layer. */
  record SendRequest(SipRequest request) implements TxEffect {}

  /** Pass a response to the transport layer. */
  record SendResponse(SipResponse response) implements TxEffect {}

  /** Start a timer; starting a timer that runs restarts it. {@code after} is always positive. */
  record StartTimer(TimerName timer, Duration after) implements TxEffect {}

  /** Stop a timer; stopping a timer that does not run does nothing. */
  record CancelTimer(TimerName timer) implements TxEffect {}

  /** Client: deliver a response to the TU. */
  record PassToTu(SipResponse response) implements TxEffect {}

  /** Tell the TU the transaction timed out (timer B or F, or H for a server INVITE). */
  record Timeout() implements TxEffect {}

  /** Tell the TU the transport failed. */
  record TransportFailure() implements TxEffect {}

  /** The transaction reached "Terminated": forget it and cancel its timers. */
  record Terminated() implements TxEffect {}
}
