package io.opensbc.config.model;

import java.time.Duration;

/** Bounds on what a node accepts; beyond them it refuses or sheds, never queues without end. */
public record SipLimits(int maxMessageBytes, int maxHeaders, int maxConnections, Duration tcpIdleTimeout,
    int maxCalls, int retryAfterSeconds, Duration maxCallDuration) {}
