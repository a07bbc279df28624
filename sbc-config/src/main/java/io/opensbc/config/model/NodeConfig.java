package io.opensbc.config.model;

import java.time.Duration;

/** {@code node:} name, how long SIGTERM waits for calls, shard count (0 = one per event loop). */
public record NodeConfig(String name, Duration drainTimeout, int workers) {}
