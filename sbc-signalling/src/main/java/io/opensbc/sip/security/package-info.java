/**
 * Edge security of the signalling (docs/security.md): access control per listener and trunk
 * ({@link io.opensbc.sip.security.AccessPolicy}), digest authentication with HMAC nonces
 * ({@link io.opensbc.sip.security.DigestAuth}), the registrar and location service
 * ({@link io.opensbc.sip.security.Registrar}, {@link io.opensbc.sip.security.LocationStore}) and
 * brute-force bans ({@link io.opensbc.sip.security.AuthFailureStore}). Imports message, transport,
 * transaction and routing; the B2BUA calls it, never the other way round.
 */
package io.opensbc.sip.security;
