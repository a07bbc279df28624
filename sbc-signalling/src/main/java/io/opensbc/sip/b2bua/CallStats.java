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
