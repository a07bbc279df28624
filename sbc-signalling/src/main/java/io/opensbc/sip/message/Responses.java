package io.opensbc.sip.message;

/** Builds responses to a request as RFC 3261 §8.2.6.2 says: Via, From, To, Call-ID, CSeq copied. */
public final class Responses {
  private Responses() {}

  public static SipResponse create(SipRequest request, int status, String reason) {
    Headers.Builder b = Headers.builder();
    for (HeaderField f : request.headers().fields()) {
      String n = f.name();
      if (n.equals(HeaderNames.VIA) || n.equals(HeaderNames.FROM) || n.equals(HeaderNames.TO)
          || n.equals(HeaderNames.CALL_ID) || n.equals(HeaderNames.CSEQ)) {
        b.add(f);
      } else if (status == 100 && n.equals("Timestamp")) {
        b.add(f);
      }
    }
    return new SipResponse(status, reason == null ? reasonPhrase(status) : reason, b.build(), null);
  }

  /** Same as {@link #create} and sets a To tag when the request's To has none (status > 100). */
  public static SipResponse create(SipRequest request, int status, String reason, String toTag) {
    SipResponse r = create(request, status, reason);
    if (status > 100 && toTag != null) {
      NameAddr to = request.to();
      if (to != null && to.tag() == null) {
        return r.withHeaders(r.headers().set(HeaderNames.TO, to.withTag(toTag).toString()));
      }
    }
    return r;
  }

  /**
   * 503 with Retry-After (RFC 3261 §21.5.4) for load the node sheds: full, draining, overloaded,
   * or nowhere to send; {@code why} (nullable) goes into the reason phrase, {@code toTag} as in
   * {@link #create(SipRequest, int, String, String)}.
   */
  public static SipResponse serviceUnavailable(SipRequest request, String why, int retryAfterSeconds,
      String toTag) {
    SipResponse r = create(request, 503, why == null ? "Service Unavailable" : "Service Unavailable (" + why + ")",
        toTag);
    return r.withHeaders(r.headers().add(HeaderNames.RETRY_AFTER, Integer.toString(retryAfterSeconds)));
  }

  public static String reasonPhrase(int status) {
    return switch (status) {
      case 100 -> "Trying";
      case 180 -> "Ringing";
      case 181 -> "Call Is Being Forwarded";
      case 182 -> "Queued";
      case 183 -> "Session Progress";
      case 200 -> "OK";
      case 202 -> "Accepted";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Request Entity Too Large";
      case 415 -> "Unsupported Media Type";
      case 416 -> "Unsupported URI Scheme";
      case 420 -> "Bad Extension";
      case 480 -> "Temporarily Unavailable";
      case 481 -> "Call/Transaction Does Not Exist";
      case 482 -> "Loop Detected";
      case 483 -> "Too Many Hops";
      case 484 -> "Address Incomplete";
      case 486 -> "Busy Here";
      case 487 -> "Request Terminated";
      case 488 -> "Not Acceptable Here";
      case 491 -> "Request Pending";
      case 500 -> "Server Internal Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Server Time-out";
      case 505 -> "Version Not Supported";
      case 513 -> "Message Too Large";
      case 603 -> "Decline";
      default -> status < 200 ? "Session Progress" : status < 300 ? "OK" : "Error";
    };
  }
}
