package io.opensbc.sip.b2bua;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Call counters shared by the shards of a node, read by /health and /metrics. */
public final class CallStats {
  private final AtomicInteger active = new AtomicInteger();
  private final LongAdder offered = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder shed = new LongAdder();
  private final LongAdder scannerDropped = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder accessRefused = new LongAdder();
  private final LongAdder damped = new LongAdder();
  private final LongAdder replayed = new LongAdder();

  void started() {
    active.incrementAndGet();
    offered.increment();
  }

  void ended() {
    active.decrementAndGet();
  }

  void answered() {
    answered.increment();
  }

  void rejected() {
    rejected.increment();
  }

  void shed() {
    shed.increment();
  }

  void scannerDropped() {
    scannerDropped.increment();
  }

  void accessRefused() {
    accessRefused.increment();
  }

  /** Requests refused by access control (allow-lists, trunk/listener binding, banned sources). */
  public long accessRefusedRequests() {
    return accessRefused.sum();
  }

  void rateLimited() {
    rateLimited.increment();
  }

  void damped() {
    damped.increment();
  }

  void replayed() {
    replayed.increment();
  }

  /** Requests dropped because their User-Agent is a known scanner. */
  public long scannerDroppedRequests() {
    return scannerDropped.sum();
  }

  /** New requests from non-trunk sources over their rate limit (dropped or answered 503). */
  public long rateLimitedRequests() {
    return rateLimited.sum();
  }

  /** New INVITEs answered by retry damping without routing. */
  public long dampedCalls() {
    return damped.sum();
  }

  /** Re-sent INVITEs answered with the cached final response. */
  public long replayedResponses() {
    return replayed.sum();
  }

  public int activeCalls() {
    return active.get();
  }

  public long offeredCalls() {
    return offered.sum();
  }

  public long answeredCalls() {
    return answered.sum();
  }

  public long rejectedCalls() {
    return rejected.sum();
  }

  public long shedCalls() {
    return shed.sum();
  }
}
