package io.opensbc.config.model;

import java.time.Duration;
import java.util.List;

/** Every default of the configuration, in one place (docs/configuration.md lists the same). */
public final class Defaults {
  private Defaults() {}

  public static final String NODE_NAME = "node1";
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  public static final int WORKERS = 0;

  public static final AdminConfig ADMIN = new AdminConfig("127.0.0.1", 8080, true);
  public static final ClusterConfig CLUSTER = new ClusterConfig("sbc", "127.0.0.1", 5701, List.of(), 1);

  public static final int TRUNK_PORT = 5060;
  public static final Transport TRUNK_TRANSPORT = Transport.UDP;

  public static final SipTimers TIMERS =
      new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));
  public static final SipLimits LIMITS = new SipLimits(65535, 256, 1024, Duration.ofSeconds(300),
      100_000, 5, Duration.ofHours(4));
}
