package io.opensbc.sip.message;

import io.vertx.core.buffer.Buffer;

/** A SIP response. */
public record SipResponse(int status, String reason, Headers headers, Buffer body)
    implements SipMessage {

  public SipResponse {
    if (body == null) {
      body = Buffer.buffer(0);
    }
  }

  @Override
  public SipResponse withHeaders(Headers h) {
    return new SipResponse(status, reason, h, body);
  }

  public SipResponse withStatus(int newStatus, String newReason) {
    return new SipResponse(newStatus, newReason, headers, body);
  }

  public SipResponse withBody(Buffer newBody) {
    return new SipResponse(status, reason, headers, newBody);
  }

  public boolean isProvisional() {
    return status < 200;
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public boolean isFinal() {
    return status >= 200;
  }

  /** The CSeq method, or null. */
  public String method() {
    CSeq c = cseq();
    return c == null ? null : c.method();
  }
}
