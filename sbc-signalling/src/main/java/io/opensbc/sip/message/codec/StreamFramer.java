package io.opensbc.sip.message.codec;

import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.Tokens;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Framing for stream transports (RFC 3261 §18.3): messages are cut by Content-Length, which is
 * mandatory on a stream. Handles several messages in one read, one message over many reads and
 * CRLF keep-alives between messages (RFC 5626 §4.4.1). When framing is lost (no or bad
 * Content-Length, oversized) it reports a fatal {@link Decoded.Malformed} and ignores the rest of
 * the stream. Holds at most maxMessageBytes + maxBodyBytes. One per connection; not thread-safe.
 */
public final class StreamFramer {
  private enum State { READING, DEAD }

  private final SizeLimits limits;
  private State state = State.READING;
  private Buffer pending = Buffer.buffer(0);

  public StreamFramer(SizeLimits limits) {
    this.limits = limits;
  }

  /**
   * True while bytes of an incomplete message are held (the slow-sender deadline runs); a
   * keep-alive CR/LF waiting for its next byte is no message.
   */
  public boolean partial() {
    if (state != State.READING) {
      return false;
    }
    for (int i = 0; i < pending.length(); i++) {
      byte b = pending.getByte(i);
      if (b != '\r' && b != '\n') {
        return true;
      }
    }
    return false;
  }

  public void feed(Buffer chunk, Consumer<Decoded> out) {
    if (state == State.DEAD) {
      return;
    }
    pending = pending.length() == 0 ? chunk.copy() : pending.appendBuffer(chunk);
    int pos = 0;
    while (state == State.READING) {
      int len = pending.length();
      // keep-alives and blank lines between messages
      if (pos < len && (pending.getByte(pos) == '\r' || pending.getByte(pos) == '\n')) {
        if (startsWith(pos, "\r\n\r\n")) {
          out.accept(new Decoded.KeepAlive(true));
          pos += 4;
          continue;
        }
        if (startsWith(pos, "\r\n") && len - pos >= 3 && pending.getByte(pos + 2) != '\r') {
          out.accept(new Decoded.KeepAlive(false));
          pos += 2;
          continue;
        }
        if (pending.getByte(pos) == '\n') {
          pos += 1;
          continue;
        }
        break; // a CR or CRLF whose meaning depends on bytes not yet read
      }
      if (pos >= len) {
        break;
      }
      int bodyStart = SipParser.headerEnd(pending, pos, len);
      if (bodyStart < 0) {
        if (len - pos > limits.maxMessageBytes()) {
          fail("header section longer than " + limits.maxMessageBytes() + " bytes", 513, pos, out);
        }
        break;
      }
      String head = pending.getString(pos, bodyStart, "ISO-8859-1");
      long cl = contentLength(head);
      if (cl == -1) {
        fail("missing Content-Length on a stream transport", 400, pos, out);
        break;
      }
      if (cl < 0) {
        fail("Content-Length is not a number", 400, pos, out);
        break;
      }
      if (cl > limits.maxBodyBytes() || bodyStart - pos + cl > limits.maxMessageBytes() + limits.maxBodyBytes()) {
        fail("body of " + cl + " bytes exceeds the limit of " + limits.maxBodyBytes(), 513, pos, out);
        break;
      }
      int end = bodyStart + (int) cl;
      if (end > len) {
        break; // wait for the rest of the body
      }
      Decoded d = SipParser.parse(pending.getBuffer(pos, end), relaxed());
      out.accept(d);
      pos = end;
    }
    pending = pos == 0 ? pending : pending.getBuffer(pos, pending.length());
    if (state == State.DEAD) {
      pending = Buffer.buffer(0);
    }
  }

  /** Per-message limits: the frame is already bounded by Content-Length. */
  private SizeLimits relaxed() {
    return new SizeLimits(limits.maxMessageBytes() + limits.maxBodyBytes(), limits.maxHeaders(),
        limits.maxLineBytes(), limits.maxBodyBytes(), limits.maxUriBytes(), limits.maxVias());
  }

  private void fail(String reason, int status, int pos, Consumer<Decoded> out) {
    state = State.DEAD;
    Headers partial = Headers.EMPTY;
    int end = SipParser.headerEnd(pending, pos, pending.length());
    if (end > 0) {
      Decoded d = SipParser.parse(pending.getBuffer(pos, end), relaxed());
      if (d instanceof Decoded.Malformed m) {
        partial = m.partial();
      } else if (d instanceof Decoded.Message msg) {
        partial = msg.message().headers();
      }
    }
    out.accept(new Decoded.Malformed(reason, status, SipParser.looksLikeRequest(pending, pos), partial, true));
  }

  private boolean startsWith(int pos, String s) {
    if (pending.length() - pos < s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (pending.getByte(pos + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The Content-Length of a header section: -1 when absent, -2 when not a number. */
  static long contentLength(String head) {
    int i = 0;
    int n = head.length();
    while (i < n) {
      int eol = head.indexOf('\n', i);
      int end = eol < 0 ? n : eol;
      int colon = head.indexOf(':', i);
      if (colon > i && colon < end) {
        String name = head.substring(i, colon).trim();
        if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("l")) {
          String v = head.substring(colon + 1, end).trim();
          if (!Tokens.isDigits(v, 9)) {
            return -2;
          }
          return Long.parseLong(v);
        }
      }
      i = end + 1;
    }
    return -1;
  }
}
