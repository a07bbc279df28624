package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.time.Duration;

/** What a transaction asks its shell to do. */
public sealed interface TxEffect {
  record SendRequest(SipRequest request) implements TxEffect {}

  record SendResponse(SipResponse response) implements TxEffect {}

  /** Starts (or restarts) a timer. */
  record StartTimer(TimerName timer, Duration after) implements TxEffect {}

  record CancelTimer(TimerName timer) implements TxEffect {}

  /** Client: deliver a response to the TU. */
  record PassToTu(SipResponse response) implements TxEffect {}

  /** The transaction timed out (B, F; H for an INVITE server whose final response was never ACKed). */
  record Timeout() implements TxEffect {}

  record TransportFailure() implements TxEffect {}

  /** The shell forgets the transaction and cancels its timers. */
  record Terminated() implements TxEffect {}
}
