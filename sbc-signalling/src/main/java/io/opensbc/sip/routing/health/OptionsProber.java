package io.opensbc.sip.routing.health;

import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.Timers;
import io.opensbc.sip.transaction.VertxTimers;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Sends OPTIONS to trunk targets and publishes what it learns. One timer per watched target ticks
 * every {@code interval} (the first tick at a random point within the first interval, so targets
 * configured together are not probed together). At each tick the prober probes only if this node
 * {@link TrunkHealthStore#ownsProbing owns} the target (asked again at every tick, so when the
 * owner leaves the cluster a survivor takes over within one interval) and no probe of the target
 * is in flight. Taking over, it continues from the store's record and sequence number.
 *
 * <p>Each result is folded with {@link TargetHealth#onProbeResult}; the new health is published
 * when it changed (state, kind or status of the last answer, capabilities) and otherwise every
 * {@code refreshEvery} probes, so the latency shown stays fresh. A probe without a result after
 * the check's timeout counts as a timeout whatever the sender does later.
 *
 * <p>All state lives on the context of the {@link Timers}: public methods may be called from any
 * thread and take effect there.
 */
public final class OptionsProber {
  public static final int DEFAULT_REFRESH_EVERY = 10;
  private static final Logger LOG = Logger.getLogger(OptionsProber.class.getName());

  private final Timers timers;
  private final TrunkHealthStore store;
  private final ProbeSender sender;
  private final int refreshEvery;
  private final LongSupplier wallClock;
  private final RandomGenerator random;
  private final Map<TargetId, Probe> probes = new HashMap<>();
  private boolean stopped;

  /** One watched target; touched only on the prober's context. */
  private static final class Probe {
    final TargetId target;
    HealthCheck check;
    long tickTimer = -1;
    long guardTimer = -1;
    /** Numbers the probes sent: a result of any other than the latest is ignored. */
    long attempt;
    boolean inFlight;
    boolean removed;
    TargetHealth health;
    long seq;
    int unpublished;

    Probe(TargetId target, HealthCheck check) {
      this.target = target;
      this.check = check;
    }
  }

  /**
   * @param timers the prober's context (monotonic time for timers and latency)
   * @param refreshEvery publish at least every this many probes even without a change (at least 1)
   * @param wallClock epoch milliseconds, only for {@link TargetHealth#since()}
   * @param random places the first probe of each target within its first interval
   */
  public OptionsProber(Timers timers, TrunkHealthStore store, ProbeSender sender, int refreshEvery,
      LongSupplier wallClock, RandomGenerator random) {
    this.timers = timers;
    this.store = store;
    this.sender = sender;
    this.refreshEvery = Math.max(1, refreshEvery);
    this.wallClock = wallClock;
    this.random = random;
  }

  /** A prober on a Vert.x context, with the system clock and {@value #DEFAULT_REFRESH_EVERY}. */
  public static OptionsProber on(Context context, TrunkHealthStore store, ProbeSender sender) {
    return new OptionsProber(new VertxTimers(context), store, sender, DEFAULT_REFRESH_EVERY,
        System::currentTimeMillis, new SplittableRandom());
  }

  /**
   * Probes the target with this check (a disabled check unwatches it). Watching a target again
   * with another check keeps its health; a new interval restarts its timer.
   */
  public void watch(TargetId target, HealthCheck check) {
    timers.execute(() -> watchHere(target, check));
  }

  /** Stops probing the target; a probe in flight completes unseen. Its published health stays. */
  public void unwatch(TargetId target) {
    timers.execute(() -> unwatchHere(target));
  }

  /** Watches exactly these targets (for a configuration reload): others are unwatched. */
  public void watchOnly(Map<TargetId, HealthCheck> targets) {
    Map<TargetId, HealthCheck> copy = Map.copyOf(targets);
    timers.execute(() -> {
      for (TargetId t : new HashSet<>(probes.keySet())) {
        if (!copy.containsKey(t)) {
          unwatchHere(t);
        }
      }
      copy.forEach(this::watchHere);
    });
  }

  /** Stops every timer; later calls do nothing. */
  public void stop() {
    timers.execute(() -> {
      stopped = true;
      for (TargetId t : new HashSet<>(probes.keySet())) {
        unwatchHere(t);
      }
    });
  }

  private void watchHere(TargetId target, HealthCheck check) {
    if (stopped) {
      return;
    }
    if (!check.enabled()) {
      unwatchHere(target);
      return;
    }
    Probe p = probes.get(target);
    if (p == null) {
      p = new Probe(target, check);
      probes.put(target, p);
      scheduleFirst(p);
    } else if (!p.check.equals(check)) {
      boolean newInterval = !p.check.interval().equals(check.interval());
      p.check = check;
      if (newInterval) {
        timers.cancel(p.tickTimer);
        scheduleFirst(p);
      }
    }
  }

  private void unwatchHere(TargetId target) {
    Probe p = probes.remove(target);
    if (p != null) {
      p.removed = true;
      timers.cancel(p.tickTimer);
      timers.cancel(p.guardTimer);
    }
  }

  private void scheduleFirst(Probe p) {
    long interval = intervalMs(p.check);
    schedule(p, random.nextLong(interval));
  }

  private void schedule(Probe p, long delayMs) {
    p.tickTimer = timers.schedule(delayMs, () -> tick(p));
  }

  private static long intervalMs(HealthCheck check) {
    return Math.max(1, check.interval().toMillis());
  }

  private void tick(Probe p) {
    if (p.removed) {
      return;
    }
    schedule(p, intervalMs(p.check));
    if (p.inFlight || !store.ownsProbing(p.target)) {
      return;
    }
    adoptStored(p);
    send(p);
  }

  /** Continues from the store when it knows more (another node probed this target meanwhile). */
  private void adoptStored(Probe p) {
    HealthRecord stored = store.latest(p.target);
    if (stored != null && stored.seq() > p.seq) {
      p.health = stored.health();
      p.seq = stored.seq();
      p.unpublished = 0;
    }
    if (p.health == null) {
      p.health = TargetHealth.initial(wallClock.getAsLong());
    }
  }

  private void send(Probe p) {
    long attempt = ++p.attempt;
    long sentAt = timers.nowMillis();
    p.inFlight = true;
    p.guardTimer = timers.schedule(Math.max(1, p.check.timeout().toMillis()),
        () -> finish(p, attempt, new ProbeResult.TimedOut()));
    Future<SipResponse> answer;
    try {
      answer = sender.send(p.target, p.check.timeout());
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    if (answer == null) {
      answer = Future.failedFuture(new IllegalStateException("the probe sender returned no future"));
    }
    answer.onComplete(ar -> {
      long latency = timers.nowMillis() - sentAt;
      timers.execute(() -> finish(p, attempt, result(ar, latency)));
    });
  }

  private static ProbeResult result(AsyncResult<SipResponse> ar, long latencyMs) {
    return ar.succeeded() ? ProbeResult.answered(ar.result(), latencyMs) : ProbeResult.failed(ar.cause());
  }

  private void finish(Probe p, long attempt, ProbeResult result) {
    if (attempt != p.attempt || !p.inFlight) {
      return; // a late answer after the timeout, or a stale attempt
    }
    p.inFlight = false;
    timers.cancel(p.guardTimer);
    if (p.removed) {
      return;
    }
    TargetHealth before = p.health;
    TargetHealth after = before.onProbeResult(result, p.check, wallClock.getAsLong());
    p.health = after;
    p.unpublished++;
    if (after.state() != before.state()) {
      LOG.info(() -> "trunk target " + before.state() + " -> " + after.state() + ": trunk=" + p.target.trunk()
          + " target=" + p.target.key() + " last=" + describe(result) + " failures=" + after.consecutiveFailures()
          + " successes=" + after.consecutiveSuccesses());
    }
    if (changed(before, after) || p.unpublished >= refreshEvery) {
      p.unpublished = 0;
      long seq = ++p.seq;
      store.publish(p.target, after, seq).onFailure(e -> LOG.log(Level.WARNING,
          "trunk health publish failed: trunk=" + p.target.trunk() + " target=" + p.target.key() + " seq=" + seq, e));
    }
  }

  /** Worth telling the other nodes now: state, kind or status of the last answer, capabilities. */
  static boolean changed(TargetHealth before, TargetHealth after) {
    return before.state() != after.state()
        || before.last() == null
        || before.last().getClass() != after.last().getClass()
        || before.lastStatus() != after.lastStatus()
        || !before.capabilities().equals(after.capabilities());
  }

  private static String describe(ProbeResult r) {
    if (r instanceof ProbeResult.Answered a) {
      return a.status() + " in " + a.latencyMs() + " ms";
    }
    if (r instanceof ProbeResult.TransportFailed t) {
      return "transport error (" + t.reason() + ")";
    }
    return "timeout";
  }
}
