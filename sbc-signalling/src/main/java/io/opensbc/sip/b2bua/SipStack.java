package io.opensbc.sip.b2bua;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.admission.ScannerFilter;
import io.opensbc.sip.admission.SourceLimiter;
import io.opensbc.sip.routing.Dispatcher;
import io.opensbc.sip.routing.dns.SipTransport;
import io.opensbc.sip.routing.health.InMemoryTrunkHealthStore;
import io.opensbc.sip.routing.health.OptionsProber;
import io.opensbc.sip.routing.health.TargetHealth;
import io.opensbc.sip.routing.health.TargetId;
import io.opensbc.sip.routing.health.TargetState;
import io.opensbc.sip.routing.health.TrunkHealthStore;
import java.util.HashMap;
import io.opensbc.sip.routing.Router;
import io.opensbc.sip.routing.TargetAvailability;
import io.opensbc.sip.routing.dns.DnsResolver;
import io.opensbc.sip.routing.dns.DnsSettings;
import io.opensbc.sip.routing.dns.ServerLocator;
import io.opensbc.sip.routing.dns.SipTarget;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import io.opensbc.sip.rules.RuleHits;
import io.opensbc.sip.rules.RulesVerticle;
import io.opensbc.sip.transaction.fsm.TimerConfig;
import io.opensbc.sip.transport.InboundSink;
import io.opensbc.sip.transport.Source;
import io.opensbc.sip.transport.Transports;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The signalling of one node: the transports, and N shards each owning the calls whose Call-ID
 * maps to it. Inbound messages are handed to their shard by Call-ID (our B-leg Call-IDs name
 * their shard), so a call's state is only ever touched on one event loop.
 */
public final class SipStack implements InboundSink {
  /** Random draws for target selection from whichever shard asks (no shared generator state). */
  private static final RandomGenerator THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextLong();
  private final Transports transports = new Transports();
  private final CallStats stats = new CallStats();
  private final CallWatch watch = CallWatch.none();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean standby = new AtomicBoolean();
  private String node;
  private CallSteering steering = CallSteering.LOCAL;
  private final List<ShardVerticle> shards = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();
  private volatile ShardVerticle[] shardArray = new ShardVerticle[0];
  private final RuleHits ruleHits = new RuleHits();
  private final TargetAvailability availability = new TargetAvailability(System::currentTimeMillis);
  private RulesVerticle rules;
  private io.opensbc.media.relay.RelayControl relay;
  private Dispatcher dispatcher;
  private DnsResolver resolver;
  private ServerLocator currentLocator;
  private TrunkHealthStore health = new InMemoryTrunkHealthStore();
  private volatile Map<String, TargetId> healthIds = Map.of();
  private OptionsProber prober;
  private volatile Router router;
  private ScannerFilter scanners = new ScannerFilter(java.util.List.of());
  private io.opensbc.config.model.admission.SourceRate sourceRate;
  private final Map<String, SourceLimiter> sourceLimiters = new java.util.concurrent.ConcurrentHashMap<>();
  private io.opensbc.sip.security.LocationStore locations = new io.opensbc.sip.security.InMemoryLocationStore();
  private io.opensbc.sip.security.AuthFailureStore authFailures =
      new io.opensbc.sip.security.InMemoryAuthFailureStore();
  private volatile io.opensbc.sip.security.AccessPolicy access;
  private io.opensbc.sip.security.Registrar registrar;

  /**
   * Where registrations and authentication failures are kept (Hazelcast maps in a cluster); call
   * before {@link #start}. Without it both stay in this node's memory.
   */
  /**
   * Joins this stack to a cluster: {@code node} is the node's name on the wire (in our Call-IDs
   * and tags), {@code steering} sees every received message first. Before {@link #start}.
   */
  public SipStack cluster(String node, CallSteering steering) {
    this.node = node;
    this.steering = steering;
    return this;
  }

  public SipStack securityStores(io.opensbc.sip.security.LocationStore locations,
      io.opensbc.sip.security.AuthFailureStore failures) {
    this.locations = locations;
    this.authFailures = failures;
    return this;
  }

  /** The location service (registered phones' bindings). */
  public io.opensbc.sip.security.LocationStore locations() {
    return locations;
  }

  /** Starts with the system's DNS servers (/etc/resolv.conf) and trunk health kept in memory. */
  public Future<Void> start(Vertx vertx, SbcConfig config, CallLogStore store) {
    return start(vertx, config, store, null, new InMemoryTrunkHealthStore());
  }

  /** Starts with trunk health kept in memory. */
  public Future<Void> start(Vertx vertx, SbcConfig config, CallLogStore store, DnsSettings dns) {
    return start(vertx, config, store, dns, new InMemoryTrunkHealthStore());
  }

  /**
   * Starts the rule stage, the DNS resolver (only when a trunk target is an FQDN), the shards, the
   * listeners, then the OPTIONS prober of the trunks with health checks. {@code dns} null: those of
   * {@code sip.dns} (else the system's); {@code health}: where target health is shared (a Hazelcast map in a cluster).
   */
  public Future<Void> start(Vertx vertx, SbcConfig config, CallLogStore store, DnsSettings dns,
      TrunkHealthStore health) {
    this.health = health;
    rules = new RulesVerticle(config, ruleHits);
    return vertx.executeBlocking(() -> {
      // a trunk whose FQDN is not in its listener's certificate is refused before anything starts
      List<String> problems = io.opensbc.sip.transport.tls.IdentityCheck.problems(config, new java.util.Date());
      if (!problems.isEmpty()) {
        throw new IllegalStateException(String.join("; ", problems));
      }
      return null;
    }, false).compose(v -> vertx.deployVerticle(rules)).compose(id -> {
      deployments.add(id);
      return io.opensbc.media.relay.RelayControl.deploy(vertx, relayConfig(config.media()));
    }).compose(r -> {
      relay = r;
      return locator(vertx, config, dns);
    }).compose(locator -> {
      Set<Transport> transports = EnumSet.noneOf(Transport.class);
      config.listeners().forEach(l -> transports.add(l.transport()));
      dispatcher = new Dispatcher(locator, availability, THREAD_LOCAL_RANDOM, transports);
      return io.opensbc.sip.security.Security.registrar(config, locations, authFailures);
    }).compose(reg -> {
      registrar = reg;
      return startShards(vertx, config, store);
    }).compose(v -> {
      startProber(config);
      startKeepAlives(vertx);
      return Future.succeededFuture();
    });
  }

  private long keepAliveTimer = -1;

  /**
   * NAT keep-alive of registered phones on UDP: every {@code registrar.keepalive} shard 0 sends an
   * OPTIONS down each UDP flow this node accepted a REGISTER on, so the phone's NAT binding stays
   * open for calls to it (TCP flows are kept by the phone's CRLF pings, RFC 5626 §4.4.1).
   */
  private void startKeepAlives(Vertx vertx) {
    io.opensbc.sip.security.Registrar reg = registrar;
    if (reg == null || shardArray.length == 0) {
      return;
    }
    ShardVerticle shard = shardArray[0];
    keepAliveTimer = vertx.setPeriodic(reg.keepaliveMillis(), id -> {
      for (var b : reg.udpFlowsToKeepAlive(System.currentTimeMillis())) {
        shard.options(b.listener(), Transport.UDP, b.host(), b.port()).onFailure(e -> { });
      }
    });
  }

  /** Health checks: the dispatcher skips DOWN targets; shard 0 sends the OPTIONS of this node. */
  private void startProber(SbcConfig config) {
    Map<String, TargetId> ids = new HashMap<>();
    Map<TargetId, HealthCheck> checks = new HashMap<>();
    for (TrunkConfig t : config.trunks()) {
      HealthCheck check = t.dispatch().health();
      if (!check.enabled()) {
        continue;
      }
      for (TargetConfig target : t.targets()) {
        Transport tr = target.transport() != null ? target.transport() : t.transport();
        TargetId id = new TargetId(t.name(), target.host(),
            target.port() > 0 ? target.port() : tr == Transport.TLS ? 5061 : 5060, SipTransport.valueOf(tr.name()));
        ids.put(Dispatcher.key(t, target), id);
        checks.put(id, check);
      }
    }
    healthIds = Map.copyOf(ids);
    availability.healthView(key -> {
      TargetId id = healthIds.get(key);
      TargetHealth h = id == null ? null : health.current(id);
      return h != null && h.state() == TargetState.DOWN;
    });
    availability.capabilities((trunk, method) -> {
      for (var e : healthIds.values()) {
        if (!e.trunk().equals(trunk)) {
          continue;
        }
        TargetHealth h = health.current(e);
        if (h != null && !h.capabilities().allow().isEmpty() && !h.capabilities().allows(method)) {
          return true;
        }
      }
      return false;
    });
    if (checks.isEmpty() || shardArray.length == 0) {
      return;
    }
    ShardVerticle probing = shardArray[0];
    prober = OptionsProber.on(probing.context(), health, (id, timeout) -> probe(probing, config, id));
    prober.watchOnly(checks);
  }

  private Future<SipResponse> probe(ShardVerticle shard, SbcConfig config, TargetId id) {
    Transport tr = Transport.valueOf(id.transport().name());
    String listener = null;
    TrunkConfig trunk = config.trunk(id.trunk()).orElse(null);
    if (trunk != null && trunk.listener() != null && trunk.transport() == tr) {
      listener = trunk.listener();
    }
    for (var l : config.listeners()) {
      if (listener == null && l.transport() == tr) {
        listener = l.name();
        break;
      }
    }
    if (listener == null) {
      return Future.failedFuture(new IllegalStateException("no " + tr + " listener"));
    }
    String via = listener;
    // TLS: the trunk's server name, else the target's FQDN, as SNI and the name its certificate must cover
    String serverName = trunk == null ? null : trunk.signalling().tls().serverName();
    boolean numeric = SipTarget.of(id.host()).numericHost() != null;
    var peer = new io.opensbc.sip.transport.Destination.PeerName(id.trunk(),
        serverName != null ? serverName : numeric ? null : id.host());
    if (numeric) {
      return shard.options(via, tr, id.host(), id.port(), trunk, peer);
    }
    ServerLocator locator = currentLocator;
    if (locator == null) {
      return Future.failedFuture(new IllegalStateException("no DNS for " + id.host()));
    }
    return locator.locate(new SipTarget(id.host(), id.port(), id.transport(), false)).compose(targets ->
        targets.isEmpty() ? Future.failedFuture(new IllegalStateException(id.host() + " did not resolve"))
            : shard.options(via, tr, targets.get(0).address().getHostAddress(), targets.get(0).port(), trunk,
                peer));
  }

  private Future<ServerLocator> locator(Vertx vertx, SbcConfig config, DnsSettings dns) {
    boolean fqdn = config.trunks().stream().flatMap(t -> t.targets().stream())
        .anyMatch(t -> SipTarget.of(t.host()).numericHost() == null);
    if (!fqdn) {
      return Future.succeededFuture(null);
    }
    return DnsResolver.create(vertx, dns != null ? dns : DnsSettings.of(config.sip().dns()), System::currentTimeMillis)
        .map(r -> {
          resolver = r;
          currentLocator = new ServerLocator(r, THREAD_LOCAL_RANDOM);
          return currentLocator;
        });
  }

  private Future<Void> startShards(Vertx vertx, SbcConfig config, CallLogStore store) {
    java.util.Map<String, io.opensbc.config.model.routing.TrunkLimits> trunkLimits = new java.util.HashMap<>();
    config.trunks().forEach(t -> trunkLimits.put(t.name(), t.dispatch().limits()));
    io.opensbc.sip.admission.TrunkAdmission trunkAdmission =
        new io.opensbc.sip.admission.TrunkAdmission(trunkLimits, System.nanoTime());
    int n = shards(config);
    var timers = config.sip().timers();
    TimerConfig tc = new TimerConfig(timers.t1(), timers.t2(), timers.t4());
    var sec = config.security();
    access = new io.opensbc.sip.security.AccessPolicy(sec.access(), config.trunks(), config.listeners(), authFailures);
    io.opensbc.sip.security.AccessPolicy policy = access;
    Router router = new Router(config.routes(), io.opensbc.sip.security.Security.routeTrunks(config),
        config.listeners(), policy::trunkByRange);
    this.router = router;
    this.scanners = new ScannerFilter(config.admission().scannerUserAgents());
    this.sourceRate = config.admission().unknownSources();
    Map<Transport, String> defaults = new EnumMap<>(Transport.class);
    for (var l : config.listeners()) {
      defaults.putIfAbsent(l.transport(), l.name());
    }
    var limits = config.sip().limits();
    int perShard = Math.max(1, limits.maxCalls() / n);
    List<Future<String>> deployed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      B2buaSettings s = new B2buaSettings(i, n, perShard, limits.retryAfterSeconds(),
          limits.maxCallDuration().toMillis(), timers.t1().toMillis(), defaults, node);
      ShardVerticle v = new ShardVerticle(s, tc, transports, router, store, stats, this::refusingNewCalls, rules, dispatcher,
          config.admission(), trunkAdmission, relay, config.media(), watch);
      v.registrar(registrar);
      v.receiveDelay(transports.stats()::receiveDelayMillis);
      shards.add(v);
      deployed.add(vertx.deployVerticle(v));
    }
    return Future.all(deployed).compose(cf -> {
      for (Future<String> f : deployed) {
        deployments.add(f.result());
      }
      shardArray = shards.toArray(new ShardVerticle[0]);
      Map<String, io.opensbc.config.model.tls.TrunkTls> trunkTls = new HashMap<>();
      config.trunks().forEach(t -> trunkTls.put(t.name(), t.signalling().tls()));
      return transports.start(vertx, config.listeners(), limits, this, trunkTls);
    });
  }

  /**
   * The relay as configured under {@code media:}: bound on every IPv4 address (the address
   * published in SDP is {@code media.address} or the listener's host, chosen per leg by the
   * B2BUA); one relay event loop per {@code media.workers}, 0 meaning as many as Vert.x has.
   */
  static io.opensbc.media.relay.RelayConfig relayConfig(io.opensbc.config.model.media.MediaConfig m) {
    io.opensbc.media.relay.RelayConfig d = io.opensbc.media.relay.RelayConfig.defaults();
    int workers = m.workers() > 0 ? m.workers() : io.vertx.core.VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    return new io.opensbc.media.relay.RelayConfig("0.0.0.0", m.address(), m.ports().min(), m.ports().max(),
        Math.min(64, Math.max(1, workers)), m.maxSessions(), m.maxPacketBytes(), d.socketBufferBytes(),
        Math.max(d.writeQueueBytes(), m.maxPacketBytes()), m.relatchSilence(), m.relatchPackets(),
        d.sweepInterval(), d.bindAttempts());
  }

  /** The node's media relay (null before start). */
  public io.opensbc.media.relay.RelayControl relay() {
    return relay;
  }

  /** Shards (and event loops) of a node: {@code node.workers}, 0 meaning one. */
  public static int shards(SbcConfig config) {
    return Math.max(1, config.node().workers());
  }

  @Override
  public void onMessage(SipMessage message, Source source) {
    if (shardArray.length == 0 || steering.steer(message, source)) {
      return;
    }
    deliver(message, source);
  }

  /**
   * Hands a message to its shard here, past the cluster's steering: a message another node
   * forwarded to this one (the call's owner), or one held while its call was adopted.
   */
  public void deliver(SipMessage message, Source source) {
    ShardVerticle[] s = shardArray;
    if (s.length == 0) {
      return;
    }
    ShardVerticle shard = s[Ids.shardOf(message.callId(), s.length)];
    if (message instanceof SipResponse r) {
      watch.clock().sample(r, source.host(), source.port());
    }
    if (message instanceof io.opensbc.sip.message.SipRequest r
        && (!accessAllowed(r, source, shard) || isNew(r) && !admitted(r, source, shard))) {
      return;
    }
    shard.deliver(message, source);
  }

  /** Access control (docs/security.md): allow-lists, trunk/listener binding, banned sources. */
  private boolean accessAllowed(io.opensbc.sip.message.SipRequest r, Source source, ShardVerticle shard) {
    io.opensbc.sip.security.AccessPolicy policy = access;
    Router router = this.router;
    if (policy == null || router == null) {
      return true;
    }
    String trunk = router.sourceTrunk(source.listener(), source.host(), source.port());
    switch (policy.check(source, trunk, System.currentTimeMillis())) {
      case ALLOW -> {
        return true;
      }
      case REJECT -> {
        stats.accessRefused();
        shard.rejectForbidden(r, source);
        return false;
      }
      default -> {
        stats.accessRefused();
        return false;
      }
    }
  }

  /** An out-of-dialog request that would start something (not ACK/CANCEL, no To tag). */
  private static boolean isNew(io.opensbc.sip.message.SipRequest r) {
    if (r.isAck() || r.isCancel()) {
      return false;
    }
    var to = r.to();
    return to == null || to.tag() == null;
  }

  /**
   * The checks that cost no state, run on the receiving listener's thread before anything is
   * queued for a shard (docs/flood-control.md): scanners are dropped silently; sources that are not
   * trunks are held to their token bucket (one limiter per listener, used only by its thread).
   */
  private boolean admitted(io.opensbc.sip.message.SipRequest r, Source source, ShardVerticle shard) {
    if (scanners.isScanner(r)) {
      stats.scannerDropped();
      return false;
    }
    Router router = this.router;
    if (router == null || router.sourceTrunk(source.listener(), source.host(), source.port()) != null) {
      return true;
    }
    SourceLimiter limiter = sourceLimiters.computeIfAbsent(source.listener(), l -> new SourceLimiter(sourceRate));
    switch (limiter.admit(source.host(), System.nanoTime())) {
      case DROP -> {
        stats.rateLimited();
        return false;
      }
      case REJECT_503 -> {
        stats.rateLimited();
        shard.rejectOverRate(r, source);
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  /**
   * Datagrams from a source its listener's limiter blocked for flooding are dropped unread (and
   * counted as rate limited); a trunk's address is never blocked.
   */
  @Override
  public boolean shed(String listener, String host, int port) {
    SourceLimiter limiter = sourceLimiters.get(listener);
    if (limiter == null || !limiter.blocked(host, System.nanoTime())) {
      return false;
    }
    Router router = this.router;
    if (router != null && router.sourceTrunk(listener, host, port) != null) {
      return false;
    }
    stats.rateLimited();
    return true;
  }

  /** Stops taking new calls: new INVITEs get 503 with Retry-After. */
  public void drain() {
    draining.set(true);
  }

  public boolean draining() {
    return draining.get();
  }

  /** Target availability (health view, busy marks) shared by the shards. */
  public TargetAvailability availability() {
    return availability;
  }

  /** Where trunk target health is kept (a Hazelcast map in a cluster). */
  public TrunkHealthStore health() {
    return health;
  }

  public Future<Void> stop(Vertx vertx) {
    if (prober != null) {
      prober.stop();
    }
    if (keepAliveTimer >= 0) {
      vertx.cancelTimer(keepAliveTimer);
    }
    DnsResolver r = resolver;
    io.opensbc.media.relay.RelayControl media = relay;
    return transports.stop(vertx).compose(v -> r == null ? Future.succeededFuture() : r.close()).compose(v -> {
      List<Future<Void>> all = new ArrayList<>();
      for (String id : deployments) {
        all.add(vertx.undeploy(id));
      }
      deployments.clear();
      return Future.join(all).mapEmpty();
    }).compose(v -> media == null ? Future.succeededFuture() : media.close().recover(e -> Future.succeededFuture()));
  }


  /**
   * Takes over a call from its log on the shard its reference names (docs/cluster.md); completes
   * with false when the call was not adopted (not established, already here).
   */
  public Future<Boolean> adopt(String callRef, List<io.opensbc.sip.dialog.CallEvent> log, String previousOwner,
      long epoch) {
    ShardVerticle[] s = shardArray;
    if (s.length == 0) {
      return Future.succeededFuture(false);
    }
    return s[Ids.shardOf(callRef, s.length)].adopt(log, previousOwner, epoch);
  }

  /** Lets go of a call another node owns (docs/cluster.md, "Split brain"); false when not here. */
  public Future<Boolean> forget(String callRef) {
    ShardVerticle[] s = shardArray;
    return s.length == 0 ? Future.succeededFuture(false) : s[Ids.shardOf(callRef, s.length)].forget(callRef);
  }

  /** Leaves new calls to the cluster's other nodes (a passive node) or takes them again. */
  public void standby(boolean on) {
    standby.set(on);
  }

  /** Whether this node leaves new calls to others (passive while its active partner is up). */
  public boolean standby() {
    return standby.get();
  }

  /** Whether new calls are refused: draining, or standing by. */
  private boolean refusingNewCalls() {
    return draining.get() || standby.get();
  }

  /** The rule stage (current rule book, hit counters, reload). */
  public RulesVerticle rules() {
    return rules;
  }

  /** Ended-call listener and clock-skew watch of this node (operations: records, metrics, health). */
  public CallWatch watch() {
    return watch;
  }

  /** The event logs of every call in progress on this node. */
  public Future<List<List<io.opensbc.sip.dialog.CallEvent>>> liveCalls() {
    List<Future<List<List<io.opensbc.sip.dialog.CallEvent>>>> all = new ArrayList<>();
    for (ShardVerticle s : shardArray) {
      all.add(s.liveCalls());
    }
    return Future.all(all).map(cf -> {
      List<List<io.opensbc.sip.dialog.CallEvent>> out = new ArrayList<>();
      for (var f : all) {
        out.addAll(f.result());
      }
      return out;
    });
  }

  /** The event-loop lag of each shard (ms, moving average). */
  public long[] lagMillis() {
    ShardVerticle[] s = shardArray;
    long[] out = new long[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i].lagMillis();
    }
    return out;
  }

  public CallStats stats() {
    return stats;
  }

  public Transports transports() {
    return transports;
  }
}
