package io.opensbc.sip.transport;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the transports, read by /health and /metrics. */
public final class TransportStats {
  private final LongAdder received = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder connectionsRefused = new LongAdder();
  /** Responses by status 100-699: received at [status - 100], sent at [600 + status - 100]. */
  private final AtomicLongArray responses = new AtomicLongArray(1200);

  /** The UDP listeners' receive probes (one per bound UDP listener). */
  private final java.util.List<ReceiveProbe> probes = new java.util.concurrent.CopyOnWriteArrayList<>();

  void addProbe(ReceiveProbe p) {
    probes.add(p);
  }

  void removeProbe(ReceiveProbe p) {
    probes.remove(p);
  }

  /**
   * How long datagrams wait in the UDP listeners' socket buffers before they are read (the
   * longest over the listeners, ms; see {@link ReceiveProbe}).
   */
  public long receiveDelayMillis() {
    long max = 0;
    for (ReceiveProbe p : probes) {
      max = Math.max(max, p.delayMillis());
    }
    return max;
  }

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

  void responseReceived(int status) {
    if (status >= 100 && status <= 699) {
      responses.incrementAndGet(status - 100);
    }
  }

  /** Counts a response we send, by the status code read from its status line (no allocation). */
  void maybeResponseSent(Buffer bytes) {
    if (bytes.length() < 12 || bytes.getByte(0) != 'S' || bytes.getByte(3) != '/' || bytes.getByte(7) != ' ') {
      return;
    }
    int status = 0;
    for (int i = 8; i < 11; i++) {
      byte b = bytes.getByte(i);
      if (b < '0' || b > '9') {
        return;
      }
      status = status * 10 + (b - '0');
    }
    if (status >= 100 && status <= 699) {
      responses.incrementAndGet(600 + status - 100);
    }
  }

  /** Responses with that status (100-699) received ({@code sent} false) or sent. */
  public long responses(boolean sent, int status) {
    return status < 100 || status > 699 ? 0 : responses.get((sent ? 600 : 0) + status - 100);
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
