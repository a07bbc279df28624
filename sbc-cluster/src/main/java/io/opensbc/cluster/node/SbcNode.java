package io.opensbc.cluster.node;

import io.opensbc.cluster.membership.ClusterBootstrap;
import io.opensbc.cluster.membership.ClusterSettings;
import io.opensbc.cluster.membership.ClusteredNode;
import io.opensbc.cluster.failover.Failover;
import io.opensbc.cluster.ownership.CallOwners;
import io.opensbc.cluster.ownership.CallOwnership;
import io.opensbc.cluster.ownership.NodeDirectory;
import io.opensbc.cluster.store.HazelcastCallLogStore;
import io.opensbc.cluster.store.HazelcastTrunkHealthStore;
import io.opensbc.sip.routing.health.InMemoryTrunkHealthStore;
import io.opensbc.sip.routing.health.TrunkHealthStore;
import io.opensbc.cluster.store.InMemoryCallLogStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.sip.b2bua.CallLogStore;
import io.opensbc.sip.b2bua.SipStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.opensbc.sip.rules.RulesVerticle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One SBC node: a (clustered) Vert.x, the call-log store, the SIP stack and the admin listener.
 * Start order: cluster, store, shards, listeners, admin; stop order is the reverse.
 */
public final class SbcNode implements AdminBackend {
  private final SbcConfig config;
  private final Vertx vertx;
  private final ClusteredNode cluster;
  private final SipStack stack;
  private final long startedAt = System.currentTimeMillis();
  private final PrometheusMeterRegistry registry;
  private AdminServer admin;
  private volatile Path configFile;
  private final Set<String> registeredRuleHits = ConcurrentHashMap.newKeySet();
  private final io.opensbc.cluster.records.CallRecords records;
  private io.opensbc.cluster.capture.CallTraces traces;
  private io.opensbc.cluster.capture.HepExporter hep;
  private io.opensbc.cluster.membership.ClockWatch clockWatch;
  private NodeMetrics metrics;
  private CallOwnership ownership;
  private Failover failover;

  /**
   * How to run: {@code clustered} = on the Hazelcast cluster manager with the call logs in a
   * Hazelcast map (alone, it is an embedded single member); otherwise a plain Vert.x with the logs
   * in memory (for tools and tests that need no cluster).
   */
  public record Options(boolean clustered) {
    public static final Options EMBEDDED = new Options(true);
    public static final Options STANDALONE = new Options(false);
  }

  private SbcNode(SbcConfig config, Vertx vertx, ClusteredNode cluster, SipStack stack,
      PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    this.vertx = vertx;
    this.cluster = cluster;
    this.stack = stack;
    this.records = new io.opensbc.cluster.records.CallRecords(config.operations().callRecords(), config.node().name());
  }

  public static Future<SbcNode> start(SbcConfig config, Options options) {
    PrometheusMeterRegistry registry = Metrics.registry();
    VertxOptions base = Metrics.options().setEventLoopPoolSize(SipStack.shards(config));
    if (!options.clustered()) {
      Vertx vertx = Vertx.builder().with(base).withMetrics(Metrics.factory(registry)).build();
      return boot(config, vertx, null, new InMemoryCallLogStore(), new InMemoryTrunkHealthStore(), registry,
          new SipStack());
    }
    var c = config.cluster();
    ClusterSettings settings = new ClusterSettings(c.name(), c.host(), c.port(), c.members(),
        c.backupCount(), c.heartbeat(), c.maxNoHeartbeat());
    String wire = NodeNames.onTheWire(config.node().name());
    return ClusterBootstrap.start(settings, base, Metrics.factory(registry)).compose(node ->
        HazelcastTrunkHealthStore.start(node.vertx(), node.hazelcast()).compose(health ->
            io.opensbc.cluster.store.HazelcastAuthFailureStore.start(node.vertx(), node.hazelcast()).compose(bans -> {
              HazelcastCallLogStore logs = new HazelcastCallLogStore(node.vertx(), node.hazelcast());
              NodeDirectory directory = new NodeDirectory(node.hazelcast());
              CallOwnership ownership = new CallOwnership(node.vertx(), wire, directory,
                  new CallOwners(node.hazelcast()), logs, io.opensbc.sip.message.codec.SizeLimits.DEFAULTS);
              SipStack stack = new SipStack().securityStores(
                  new io.opensbc.cluster.store.HazelcastLocationStore(node.vertx(), node.hazelcast()), bans)
                  .cluster(wire, ownership);
              return boot(config, node.vertx(), node, logs, health, registry, stack)
                  .compose(sbc -> sbc.startFailover(directory, ownership, wire));
            })));
  }

  /**
   * Joins the cluster's call handling (docs/cluster.md): takes messages forwarded by other nodes,
   * publishes this node and its listeners, and watches for members leaving. A failure closes the
   * node.
   */
  private Future<SbcNode> startFailover(NodeDirectory directory, CallOwnership ownership, String wire) {
    this.ownership = ownership;
    return ownership.start(stack)
        .compose(v -> vertx.executeBlocking(() -> {
          directory.register(wire, config.cluster().mode(), config.listeners());
          return null;
        }))
        .map(v -> {
          failover = new Failover(vertx, cluster.hazelcast(), directory, ownership, stack, config.cluster().mode(),
              config.sip().limits());
          failover.start();
          return this;
        })
        .recover(e -> close().transform(ignored -> Future.failedFuture(e)));
  }

  /**
   * Lets go of the calls here that another node owns now (what a node does a while after a member
   * joined or a partition healed); completes with how many. Not clustered: none.
   */
  public Future<Integer> reconcileOwnership() {
    return ownership == null ? Future.succeededFuture(0) : ownership.reconcile();
  }

  /** The cluster's view from this node: failover and ownership figures (null when not clustered). */
  public JsonObject clusterStatus() {
    if (failover == null) {
      return null;
    }
    io.vertx.core.json.JsonArray left = new io.vertx.core.json.JsonArray();
    failover.departures().forEach(d -> left.add(new JsonObject().put("node", d.node()).put("detectedAt", d.detectedAt())));
    return new JsonObject().put("node", NodeNames.onTheWire(config.node().name()))
        .put("mode", config.cluster().mode().yamlName()).put("standby", stack.standby())
        .put("adopted", ownership.adoptions()).put("forwarded", ownership.forwarded())
        .put("forgotten", ownership.forgotten())
        .put("firstAdoptedMessageAt", ownership.firstAdoptedMessageAt()).put("departures", left);
  }

  private static Future<SbcNode> boot(SbcConfig config, Vertx vertx, ClusteredNode cluster, CallLogStore store,
      TrunkHealthStore health, PrometheusMeterRegistry registry, SipStack stack) {
    SbcNode node = new SbcNode(config, vertx, cluster, stack, registry);
    return node.startOperations().compose(v -> stack.start(vertx, config, store, null, health)).compose(v -> {
      Metrics.ruleHits(registry, stack.rules().hits(), node.registeredRuleHits);
      node.metrics = new NodeMetrics(registry, stack, node::mapSizes);
      stack.watch().onEnded(log -> {
        node.records.ended(log);
        node.metrics.ended(log);
        CallOwnership own = node.ownership;
        if (own != null && !log.isEmpty() && log.get(0) instanceof io.opensbc.sip.dialog.CallEvent.CallOffered o) {
          own.ended(o.callRef());
        }
      });
      if (cluster != null) {
        node.clockWatch = new io.opensbc.cluster.membership.ClockWatch(vertx, cluster.hazelcast(),
            config.node().name(), stack.watch().clock());
        node.clockWatch.start();
      }
      return node.startAdmin();
    }).map(node)
        .recover(e -> node.close().transform(ignored -> Future.failedFuture(e)));
  }

  /** SIP capture (call traces, HEP) on the transports' tap; before the listeners start. */
  private Future<Void> startOperations() {
    var capture = config.operations().capture();
    if (!capture.enabled()) {
      return Future.succeededFuture();
    }
    if (capture.calls() > 0) {
      traces = new io.opensbc.cluster.capture.CallTraces(capture.calls(), capture.messagesPerCall());
    }
    Future<Void> started = Future.succeededFuture();
    if (capture.hep() != null) {
      hep = new io.opensbc.cluster.capture.HepExporter(vertx, capture.hep());
      started = hep.start();
    }
    var t = traces;
    var h = hep;
    stack.transports().tap(m -> {
      if (t != null) {
        t.add(m);
      }
      if (h != null) {
        h.export(m);
      }
    });
    return started;
  }

  private Future<Void> startAdmin() {
    if (!config.admin().enabled()) {
      return Future.succeededFuture();
    }
    String token = config.admin().token() != null ? config.admin().token()
        : System.getenv(io.opensbc.config.model.Defaults.ADMIN_TOKEN_ENV);
    admin = new AdminServer(vertx, config.admin().host(), config.admin().port(), token, registry, this);
    return admin.start().mapEmpty();
  }

  /** Entries of each Hazelcast map owned by this member (empty when standalone). */
  private java.util.Map<String, Integer> mapSizes() {
    if (cluster == null) {
      return java.util.Map.of();
    }
    java.util.Map<String, Integer> out = new java.util.TreeMap<>();
    for (var o : cluster.hazelcast().getDistributedObjects()) {
      if (o instanceof com.hazelcast.map.IMap<?, ?> m && !m.getName().startsWith("__")) {
        out.put(m.getName(), (int) m.getLocalMapStats().getOwnedEntryCount());
      }
    }
    return out;
  }

  @Override
  public Future<java.util.List<java.util.List<io.opensbc.sip.dialog.CallEvent>>> liveCalls() {
    return stack.liveCalls();
  }

  @Override
  public io.opensbc.cluster.records.CallRecords records() {
    return records;
  }

  @Override
  public io.opensbc.cluster.capture.CallTraces traces() {
    return traces;
  }

  @Override
  public String nodeName() {
    return config.node().name();
  }

  @Override
  public void refreshMetrics() {
    if (metrics != null) {
      metrics.refresh();
    }
  }

  /** Every trunk: its transport, targets and their health. */
  @Override
  public io.vertx.core.json.JsonArray trunks() {
    io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
    var health = targets();
    for (var t : config.trunks()) {
      io.vertx.core.json.JsonArray targets = new io.vertx.core.json.JsonArray();
      for (Object o : health) {
        JsonObject h = (JsonObject) o;
        if (t.name().equals(h.getString("trunk"))) {
          targets.add(h);
        }
      }
      out.add(new JsonObject().put("name", t.name()).put("transport", t.transport().name().toLowerCase())
          .put("targets", targets).put("healthChecked", t.dispatch().health().enabled())
          .put("configuredTargets", new io.vertx.core.json.JsonArray(t.targets().stream()
              .map(x -> x.host() + ":" + (x.port() > 0 ? x.port() : 5060)).toList())));
    }
    return out;
  }

  /** The location service of the node (bindings of registered phones; shared in a cluster). */
  public io.opensbc.sip.security.LocationStore locations() {
    return stack.locations();
  }

  /** The JSON of GET /health. */
  @Override
  public JsonObject health() {
    var calls = stack.stats();
    var transport = stack.transports().stats();
    var clock = stack.watch().clock();
    long warnMs = config.operations().clock().skewWarning().toMillis();
    io.vertx.core.json.JsonArray warnings = new io.vertx.core.json.JsonArray();
    clock.offsets().forEach((source, off) -> {
      if (Math.abs(off) > warnMs) {
        warnings.add("clock skew: " + source + " is " + off + " ms from our clock (warning above " + warnMs + " ms)");
      }
    });
    return new JsonObject()
        .put("warnings", warnings)
        .put("clockOffsetMaxMs", clock.maxAbsOffsetMillis())
        .put("status", stack.draining() ? "draining" : stack.standby() ? "standby" : "up")
        .put("cluster", clusterStatus())
        .put("node", config.node().name())
        .put("clustered", cluster != null)
        .put("clusterNodeId", cluster == null ? null : cluster.nodeId())
        .put("uptimeSeconds", (System.currentTimeMillis() - startedAt) / 1000)
        .put("activeCalls", calls.activeCalls())
        .put("offeredCalls", calls.offeredCalls())
        .put("answeredCalls", calls.answeredCalls())
        .put("shedCalls", calls.shedCalls())
        .put("dampedCalls", calls.dampedCalls())
        .put("replayedResponses", calls.replayedResponses())
        .put("rateLimitedRequests", calls.rateLimitedRequests())
        .put("scannerDroppedRequests", calls.scannerDroppedRequests())
        .put("accessRefusedRequests", calls.accessRefusedRequests())
        .put("targets", targets())
        .put("sipReceived", transport.receivedCount())
        .put("sipSent", transport.sentCount())
        .put("sipMalformed", transport.malformedCount())
        .put("tcpConnections", stack.transports().openTcpConnections());
  }

  /** The file this node's configuration came from (null: the embedded quickstart); what reload reads. */
  public SbcNode configFile(Path file) {
    this.configFile = file;
    return this;
  }

  /**
   * Reloads the rules from the configuration file (SIGHUP, {@code POST /admin/reload}) through the
   * rule stage on the event bus. The reply says whether it was applied, lists every error when it
   * was refused (the running rules stay), and names changed sections that need a restart.
   */
  @Override
  public Future<JsonObject> reload() {
    Path file = configFile;
    JsonObject body = new JsonObject().put("path", file == null ? null : file.toString());
    return vertx.eventBus().<JsonObject>request(RulesVerticle.RELOAD_ADDRESS, body)
        .map(m -> {
          Metrics.ruleHits(registry, stack.rules().hits(), registeredRuleHits);
          return m.body();
        });
  }

  /** Every trunk target with health checks: state, latency, last status, capabilities. */
  private io.vertx.core.json.JsonArray targets() {
    io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
    stack.health().view().forEach((id, rec) -> out.add(new JsonObject()
        .put("trunk", id.trunk())
        .put("target", id.key())
        .put("state", rec.health().state().name())
        .put("lastStatus", rec.health().lastStatus())
        .put("latencyMs", rec.health().lastLatencyMs())
        .put("allow", String.join(",", rec.health().capabilities().allow()))));
    return out;
  }

  /** Stops taking new calls (503 + Retry-After); calls in progress go on. */
  @Override
  public void drain() {
    stack.drain();
  }

  public int activeCalls() {
    return stack.stats().activeCalls();
  }

  public int sipPort(String listener) {
    return stack.transports().address(listener).port();
  }

  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  /** A Hazelcast map of this node's cluster (for operations tools and tests); fails when standalone. */
  public com.hazelcast.map.IMap<Object, Object> hazelcastMap(String name) {
    if (cluster == null) {
      throw new IllegalStateException("a standalone node has no Hazelcast");
    }
    return cluster.hazelcast().getMap(name);
  }

  public Vertx vertx() {
    return vertx;
  }

  public SbcConfig config() {
    return config;
  }

  /**
   * Stops admin, listeners and shards, then Vert.x and Hazelcast. The last step runs off the event
   * loops (see {@link ClusteredNode#close}), so the returned future always completes.
   */
  public Future<Void> close() {
    Future<Void> adminStop = admin == null ? Future.succeededFuture() : admin.stop();
    if (clockWatch != null) {
      clockWatch.stop();
    }
    if (failover != null) {
      failover.stop();
    }
    stack.transports().tap(null);
    if (hep != null) {
      adminStop = adminStop.transform(a -> hep.close().recover(e -> Future.succeededFuture()));
    }
    records.close();
    CompletableFuture<Void> done = new CompletableFuture<>();
    adminStop.transform(a -> stack.stop(vertx)).onComplete(ar -> {
      if (cluster != null) {
        cluster.close().onComplete(c -> done.complete(null));
        return;
      }
      Thread t = new Thread(() -> {
        try {
          vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          // nothing more to release
        }
        done.complete(null);
      }, "sbc-close");
      t.setDaemon(true);
      t.start();
    });
    return Future.fromCompletionStage(done);
  }
}
