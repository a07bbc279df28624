/**
 * TLS for SIP (RFC 3261 §26.2, RFC 5922): the protocol and cipher-suite policy, loading and
 * checking certificates (PEM or PKCS#12: readable, matching key, in date, the FQDN in the SAN),
 * watching them for a change, and self-signed lab certificates made with Bouncy Castle.
 *
 * <p>Owns no sockets: {@code transport.TcpListenerVerticle} runs the TLS connections with these
 * options. May import {@code config.model} and the JDK/Bouncy Castle security APIs only.
 */
package io.opensbc.sip.transport.tls;
