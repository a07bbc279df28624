package io.opensbc.sip.message.codec;

import io.opensbc.sip.message.Headers;
import io.vertx.core.buffer.Buffer;

/** Framing for datagram transports: one datagram is one message (RFC 3261 §18.3). */
public final class DatagramFramer {
  private DatagramFramer() {}

  public static Decoded decode(Buffer packet, SizeLimits limits) {
    int len = packet.length();
    boolean onlyCrlf = true;
    for (int i = 0; i < len && onlyCrlf; i++) {
      byte b = packet.getByte(i);
      onlyCrlf = b == '\r' || b == '\n';
    }
    if (onlyCrlf) {
      return new Decoded.KeepAlive(len >= 4);
    }
    if (len > limits.maxMessageBytes()) {
      return new Decoded.Malformed("datagram of " + len + " bytes exceeds the limit of "
          + limits.maxMessageBytes(), 513, SipParser.looksLikeRequest(packet, 0), Headers.EMPTY, false);
    }
    return SipParser.parse(packet, limits);
  }
}
