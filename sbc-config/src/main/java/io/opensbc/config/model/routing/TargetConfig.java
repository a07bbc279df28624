package io.opensbc.config.model.routing;

import io.opensbc.config.model.Transport;

/**
 * One destination of a trunk: an IP address or an FQDN (resolved per RFC 3263: NAPTR, SRV, A/AAAA).
 *
 * @param host IP address or FQDN
 * @param port 0 = not given: an FQDN is then resolved with NAPTR/SRV, an IP address uses 5060
 * @param transport null = the trunk's transport (or, for an FQDN without port, what NAPTR says)
 * @param priority lower is tried first (default 1)
 * @param weight share among targets of the same priority (default 1; RFC 2782 style)
 */
public record TargetConfig(String host, int port, Transport transport, int priority, int weight) {}
