package io.opensbc.sip.message.codec;

import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipMessage;

/** What the codec made of some bytes: a message, a malformed message, or a keep-alive. */
public sealed interface Decoded permits Decoded.Message, Decoded.Malformed, Decoded.KeepAlive {

  record Message(SipMessage message) implements Decoded {}

  /**
   * Bytes that are not a valid SIP message. {@code status} is what to answer (400; 505 for an
   * unsupported SIP version; 513 for an oversized message), {@code request} whether the start
   * line looked like a request (responses are never answered), {@code partial} the headers that
   * could be read (for building the answer), {@code fatal} whether stream framing is lost (a
   * TCP connection must be closed).
   */
  record Malformed(String reason, int status, boolean request, Headers partial, boolean fatal)
      implements Decoded {}

  /** CRLF keep-alive (RFC 5626 §4.4.1): a double CRLF "ping" on a stream is answered with CRLF. */
  record KeepAlive(boolean doubleCrlf) implements Decoded {}
}
