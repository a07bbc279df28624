/**
 * DTLS-SRTP (RFC 5763, RFC 5764) keying for the relay, on Bouncy Castle's DTLS 1.2.
 *
 * <p>Owns: the node's certificate ({@link io.opensbc.media.dtls.DtlsIdentity}, ECDSA P-256,
 * self-signed, its {@code a=fingerprint}), the check of a peer's certificate against the
 * fingerprint in its SDP ({@link io.opensbc.media.dtls.CertificateFingerprint}), the {@code
 * use_srtp} client and server ({@link io.opensbc.media.dtls.DtlsSrtpClient}, {@link
 * io.opensbc.media.dtls.DtlsSrtpServer}), the key split of the exporter output ({@link
 * io.opensbc.media.dtls.DtlsSrtpKeys}), the bounded datagram queue that feeds Bouncy Castle's
 * blocking transport ({@link io.opensbc.media.dtls.QueuedDatagramTransport}) and the handshake
 * itself ({@link io.opensbc.media.dtls.DtlsHandshake}).
 *
 * <p>Bouncy Castle's DTLS is blocking: everything here that touches the network runs on a worker
 * thread, never on an event loop (ADR 0010). Imports the JDK, Bouncy Castle, {@code
 * io.opensbc.media.srtp} and the {@code DtlsRole} of the control port; never the relay, SDP or
 * signalling.
 */
package io.opensbc.media.dtls;
