package io.opensbc.cluster.failover;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import io.opensbc.cluster.ownership.CallOwnership;
import io.opensbc.cluster.ownership.NodeDirectory;
import io.opensbc.cluster.store.HazelcastCallLogStore;
import io.opensbc.config.model.ClusterConfig;
import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.SipLimits;
import io.opensbc.config.model.Transport;
import io.opensbc.sip.b2bua.SipStack;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * What a survivor does when a member leaves (docs/cluster.md, "Failover timeline"):
 * <ol>
 *   <li>the first survivor to see it binds the failed node's UDP listeners ("service
 *       addresses") so peers that keep sending there reach the cluster;</li>
 *   <li>every survivor adopts the calls of the failed node whose logs its partitions hold (a
 *       sweep just after the backups are promoted, and one more after the partitions settle);
 *       the claim makes each call adopted by exactly one node;</li>
 *   <li>a passive node takes new calls while no active node is a member.</li>
 * </ol>
 */
public final class Failover implements MembershipListener, LifecycleListener {
  private static final Logger LOG = Logger.getLogger(Failover.class.getName());
  /**
   * The sweeps after a member left (ms): the backups of its partitions are promoted within about
   * 0.1 s, but the partition table settles over a few seconds; a call adopted already is skipped.
   */
  static final long[] SWEEPS_MILLIS = {100, 300, 600, 1000, 2000, 4000};
  private static final long STANDBY_CHECK_MILLIS = 500;
  /** When to reconcile ownership after a member joined or a merge (the maps merge meanwhile). */
  static final long[] RECONCILE_MILLIS = {2000, 10000};

  /** A failed node's departure as this node saw it. */
  public record Departure(String node, long detectedAt) {}

  private final Vertx vertx;
  private final HazelcastInstance hz;
  private final NodeDirectory nodes;
  private final CallOwnership ownership;
  private final SipStack stack;
  private final ClusterConfig.Mode mode;
  private final SipLimits limits;
  private final List<Departure> departures = new CopyOnWriteArrayList<>();
  private long standbyTimer = -1;

  public Failover(Vertx vertx, HazelcastInstance hz, NodeDirectory nodes, CallOwnership ownership, SipStack stack,
      ClusterConfig.Mode mode, SipLimits limits) {
    this.vertx = vertx;
    this.hz = hz;
    this.nodes = nodes;
    this.ownership = ownership;
    this.stack = stack;
    this.mode = mode;
    this.limits = limits;
  }

  /** Starts watching membership (and, on a passive node, whether an active node is a member). */
  public void start() {
    hz.getCluster().addMembershipListener(this);
    hz.getLifecycleService().addLifecycleListener(this);
    if (mode == ClusterConfig.Mode.PASSIVE) {
      stack.standby(nodes.activeAlive());
      standbyTimer = vertx.setPeriodic(STANDBY_CHECK_MILLIS, t -> stack.standby(nodes.activeAlive()));
    }
  }

  public void stop() {
    if (standbyTimer >= 0) {
      vertx.cancelTimer(standbyTimer);
    }
  }

  /** The departures seen so far (for the admin API and the failover test). */
  public List<Departure> departures() {
    return List.copyOf(departures);
  }

  /**
   * A member joined, or this member merged back after a partition: a new member takes new calls
   * (calls stay with their owners), but after a merge both sides may carry the same call, so each
   * node lets go of the calls whose merged claim names another node, once the maps have merged.
   */
  @Override
  public void memberAdded(MembershipEvent e) {
    scheduleReconcile();
  }

  /** After a split brain healed (this member's side merged into the other). */
  @Override
  public void stateChanged(LifecycleEvent e) {
    if (e.getState() == LifecycleEvent.LifecycleState.MERGED) {
      scheduleReconcile();
    }
  }

  private void scheduleReconcile() {
    for (long delay : RECONCILE_MILLIS) {
      vertx.setTimer(delay, t -> ownership.reconcile()
          .onFailure(err -> LOG.warning("ownership reconciliation failed: " + err)));
    }
  }

  @Override
  public void memberRemoved(MembershipEvent e) {
    long detected = System.currentTimeMillis();
    for (NodeDirectory.NodeEntry dead : nodes.of(e.getMember().getUuid())) {
      departures.add(new Departure(dead.name(), detected));
      LOG.warning("node=" + dead.name() + " left the cluster; detected at " + detected);
      takeOverListeners(dead);
      if (mode == ClusterConfig.Mode.PASSIVE) {
        stack.standby(nodes.activeAlive());
      }
      for (long delay : SWEEPS_MILLIS) {
        vertx.setTimer(delay, t -> sweep(dead.name()));
      }
    }
  }

  /**
   * Binds the failed node's UDP listeners here (on loopback; in production the address moves by
   * VRRP). Every survivor tries as soon as it sees the member go (survivors learn it up to a second
   * apart); the first bind wins and the others find the address in use.
   */
  private void takeOverListeners(NodeDirectory.NodeEntry dead) {
    for (ListenerConfig l : dead.listeners()) {
      if (l.transport() != Transport.UDP) {
        continue;
      }
      stack.transports().takeOver(vertx, l, limits, stack)
          .onSuccess(v -> LOG.warning("node=" + dead.name() + ": took over its listener " + l.host() + ":" + l.port()))
          .onFailure(err -> LOG.info("node=" + dead.name() + ": its listener " + l.host() + ":" + l.port()
              + " is not bound here (" + err.getMessage() + "): another survivor holds it, or the address"
              + " moves by other means"));
    }
  }

  /** Adopts the failed node's calls whose logs this member's partitions own. */
  private void sweep(String dead) {
    vertx.executeBlocking(() -> hz.<String, byte[]>getMap(HazelcastCallLogStore.LOGS).localKeySet(), false)
        .onSuccess(keys -> ownership.adoptAll(keys, dead))
        .onFailure(err -> LOG.warning("node=" + dead + ": adoption sweep failed: " + err));
  }
}
