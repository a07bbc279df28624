package io.opensbc.config.model;

import java.time.Duration;

/**
 * This node.
 *
 * @param name node name in logs and the cluster; default: host name, else "node1"
 * @param drainTimeout how long a stopping node waits for calls to end; default 30s
 * @param workers event loops and SIP shards; default 0 = one
 */
public record NodeConfig(String name, Duration drainTimeout, int workers) {
  /** Evaluated once; the name is this host's name (see {@link Defaults#nodeName()}). */
  public static final NodeConfig DEFAULT =
      new NodeConfig(Defaults.nodeName(), Defaults.DRAIN_TIMEOUT, Defaults.WORKERS);
}
