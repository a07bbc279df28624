package io.opensbc.sip.b2bua;

import io.opensbc.sip.transaction.ClientTransaction;
import io.opensbc.sip.transaction.ClientTransactionUser;

/**
 * A client-transaction user for which no answer counts as 408 and a transport error as 503 (RFC
 * 3261 §8.1.3.1), both handled in one place.
 */
abstract class LegFailures implements ClientTransactionUser {
  @Override
  public final void onTimeout(ClientTransaction tx) {
    failed(408, "Request Timeout");
  }

  @Override
  public final void onTransportError(ClientTransaction tx) {
    failed(503, "Service Unavailable");
  }

  abstract void failed(int status, String reason);
}
