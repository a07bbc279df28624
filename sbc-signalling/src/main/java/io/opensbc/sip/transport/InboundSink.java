package io.opensbc.sip.transport;

import io.opensbc.sip.message.SipMessage;

/** Receives every well-formed message the transports read. Called on the transport's thread. */
@FunctionalInterface
public interface InboundSink {
  void onMessage(SipMessage message, Source source);

  /**
   * Whether a datagram from this address is to be dropped before it is parsed (a source blocked
   * for flooding, docs/flood-control.md). Called on the listener's thread for every datagram, so it
   * must be cheap; by default nothing is.
   */
  default boolean shed(String listener, String host, int port) {
    return false;
  }
}
