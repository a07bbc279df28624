package io.opensbc.config.model;

/** {@code admin:} the HTTP listener for /health, /metrics and the admin API (port 0 = ephemeral). */
public record AdminConfig(String host, int port, boolean enabled) {}
