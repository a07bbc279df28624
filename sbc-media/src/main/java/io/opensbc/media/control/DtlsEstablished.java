package io.opensbc.media.control;

/**
 * A leg's DTLS-SRTP handshake completed: the peer's certificate matched its fingerprint and SRTP
 * keys from the exporter are installed on the leg.
 *
 * @param role our end of the association
 * @param srtpProfile the negotiated profile by its SDES name, e.g. {@code AES_CM_128_HMAC_SHA1_80}
 * @param handshakeMillis from the start of the handshake to the keys being ready
 */
public record DtlsEstablished(DtlsRole role, String srtpProfile, long handshakeMillis) {}
