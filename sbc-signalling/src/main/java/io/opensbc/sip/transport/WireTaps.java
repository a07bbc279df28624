package io.opensbc.sip.transport;

import io.opensbc.config.model.Transport;

/**
 * Where the listeners find the node's {@link WireTap}, if any. With no tap the listeners pay one
 * volatile read per message and allocate nothing; with one, a {@link WireMessage} per message.
 */
public final class WireTaps {
  private volatile WireTap tap;

  /** Installs the tap (null removes it). */
  public void set(WireTap t) {
    this.tap = t;
  }

  /** The installed tap, or null. */
  WireTap current() {
    return tap;
  }

  static void emit(WireTap t, boolean sent, Transport transport, String localHost, int localPort, String remoteHost,
      int remotePort, byte[] bytes) {
    try {
      t.onWire(new WireMessage(System.currentTimeMillis(), sent, transport, localHost, localPort, remoteHost,
          remotePort, bytes));
    } catch (RuntimeException e) {
      // capture must never break signalling
      java.util.logging.Logger.getLogger(WireTaps.class.getName()).log(java.util.logging.Level.FINE,
          "wire tap failed", e);
    }
  }
}
