package io.opensbc.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Cluster membership.
 *
 * @param name cluster name; default "sbc"
 * @param host bind address; default 127.0.0.1
 * @param port default 5701; 0 = auto
 * @param members other members as "host:port"; empty = alone
 * @param backupCount synchronous backups of each call's state; default 1
 * @param mode who takes new calls (docs/cluster.md); default active-active
 * @param heartbeat how often members tell each other they are alive; default 1s
 * @param maxNoHeartbeat a member silent this long is removed (a crashed one is noticed sooner,
 *     when its connections close); default 5s
 */
public record ClusterConfig(
    String name, String host, int port, List<String> members, int backupCount, Mode mode,
    Duration heartbeat, Duration maxNoHeartbeat) {
  public static final ClusterConfig DEFAULT =
      new ClusterConfig(
          Defaults.CLUSTER_NAME,
          Defaults.CLUSTER_HOST,
          Defaults.CLUSTER_PORT,
          List.of(),
          Defaults.BACKUP_COUNT,
          Mode.ACTIVE_ACTIVE,
          Defaults.CLUSTER_HEARTBEAT,
          Defaults.CLUSTER_MAX_NO_HEARTBEAT);

  public ClusterConfig {
    members = members == null ? List.of() : List.copyOf(members);
  }

  /** Membership only, with the default mode and failure detection. */
  public ClusterConfig(String name, String host, int port, List<String> members, int backupCount) {
    this(name, host, port, members, backupCount, Mode.ACTIVE_ACTIVE, Defaults.CLUSTER_HEARTBEAT,
        Defaults.CLUSTER_MAX_NO_HEARTBEAT);
  }

  /**
   * Who takes new calls: every node ({@code active-active}), or the {@code active} node of a pair
   * while its {@code passive} partner takes none until the active one leaves the cluster.
   */
  public enum Mode {
    ACTIVE_ACTIVE, ACTIVE, PASSIVE;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
