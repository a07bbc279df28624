package io.opensbc.sip.transaction.fsm;

/** RFC 3261 §17 timers A to K (table 4 of §A) and RFC 6026's L and M. */
public enum TimerName {
  /** INVITE request retransmit interval, UDP only (client). */
  A,
  /** INVITE transaction timeout (client). */
  B,
  /** Wait time for response retransmits (client INVITE, Completed). */
  D,
  /** Non-INVITE request retransmit interval, UDP only (client). */
  E,
  /** Non-INVITE transaction timeout (client). */
  F,
  /** INVITE final response retransmit interval (server). */
  G,
  /** Wait time for ACK receipt (server INVITE, Completed). */
  H,
  /** Wait time for ACK retransmits (server INVITE, Confirmed). */
  I,
  /** Wait time for non-INVITE request retransmits (server). */
  J,
  /** Wait time for response retransmits (client non-INVITE, Completed). */
  K,
  /** RFC 6026: wait time for INVITE retransmits after a 2xx (server, Accepted). */
  L,
  /** RFC 6026: wait time for 2xx retransmits (client, Accepted). */
  M
}
