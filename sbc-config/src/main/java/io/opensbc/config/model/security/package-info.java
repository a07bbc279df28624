/**
 * Edge security settings (docs/security.md): access control per listener and trunk, the registrar
 * with its credentials, and brute-force bans. Records only; secrets are masked in {@code toString()}.
 */
package io.opensbc.config.model.security;
