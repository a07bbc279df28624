package io.opensbc.config.model;

import java.util.List;

/** {@code cluster:} Hazelcast cluster name, bind address, port (0 = auto), members, backups. */
public record ClusterConfig(String name, String host, int port, List<String> members, int backupCount) {
  public ClusterConfig {
    members = List.copyOf(members);
  }
}
