package io.opensbc.media.control;

/**
 * Which end of a DTLS-SRTP association the relay is on a leg (RFC 5763 §5): from the {@code
 * a=setup} exchanged in SDP, {@code active} opens the connection (client) and {@code passive}
 * waits for it (server).
 */
public enum DtlsRole {
  /** We sent (or were told) {@code a=setup:active}: the relay sends the ClientHello. */
  CLIENT,
  /** We sent {@code a=setup:passive}, or answered ours with active: the relay waits for it. */
  SERVER
}
