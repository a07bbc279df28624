package io.opensbc.media.sdp;

/**
 * What the rewriter does with {@code a=rtcp-mux} (RFC 5761 §5.1.1). An endpoint without a
 * separate RTCP port always gets {@code a=rtcp-mux}.
 */
public enum RtcpMuxPolicy {
  /** Keep it where the incoming SDP has it. */
  KEEP,
  /** Make sure it is there. */
  ADD,
  /** Take it out. */
  REMOVE
}
