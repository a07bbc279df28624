/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) and SDES keys (RFC 4568).
 *
 * <p>Owns: the protection profiles ({@link io.opensbc.media.srtp.SrtpProfile}), the key derivation
 * function ({@link io.opensbc.media.srtp.SrtpKeyDerivation}), the per-SSRC, per-direction
 * transform ({@link io.opensbc.media.srtp.SrtpContext}) with its replay window, and the {@code
 * a=crypto} key parameters ({@link io.opensbc.media.srtp.SdesKeys},
 * {@link io.opensbc.media.srtp.SdesCrypto}).
 *
 * <p>Imports only the JDK: per-packet crypto is the JCE ({@code AES/CTR/NoPadding}, {@code
 * HmacSHA1}, {@code AES/GCM/NoPadding}). It knows nothing of SDP, the relay or signalling; those
 * call it. Packets are transformed in place in caller-owned byte arrays; a malformed, forged or
 * replayed packet is a negative status ({@link io.opensbc.media.srtp.SrtpDrop}), never an
 * exception.
 */
package io.opensbc.media.srtp;
