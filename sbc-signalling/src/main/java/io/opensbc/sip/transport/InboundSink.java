package io.opensbc.sip.transport;

import io.opensbc.sip.message.SipMessage;

/** Receives every well-formed message the transports read. Called on the transport's thread. */
@FunctionalInterface
public interface InboundSink {
  void onMessage(SipMessage message, Source source);
}
