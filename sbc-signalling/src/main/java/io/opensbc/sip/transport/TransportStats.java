package io.opensbc.sip.transport;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the transports, read by /health and /metrics. */
public final class TransportStats {
  private final LongAdder received = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder connectionsRefused = new LongAdder();

  void received() {
    received.increment();
  }

  void sent() {
    sent.increment();
  }

  void malformed() {
    malformed.increment();
  }

  private final LongAdder slowClosed = new LongAdder();

  void slowClosed() {
    slowClosed.increment();
  }

  /** TCP connections closed for not completing a message in time (slowloris guard). */
  public long slowClosedCount() {
    return slowClosed.sum();
  }

  void connectionRefused() {
    connectionsRefused.increment();
  }

  public long receivedCount() {
    return received.sum();
  }

  public long sentCount() {
    return sent.sum();
  }

  public long malformedCount() {
    return malformed.sum();
  }

  public long connectionsRefusedCount() {
    return connectionsRefused.sum();
  }
}
