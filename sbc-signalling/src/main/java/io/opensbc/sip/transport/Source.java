package io.opensbc.sip.transport;

import io.opensbc.config.model.Transport;

/**
 * Where a message came from: the listener that received it, the transport, the peer's address
 * and, for TCP, the connection (0 for UDP) so responses can go back on it (RFC 3261 §18.2.2).
 */
public record Source(String listener, Transport transport, String host, int port, long connectionId) {}
