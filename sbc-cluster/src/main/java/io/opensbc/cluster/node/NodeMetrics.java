package io.opensbc.cluster.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opensbc.sip.b2bua.SipStack;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.rules.Q850;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The SBC's own meters (docs/operations.md, "Metrics reference"). Per-trunk call counters move when
 * a call ends, from its event log (attempts, answers, failures by status and Q.850 cause); ASR and
 * NER are over a sliding five-minute window; gauges whose label sets grow at run time (response
 * codes, targets, Hazelcast maps, clock sources) are registered at scrape time by {@link #refresh}.
 */
final class NodeMetrics {
  /** Failures that count as "network effective" (ITU-T E.411 NER): the user, not the network, said no. */
  private static final Set<Integer> USER_DETERMINED = Set.of(404, 410, 480, 484, 486, 487, 600, 603);
  static final String ALL = "*";

  private final PrometheusMeterRegistry registry;
  private final SipStack stack;
  private final Map<String, RatioWindow> windows = new ConcurrentHashMap<>();
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  private final Supplier<Map<String, Integer>> mapSizes;
  private long cpsAtNanos = System.nanoTime();
  private long cpsOffered;
  private volatile double cps;

  NodeMetrics(PrometheusMeterRegistry registry, SipStack stack, Supplier<Map<String, Integer>> mapSizes) {
    this.registry = registry;
    this.stack = stack;
    this.mapSizes = mapSizes;
    var stats = stack.stats();
    Gauge.builder("sbc.calls.active", stats, s -> s.activeCalls()).description("calls in progress").register(registry);
    FunctionCounter.builder("sbc.calls.offered", stats, s -> s.offeredCalls())
        .description("INVITEs that became calls").register(registry);
    FunctionCounter.builder("sbc.calls.answered", stats, s -> s.answeredCalls()).register(registry);
    FunctionCounter.builder("sbc.calls.rejected", stats, s -> s.rejectedCalls())
        .description("new INVITEs refused before routing (no route, rules, damping)").register(registry);
    FunctionCounter.builder("sbc.calls.shed", stats, s -> s.shedCalls())
        .description("new INVITEs answered 503 (overload, drain, limits)").register(registry);
    Gauge.builder("sbc.calls.per.second", this, m -> m.cps()).description("offered calls per second, 10 s average")
        .register(registry);
    var transport = stack.transports().stats();
    FunctionCounter.builder("sbc.sip.messages.received", transport, t -> t.receivedCount()).register(registry);
    FunctionCounter.builder("sbc.sip.messages.sent", transport, t -> t.sentCount()).register(registry);
    FunctionCounter.builder("sbc.sip.messages.malformed", transport, t -> t.malformedCount()).register(registry);
    Gauge.builder("sbc.media.sessions", stack, s -> s.relay() == null ? 0 : s.relay().sessions())
        .description("relay sessions open").register(registry);
    Gauge.builder("sbc.clock.offset.max.seconds", stack, s -> s.watch().clock().maxAbsOffsetMillis() / 1000.0)
        .description("largest clock offset of a SIP peer or cluster member").register(registry);
    Gauge.builder("sbc.draining", stack, s -> s.draining() ? 1 : 0).register(registry);
  }

  /** Counts an ended call (on the shard's thread). */
  void ended(List<CallEvent> log) {
    String trunk = null;
    String sourceTrunk = null;
    boolean answered = false;
    int status = 0;
    for (CallEvent e : log) {
      if (e instanceof CallEvent.CallOffered o) {
        sourceTrunk = o.sourceTrunk();
      } else if (e instanceof CallEvent.MediaStatsRecorded m && m.last()) {
        media(m.side() == io.opensbc.sip.dialog.Side.A ? sourceTrunk : trunk, m);
      } else if (e instanceof CallEvent.LegDialed d) {
        trunk = d.trunk();
        counter("sbc.trunk.attempts", "calls sent to the trunk (each target tried counts)", "trunk", trunk).increment();
      } else if (e instanceof CallEvent.TargetFailed f) {
        failure(f.trunk(), f.status());
      } else if (e instanceof CallEvent.CallAnswered) {
        answered = true;
        counter("sbc.trunk.answered", "calls the trunk answered", "trunk", String.valueOf(trunk)).increment();
      } else if (e instanceof CallEvent.CallReleased r) {
        status = r.status();
      }
    }
    int finalStatus = answered ? 200 : status;
    String t = trunk == null ? "none" : trunk;
    if (!answered && status >= 300 && trunk != null && !lastAttemptFailed(log)) {
      failure(trunk, status);
    }
    Counter.builder("sbc.calls.ended").description("ended calls by last trunk, final status and Q.850 cause")
        .tag("trunk", t).tag("status", Integer.toString(finalStatus))
        .tag("cause", Integer.toString(answered ? 16 : Q850.causeOf(finalStatus))).register(registry).increment();
    boolean effective = answered || USER_DETERMINED.contains(finalStatus);
    long now = System.currentTimeMillis();
    window(ALL).add(now, answered, effective);
    if (trunk != null) {
      window(trunk).add(now, answered, effective);
    }
  }

  /**
   * A leg's final media statistics: packets and bytes each way, packets lost on the way to us
   * (the relay's own sequence-number count), and the leg's interarrival jitter as a distribution.
   */
  private void media(String trunk, CallEvent.MediaStatsRecorded m) {
    String t = trunk == null ? "none" : trunk;
    for (boolean received : new boolean[] {true, false}) {
      CallEvent.MediaFlow f = received ? m.received() : m.sent();
      String direction = received ? "received" : "sent";
      Counter.builder("sbc.media.packets").description("RTP packets relayed, by trunk of the leg and direction")
          .tag("trunk", t).tag("direction", direction).register(registry).increment(Math.max(0, f.packets()));
      Counter.builder("sbc.media.bytes").description("RTP bytes relayed, by trunk of the leg and direction")
          .tag("trunk", t).tag("direction", direction).register(registry).increment(Math.max(0, f.bytes()));
    }
    Counter.builder("sbc.media.packets.lost").description("RTP packets the leg's peer sent that never reached the relay")
        .tag("trunk", t).register(registry).increment(Math.max(0, m.received().lost()));
    if (m.received().packets() > 0 && m.received().jitterMicros() >= 0) {
      io.micrometer.core.instrument.DistributionSummary.builder("sbc.media.jitter.seconds")
          .description("interarrival jitter of each leg's received RTP at the end of the call (RFC 3550)")
          .baseUnit("seconds").tag("trunk", t).register(registry).record(m.received().jitterMicros() / 1e6);
    }
  }

  /** A TargetFailed for the last hop already counted the failure that ended the call. */
  private static boolean lastAttemptFailed(List<CallEvent> log) {
    for (int i = log.size() - 1; i >= 0; i--) {
      CallEvent e = log.get(i);
      if (e instanceof CallEvent.LegDialed) {
        return false;
      }
      if (e instanceof CallEvent.TargetFailed) {
        return true;
      }
    }
    return false;
  }

  private void failure(String trunk, int status) {
    Counter.builder("sbc.trunk.failures").description("failed attempts on the trunk by status and Q.850 cause")
        .tag("trunk", trunk).tag("status", Integer.toString(status))
        .tag("cause", Integer.toString(Q850.causeOf(status))).register(registry).increment();
  }

  private Counter counter(String name, String description, String tag, String value) {
    return Counter.builder(name).description(description).tag(tag, value).register(registry);
  }

  private RatioWindow window(String trunk) {
    return windows.computeIfAbsent(trunk, t -> {
      RatioWindow w = new RatioWindow();
      Gauge.builder("sbc.asr", w, x -> x.asr(System.currentTimeMillis()))
          .description("answer-seizure ratio over the last 5 minutes ('*' = the node)").tag("trunk", t)
          .register(registry);
      Gauge.builder("sbc.ner", w, x -> x.ner(System.currentTimeMillis()))
          .description("network effectiveness ratio over the last 5 minutes (ITU-T E.411)").tag("trunk", t)
          .register(registry);
      return w;
    });
  }

  private synchronized double cps() {
    long now = System.nanoTime();
    long offered = stack.stats().offeredCalls();
    double elapsed = (now - cpsAtNanos) / 1e9;
    if (elapsed >= 10) {
      cps = (offered - cpsOffered) / elapsed;
      cpsOffered = offered;
      cpsAtNanos = now;
    } else if (elapsed >= 1 && cps == 0) {
      cps = (offered - cpsOffered) / elapsed;
    }
    return cps;
  }

  /** Registers the meters whose label values appear at run time; called before each scrape. */
  void refresh() {
    var t = stack.transports().stats();
    for (int code = 100; code <= 699; code++) {
      for (boolean sent : new boolean[] {false, true}) {
        if (t.responses(sent, code) == 0) {
          continue;
        }
        String key = "resp/" + sent + "/" + code;
        if (registered.add(key)) {
          int c = code;
          FunctionCounter.builder("sbc.sip.responses", t, x -> x.responses(sent, c))
              .description("SIP responses by direction and status").tag("direction", sent ? "sent" : "received")
              .tag("code", Integer.toString(code)).register(registry);
        }
      }
    }
    if (registered.add("udp-receive-delay")) {
      Gauge.builder("sbc.udp.receive.delay.seconds", stack, s -> s.transports().stats().receiveDelayMillis() / 1000.0)
          .description("how long datagrams wait in the UDP listeners' socket buffers before they are read")
          .register(registry);
    }
    long[] lags = stack.lagMillis();
    for (int i = 0; i < lags.length; i++) {
      if (registered.add("lag/" + i)) {
        int shard = i;
        Gauge.builder("sbc.event.loop.lag.seconds", stack, s -> {
          long[] l = s.lagMillis();
          return shard < l.length ? l[shard] / 1000.0 : 0;
        }).description("event-loop lag of the shard (moving average)").tag("shard", Integer.toString(i))
            .register(registry);
      }
    }
    stack.health().view().forEach((id, rec) -> {
      if (registered.add("target/" + id.key())) {
        Gauge.builder("sbc.trunk.target.up", stack, s -> {
          var h = s.health().current(id);
          return h == null ? Double.NaN : h.state() == io.opensbc.sip.routing.health.TargetState.DOWN ? 0 : 1;
        }).description("1 while the target answers OPTIONS, 0 when down").tag("trunk", id.trunk())
            .tag("target", id.key()).register(registry);
        Gauge.builder("sbc.trunk.target.options.latency.seconds", stack, s -> {
          var h = s.health().current(id);
          return h == null ? Double.NaN : h.lastLatencyMs() / 1000.0;
        }).description("round trip of the last OPTIONS answered").tag("trunk", id.trunk())
            .tag("target", id.key()).register(registry);
      }
    });
    for (var e : stack.watch().clock().offsets().entrySet()) {
      if (registered.add("clock/" + e.getKey())) {
        String source = e.getKey();
        Gauge.builder("sbc.clock.offset.seconds", stack, s -> {
          Long v = s.watch().clock().offset(source);
          return v == null ? Double.NaN : v / 1000.0;
        }).description("their clock minus ours (SIP peers from Date headers, cluster members)")
            .tag("source", source).register(registry);
      }
    }
    for (String map : mapSizes.get().keySet()) {
      if (registered.add("map/" + map)) {
        Gauge.builder("sbc.hazelcast.map.entries", mapSizes, m -> m.get().getOrDefault(map, 0))
            .description("entries of the Hazelcast map owned by this member").tag("map", map).register(registry);
      }
    }
  }

  /** Answered and effective shares of ended calls in 30 ten-second buckets. */
  static final class RatioWindow {
    private static final int BUCKETS = 30;
    private static final long BUCKET_MS = 10_000;
    private final long[] slot = new long[BUCKETS];
    private final int[] calls = new int[BUCKETS];
    private final int[] answered = new int[BUCKETS];
    private final int[] effective = new int[BUCKETS];

    synchronized void add(long now, boolean ans, boolean eff) {
      long s = now / BUCKET_MS;
      int i = (int) (s % BUCKETS);
      if (slot[i] != s) {
        slot[i] = s;
        calls[i] = 0;
        answered[i] = 0;
        effective[i] = 0;
      }
      calls[i]++;
      answered[i] += ans ? 1 : 0;
      effective[i] += eff ? 1 : 0;
    }

    synchronized double asr(long now) {
      return ratio(now, answered);
    }

    synchronized double ner(long now) {
      return ratio(now, effective);
    }

    private double ratio(long now, int[] num) {
      long s = now / BUCKET_MS;
      long n = 0;
      long k = 0;
      for (int i = 0; i < BUCKETS; i++) {
        if (s - slot[i] < BUCKETS) {
          n += calls[i];
          k += num[i];
        }
      }
      return n == 0 ? Double.NaN : (double) k / n;
    }
  }
}
