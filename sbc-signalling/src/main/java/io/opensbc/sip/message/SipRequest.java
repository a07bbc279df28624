package io.opensbc.sip.message;

import io.vertx.core.buffer.Buffer;

/** A SIP request. {@code uri} is the Request-URI exactly as it goes on the wire. */
public record SipRequest(String method, String uri, Headers headers, Buffer body)
    implements SipMessage {

  public static final String INVITE = "INVITE";
  public static final String ACK = "ACK";
  public static final String BYE = "BYE";
  public static final String CANCEL = "CANCEL";
  public static final String OPTIONS = "OPTIONS";
  public static final String REGISTER = "REGISTER";
  public static final String PRACK = "PRACK";
  public static final String UPDATE = "UPDATE";
  public static final String INFO = "INFO";
  public static final String REFER = "REFER";
  public static final String NOTIFY = "NOTIFY";
  public static final String SUBSCRIBE = "SUBSCRIBE";
  public static final String MESSAGE = "MESSAGE";

  private static final String[] METHODS = {INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, UPDATE, INFO, REFER,
      NOTIFY, SUBSCRIBE, MESSAGE};

  /**
   * The method that {@code text} starts with up to {@code end}: one of the constants above when it
   * is one (so methods compare by reference first everywhere), else cut out of the text.
   */
  public static String method(String text, int end) {
    for (String m : METHODS) {
      if (m.length() == end && text.startsWith(m)) {
        return m;
      }
    }
    return text.substring(0, end);
  }

  public SipRequest {
    if (body == null) {
      body = Buffer.buffer(0);
    }
  }

  @Override
  public SipRequest withHeaders(Headers h) {
    return new SipRequest(method, uri, h, body);
  }

  public SipRequest withUri(String newUri) {
    return new SipRequest(method, newUri, headers, body);
  }

  public SipRequest withBody(Buffer newBody) {
    return new SipRequest(method, uri, headers, newBody);
  }

  public boolean isInvite() {
    return INVITE.equals(method);
  }

  public boolean isAck() {
    return ACK.equals(method);
  }

  public boolean isCancel() {
    return CANCEL.equals(method);
  }
}
