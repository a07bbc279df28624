package io.opensbc.config.model;

import java.time.Duration;

/** RFC 3261 T1, T2, T4. */
public record SipTimers(Duration t1, Duration t2, Duration t4) {}
