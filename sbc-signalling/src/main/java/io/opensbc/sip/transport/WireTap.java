package io.opensbc.sip.transport;

/**
 * Sees every SIP message the listeners receive and send (SIP capture). Called on the transport's
 * thread: it must not block and should hand the message on quickly.
 */
@FunctionalInterface
public interface WireTap {
  void onWire(WireMessage message);
}
