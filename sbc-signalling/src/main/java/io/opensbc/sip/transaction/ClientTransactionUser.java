package io.opensbc.sip.transaction;

import io.opensbc.sip.message.SipResponse;

/** Receives what a client transaction reports. */
public interface ClientTransactionUser {
  void onResponse(ClientTransaction tx, SipResponse response);

  /** Timer B or F fired: no final response (the TU treats it as 408). */
  void onTimeout(ClientTransaction tx);

  /** The transport could not send the request (the TU treats it as 503). */
  void onTransportError(ClientTransaction tx);
}
