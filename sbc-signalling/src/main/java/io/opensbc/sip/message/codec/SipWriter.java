package io.opensbc.sip.message.codec;

import io.opensbc.sip.message.HeaderField;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a message on the wire: start line, headers in order with canonical names, then a
 * Content-Length the writer computes itself (any Content-Length header in the message is
 * ignored), the blank line and the body.
 */
public final class SipWriter {
  private SipWriter() {}

  public static Buffer encode(SipMessage m) {
    StringBuilder sb = new StringBuilder(512);
    if (m instanceof SipRequest r) {
      sb.append(r.method()).append(' ').append(r.uri()).append(" SIP/2.0\r\n");
    } else {
      SipResponse r = (SipResponse) m;
      sb.append("SIP/2.0 ").append(r.status()).append(' ').append(r.reason()).append("\r\n");
    }
    for (HeaderField f : m.headers().fields()) {
      if (f.name().equals(HeaderNames.CONTENT_LENGTH)) {
        continue;
      }
      sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
    }
    Buffer body = m.body();
    sb.append("Content-Length: ").append(body.length()).append("\r\n\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    Buffer out = Buffer.buffer(head.length + body.length());
    out.appendBytes(head);
    if (body.length() > 0) {
      out.appendBuffer(body);
    }
    return out;
  }
}
