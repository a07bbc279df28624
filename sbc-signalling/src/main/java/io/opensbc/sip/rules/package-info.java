/**
 * Message manipulation (docs/rules.md): the configured rule sets and the per-trunk policies
 * (RFC 3325 trust, response map, identity) compiled once into a {@link io.opensbc.sip.rules.RuleBook}
 * and applied to each message crossing a trunk, inbound or outbound. Imports the message model and
 * the configuration model only; the B2BUA calls it, it never calls the B2BUA.
 */
package io.opensbc.sip.rules;
