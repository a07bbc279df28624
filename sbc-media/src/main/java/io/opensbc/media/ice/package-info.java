/**
 * STUN (RFC 8489, RFC 5389) for an ICE-lite agent (RFC 8445).
 *
 * <p>Owns: the STUN message codec ({@link io.opensbc.media.ice.StunCodec}, {@link
 * io.opensbc.media.ice.StunMessage}, {@link io.opensbc.media.ice.StunAttribute}), the
 * demultiplexing check for a socket that also carries RTP, RTCP and DTLS (RFC 7983), and the
 * ICE-lite Binding responder ({@link io.opensbc.media.ice.IceLiteResponder}).
 *
 * <p>Imports only the JDK ({@code HmacSHA1}, {@code CRC32}). It knows nothing of SDP, the relay or
 * signalling; the relay will call it. Garbage is a result value ({@link
 * io.opensbc.media.ice.StunDecodeResult.Malformed}, {@link
 * io.opensbc.media.ice.IceLiteResponder.Verdict.Drop}), never an exception.
 */
package io.opensbc.media.ice;
