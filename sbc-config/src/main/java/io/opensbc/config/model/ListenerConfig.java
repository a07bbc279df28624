package io.opensbc.config.model;

/** One SIP listener: {@code port} 0 binds an ephemeral port (tests). */
public record ListenerConfig(String name, Transport transport, String host, int port) {}
