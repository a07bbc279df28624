package io.opensbc.cluster.membership;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.opensbc.cluster.store.HazelcastCallLogStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the Hazelcast member and the clustered Vert.x on it, bound to one address, with
 * multicast, auto-detection and phone-home off (STACK.md): a node never reaches outside the
 * addresses it is given. Hazelcast's start blocks, so it runs on a worker thread.
 */
public final class ClusterBootstrap {
  /** Held so the level set on it is not lost when the logger is garbage collected. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";
  private static final String LOCAL_ADDRESS = "hazelcast.local.localAddress";
  /** How long a call's ownership claim is kept: longer than any call lasts. */
  private static final int CLAIM_TTL_SECONDS = 24 * 3600;
  private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
  private ClusterBootstrap() {}

  public static Config hazelcastConfig(ClusterSettings s) {
    Config c = ConfigUtil.loadConfig();
    c.setClusterName(s.clusterName());
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.logging.type", "jdk");
    c.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(Math.max(1, s.heartbeat().toSeconds())));
    c.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(Math.max(2, s.maxNoHeartbeat().toSeconds())));
    c.setProperty("hazelcast.connection.monitor.max.faults", "2");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    c.getJetConfig().setEnabled(false);
    // the cluster manager finds its node id here when it wraps a member it did not create
    c.getMemberAttributeConfig().setAttribute(VERTX_NODE_ID, UUID.randomUUID().toString());
    NetworkConfig net = c.getNetworkConfig();
    net.setPort(s.port() == 0 ? 5701 : s.port()).setPortAutoIncrement(s.port() == 0);
    if (otherLoopback(s.host())) {
      // 127.0.0.2 and up are not any interface's address, yet bindable: Hazelcast picks them only
      // when told so (one member per JVM: a loopback lab of nodes on 127.0.0.1, .2, .3)
      System.setProperty(LOCAL_ADDRESS, s.host());
      net.getInterfaces().setEnabled(false);
    } else {
      net.getInterfaces().setEnabled(true).addInterface(s.host());
    }
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).getMembers().clear();
    join.getTcpIpConfig().addMember(s.host());
    for (String m : s.members()) {
      join.getTcpIpConfig().addMember(m);
    }
    c.addMapConfig(new MapConfig(HazelcastCallLogStore.LOGS).setBackupCount(s.backupCount()).setAsyncBackupCount(0));
    // a call's ownership claim is as safe as its log; claims outlive any call (max-call-duration)
    c.addMapConfig(new MapConfig(io.opensbc.cluster.ownership.CallOwners.OWNERS).setBackupCount(s.backupCount())
        .setAsyncBackupCount(0).setTimeToLiveSeconds(CLAIM_TTL_SECONDS));
    c.addMapConfig(new MapConfig(io.opensbc.cluster.ownership.NodeDirectory.NODES).setBackupCount(s.backupCount()));
    return c;
  }

  private static boolean otherLoopback(String host) {
    return host.startsWith("127.") && !host.equals("127.0.0.1");
  }

  /** Starts a member and a clustered Vert.x on it; {@code metrics} may be null (no metrics). */
  public static Future<ClusteredNode> start(ClusterSettings s, VertxOptions base, VertxMetricsFactory metrics) {
    HAZELCAST_LOG.setLevel(Level.WARNING);
    CompletableFuture<HazelcastInstance> started = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        started.complete(Hazelcast.newHazelcastInstance(hazelcastConfig(s)));
      } catch (RuntimeException e) {
        started.completeExceptionally(e);
      }
    }, "sbc-hazelcast-start");
    t.setDaemon(true);
    t.start();
    return Future.fromCompletionStage(started)
        .compose(hz -> {
          HazelcastClusterManager cm = new HazelcastClusterManager(hz);
          VertxOptions opts = new VertxOptions(base).setEventBusOptions(new EventBusOptions()
              .setHost(s.host()).setPort(0).setClusterPublicHost(s.host()));
          var builder = Vertx.builder().with(opts).withClusterManager(cm);
          if (metrics != null) {
            builder = builder.withMetrics(metrics);
          }
          return builder.buildClustered()
              .map(v -> new ClusteredNode(v, hz))
              .onFailure(e -> hz.shutdown());
        });
  }
}
