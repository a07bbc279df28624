package io.opensbc.sip.transport;

import io.vertx.core.buffer.Buffer;

/** Sends encoded SIP messages; implemented by the transports. Safe to call from any thread. */
public interface SipSender {

  /**
   * Sends the bytes; {@code onError} runs (on an unspecified thread) when the transport fails
   * (no connection, write error). UDP send errors are reported too but are rare.
   */
  void send(Buffer bytes, Destination destination, Runnable onError);

  /** The address a peer should use to reach us on that listener (Via sent-by, Contact). */
  ListenerAddress address(String listener);
}
