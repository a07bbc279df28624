package io.opensbc.media.control;

/** Where on a leg a {@link PacketTransform} applies. */
public enum Direction {
  /** Packets received on this leg from its remote peer, before anything else sees them (SRTP unprotect). */
  INBOUND,
  /** Packets about to leave this leg towards its remote peer (SRTP protect). */
  OUTBOUND
}
