package io.opensbc.media.control;

/** How a leg's local endpoint carries RTCP. */
public enum RtcpMode {
  /** RTP on an even port, RTCP on the next odd port (RFC 3550 section 11). */
  PAIR,
  /** RTP and RTCP on one port (RFC 5761); the odd port of the pair stays unbound. */
  MUX
}
