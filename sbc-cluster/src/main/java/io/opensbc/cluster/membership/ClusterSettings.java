package io.opensbc.cluster.membership;

import java.time.Duration;
import java.util.List;

/**
 * How a node joins its cluster: Hazelcast cluster name, bind host, port (0 = the first free one
 * from 5701), members to join by TCP ("host:port"; empty = alone), synchronous backups of the call
 * logs, and failure detection timing.
 */
public record ClusterSettings(String clusterName, String host, int port, List<String> members,
    int backupCount, Duration heartbeat, Duration maxNoHeartbeat) {
  public ClusterSettings {
    members = List.copyOf(members);
  }
}
