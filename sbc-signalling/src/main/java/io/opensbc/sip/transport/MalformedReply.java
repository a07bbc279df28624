package io.opensbc.sip.transport;

import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SipWriter;
import io.vertx.core.buffer.Buffer;

/**
 * The answer to a malformed request (RFC 3261 §8.2, §16.3): a stateless response carrying the
 * headers that could be read and the reason as a Warning and in the reason phrase. Responses
 * and messages without a readable Via get nothing.
 */
final class MalformedReply {
  private MalformedReply() {}

  /** The encoded response, or null when none can be built (not a request, or no Via). */
  static Buffer build(Decoded.Malformed m) {
    if (!m.request()) {
      return null;
    }
    Headers p = m.partial();
    if (p == null || p.first(HeaderNames.VIA) == null) {
      return null;
    }
    Headers.Builder b = Headers.builder();
    for (String name : new String[] {HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO,
        HeaderNames.CALL_ID, HeaderNames.CSEQ}) {
      for (String v : p.values(name)) {
        b.add(name, v);
      }
    }
    String reason = printable(m.reason());
    b.add(HeaderNames.WARNING, "399 opensbc \"" + reason.replace('"', '\'') + "\"");
    int status = m.status() >= 400 && m.status() <= 699 ? m.status() : 400;
    return SipWriter.encode(new SipResponse(status, defaultPhrase(status) + " (" + reason + ")", b.build(), null));
  }

  private static String defaultPhrase(int status) {
    return switch (status) {
      case 505 -> "Version Not Supported";
      case 413 -> "Request Entity Too Large";
      case 414 -> "Request-URI Too Long";
      case 513 -> "Message Too Large";
      default -> "Bad Request";
    };
  }

  private static String printable(String s) {
    if (s == null) {
      return "malformed";
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 120));
    for (int i = 0; i < s.length() && sb.length() < 120; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }
}
