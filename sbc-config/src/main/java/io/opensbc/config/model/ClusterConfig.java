package io.opensbc.config.model;

import java.util.List;

/**
 * Cluster membership.
 *
 * @param name cluster name; default "sbc"
 * @param host bind address; default 127.0.0.1
 * @param port default 5701; 0 = auto
 * @param members other members as "host:port"; empty = alone
 * @param backupCount synchronous backups of each call's state; default 1
 */
public record ClusterConfig(
    String name, String host, int port, List<String> members, int backupCount) {
  public static final ClusterConfig DEFAULT =
      new ClusterConfig(
          Defaults.CLUSTER_NAME,
          Defaults.CLUSTER_HOST,
          Defaults.CLUSTER_PORT,
          List.of(),
          Defaults.BACKUP_COUNT);

  public ClusterConfig {
    members = members == null ? List.of() : List.copyOf(members);
  }
}
