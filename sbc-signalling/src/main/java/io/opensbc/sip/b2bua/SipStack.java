package io.opensbc.sip.b2bua;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.routing.Dispatcher;
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
  private final Transports transports = new Transports();
  private final CallStats stats = new CallStats();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final List<ShardVerticle> shards = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();
  private volatile ShardVerticle[] shardArray = new ShardVerticle[0];
  private final RuleHits ruleHits = new RuleHits();
  private final TargetAvailability availability = new TargetAvailability(System::currentTimeMillis);
  private RulesVerticle rules;
  private Dispatcher dispatcher;
  private DnsResolver resolver;

  /** Starts with the system's DNS servers (/etc/resolv.conf). */
  public Future<Void> start(Vertx vertx, SbcConfig config, CallLogStore store) {
    return start(vertx, config, store, null);
  }

  /**
   * Starts the rule stage, the DNS resolver (only when a trunk target is an FQDN), the shards, then
   * the listeners. {@code dns} null: the system's servers.
   */
  public Future<Void> start(Vertx vertx, SbcConfig config, CallLogStore store, DnsSettings dns) {
    rules = new RulesVerticle(config, ruleHits);
    return vertx.deployVerticle(rules).compose(id -> {
      deployments.add(id);
      return locator(vertx, config, dns);
    }).compose(locator -> {
      Set<Transport> transports = EnumSet.noneOf(Transport.class);
      config.listeners().forEach(l -> transports.add(l.transport()));
      dispatcher = new Dispatcher(locator, availability, new RandomGenerator() {
        @Override
        public long nextLong() {
          return ThreadLocalRandom.current().nextLong();
        }
      }, transports);
      return startShards(vertx, config, store);
    });
  }

  private Future<ServerLocator> locator(Vertx vertx, SbcConfig config, DnsSettings dns) {
    boolean fqdn = config.trunks().stream().flatMap(t -> t.targets().stream())
        .anyMatch(t -> SipTarget.of(t.host()).numericHost() == null);
    if (!fqdn) {
      return Future.succeededFuture(null);
    }
    return DnsResolver.create(vertx, dns != null ? dns : DnsSettings.system(), System::currentTimeMillis)
        .map(r -> {
          resolver = r;
          return new ServerLocator(r, new RandomGenerator() {
            @Override
            public long nextLong() {
              return ThreadLocalRandom.current().nextLong();
            }
          });
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
    Router router = new Router(config.routes(), config.trunks(), config.listeners());
    Map<Transport, String> defaults = new EnumMap<>(Transport.class);
    for (var l : config.listeners()) {
      defaults.putIfAbsent(l.transport(), l.name());
    }
    var limits = config.sip().limits();
    int perShard = Math.max(1, limits.maxCalls() / n);
    List<Future<String>> deployed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      B2buaSettings s = new B2buaSettings(i, n, perShard, limits.retryAfterSeconds(),
          limits.maxCallDuration().toMillis(), timers.t1().toMillis(), defaults);
      ShardVerticle v = new ShardVerticle(s, tc, transports, router, store, stats, draining::get, rules, dispatcher,
          config.admission(), trunkAdmission);
      shards.add(v);
      deployed.add(vertx.deployVerticle(v));
    }
    return Future.all(deployed).compose(cf -> {
      for (Future<String> f : deployed) {
        deployments.add(f.result());
      }
      shardArray = shards.toArray(new ShardVerticle[0]);
      return transports.start(vertx, config.listeners(), limits, this);
    });
  }

  /** Shards (and event loops) of a node: {@code node.workers}, 0 meaning one. */
  public static int shards(SbcConfig config) {
    return Math.max(1, config.node().workers());
  }

  @Override
  public void onMessage(SipMessage message, Source source) {
    ShardVerticle[] s = shardArray;
    if (s.length == 0) {
      return;
    }
    s[Ids.shardOf(message.callId(), s.length)].deliver(message, source);
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

  public Future<Void> stop(Vertx vertx) {
    DnsResolver r = resolver;
    return transports.stop(vertx).compose(v -> r == null ? Future.succeededFuture() : r.close()).compose(v -> {
      List<Future<Void>> all = new ArrayList<>();
      for (String id : deployments) {
        all.add(vertx.undeploy(id));
      }
      deployments.clear();
      return Future.join(all).mapEmpty();
    });
  }

  /** The rule stage (current rule book, hit counters, reload). */
  public RulesVerticle rules() {
    return rules;
  }

  public CallStats stats() {
    return stats;
  }

  public Transports transports() {
    return transports;
  }
}
