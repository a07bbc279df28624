package io.opensbc.sip.admission;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Measures how late an event loop runs its tasks ({@code admission.max-event-loop-lag}): a timer is
 * set every {@code interval} (20 ms by default) on the monitored context, and how much later than
 * due it fires is the lag. The lag reported is a moving average: each tick keeps {@value #DECAY}
 * of the previous estimate and adds the rest of the new sample, so one stall (a GC pause, class
 * loading at start-up) does not shed calls, and sustained lag reads as overloaded within a few
 * ticks and for as long as it lasts. While {@link #overloaded()}, new INVITEs get 503 with Retry-After; calls in progress
 * go on.
 *
 * <p>The monitor runs on the context it watches, so a blocked loop cannot report itself until it
 * runs again; that is enough to shed the backlog that made it late. {@link #overloaded()} and
 * {@link #lagMillis()} may be read from any thread (metrics). Time is {@link System#nanoTime()}:
 * this class measures the real loop, so a manual clock would measure nothing; {@link #record} holds
 * the arithmetic and is tested on its own.
 */
public final class LagMonitor {
  /** The default sampling interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(20);
  /** The default limit, as {@code AdmissionConfig.DEFAULT}. */
  public static final Duration DEFAULT_MAX_LAG = Duration.ofMillis(100);
  /** How much of the previous estimate is kept per tick. */
  static final double DECAY = 0.8;

  private final Vertx vertx;
  private final long intervalMillis;
  private final long maxLagNanos;
  private volatile long lagNanos;
  private volatile boolean stopped;
  private volatile long timerId = -1;
  /** When the pending timer is due; touched only on the monitored context. */
  private long dueAt;

  LagMonitor(Vertx vertx, long intervalMillis, long maxLagNanos) {
    this.vertx = vertx;
    this.intervalMillis = intervalMillis;
    this.maxLagNanos = maxLagNanos;
  }

  /** Starts watching {@code context} every {@link #DEFAULT_INTERVAL}. */
  public static LagMonitor start(Context context, Duration maxLag) {
    return start(context, maxLag, DEFAULT_INTERVAL);
  }

  /**
   * Starts watching {@code context}.
   *
   * @param maxLag the lag above which the loop counts as overloaded; null means {@link
   *     #DEFAULT_MAX_LAG}, zero or less means never overloaded (the lag is still measured)
   * @param interval how often to sample, at least 1 ms
   */
  public static LagMonitor start(Context context, Duration maxLag, Duration interval) {
    long max = (maxLag == null ? DEFAULT_MAX_LAG : maxLag).toNanos();
    LagMonitor m = new LagMonitor(context.owner(), Math.max(1, interval.toMillis()),
        max <= 0 ? Long.MAX_VALUE : max);
    context.runOnContext(v -> m.schedule());
    return m;
  }

  /** True while the loop's lag is above the limit. */
  public boolean overloaded() {
    return lagNanos > maxLagNanos && !stopped;
  }

  /** The current lag estimate in milliseconds, for metrics. */
  public long lagMillis() {
    return lagNanos / 1_000_000;
  }

  /** Stops sampling and forgets the lag (so {@link #overloaded()} is false); callable from any thread. */
  public void stop() {
    stopped = true;
    vertx.cancelTimer(timerId);
    lagNanos = 0;
  }

  /**
   * Takes one sample: the estimate becomes {@link #DECAY} times the previous estimate plus the rest
   * of {@code lateNanos} (negative counts as 0).
   */
  void record(long lateNanos) {
    lagNanos = Math.round(lagNanos * DECAY + Math.max(0, lateNanos) * (1 - DECAY));
  }

  private void schedule() {
    if (stopped) {
      return;
    }
    dueAt = System.nanoTime() + intervalMillis * 1_000_000;
    timerId = vertx.setTimer(intervalMillis, id -> tick());
  }

  private void tick() {
    if (stopped) {
      return;
    }
    record(System.nanoTime() - dueAt);
    schedule();
  }
}
