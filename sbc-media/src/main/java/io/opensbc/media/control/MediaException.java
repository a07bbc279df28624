package io.opensbc.media.control;

/**
 * Why a media operation failed, with the call it was for. A value more than an error: no stack
 * trace is captured (port exhaustion under load must stay cheap). Signalling maps the reason to a
 * SIP answer ({@link Reason#PORTS_EXHAUSTED} and {@link Reason#SESSION_LIMIT} are a 503).
 */
public final class MediaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** No RTP port (pair) left in the pool, or none that could be bound. */
    PORTS_EXHAUSTED,
    /** The node's session limit is reached. */
    SESSION_LIMIT,
    /** The handle names a session this node does not hold (released, or never allocated here). */
    NO_SUCH_SESSION,
    /** A remote address that is not an IP literal of the relay's address family. */
    INVALID_ADDRESS,
    /** The relay is stopping or stopped. */
    STOPPED,
    /**
     * A DTLS-SRTP handshake failed: timed out, the peer's certificate did not match its SDP
     * fingerprint, no SRTP profile in common, an alert, or too many handshakes at once.
     */
    DTLS_FAILED
  }

  private final String callRef;
  private final Reason reason;

  public MediaException(String callRef, Reason reason, String detail) {
    super("callRef=" + callRef + " " + reason + (detail == null ? "" : ": " + detail), null, false, false);
    this.callRef = callRef;
    this.reason = reason;
  }

  public String callRef() {
    return callRef;
  }

  public Reason reason() {
    return reason;
  }
}
