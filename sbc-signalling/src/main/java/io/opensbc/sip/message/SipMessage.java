package io.opensbc.sip.message;

import io.vertx.core.buffer.Buffer;

/** A SIP request or response (RFC 3261 §7). Immutable: every change returns a new message. */
public sealed interface SipMessage permits SipRequest, SipResponse {

  Headers headers();

  /** The body; an empty buffer when there is none. Treat as read-only. */
  Buffer body();

  SipMessage withHeaders(Headers headers);

  default String callId() {
    return headers().first(HeaderNames.CALL_ID);
  }

  /** The parsed CSeq, or null if absent or malformed. */
  default CSeq cseq() {
    String v = headers().first(HeaderNames.CSEQ);
    return v == null ? null : CSeq.parse(v).orNull();
  }

  /** The topmost Via, or null if absent or malformed. */
  default Via topVia() {
    String v = headers().first(HeaderNames.VIA);
    return v == null ? null : Via.parse(v).orNull();
  }

  default NameAddr from() {
    String v = headers().first(HeaderNames.FROM);
    return v == null ? null : NameAddr.parse(v).orNull();
  }

  default NameAddr to() {
    String v = headers().first(HeaderNames.TO);
    return v == null ? null : NameAddr.parse(v).orNull();
  }

  default String header(String name) {
    return headers().first(name);
  }
}
