/**
 * Per-trunk signalling behaviour: the SBC's FQDN towards the trunk, trunk templates (Microsoft
 * Teams Direct Routing), session timers (RFC 4028) and the handling of provisional responses
 * (docs/teams.md).
 */
package io.opensbc.config.model.signalling;
