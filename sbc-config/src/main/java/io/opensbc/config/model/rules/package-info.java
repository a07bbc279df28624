/**
 * Message-manipulation rules as configured (docs/rules.md): selectors, conditions, actions, and the
 * per-trunk policies (response map, identity) that compile to rules. Checked at load; compiled to
 * executable form by the signalling module.
 */
package io.opensbc.config.model.rules;
