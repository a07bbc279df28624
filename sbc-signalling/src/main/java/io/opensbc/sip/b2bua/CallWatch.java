package io.opensbc.sip.b2bua;

import io.opensbc.sip.clock.ClockSkew;
import io.opensbc.sip.dialog.CallEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * What operations tooling sees of the calls of a node: each ended call's event log (for call
 * records and per-trunk metrics) and the clock-skew watch (recorded on calls that fail with an
 * identity or authentication error). Shared by the shards; the listener is called on the shard's
 * thread and must not block.
 */
public final class CallWatch {
  private final ClockSkew clock;
  private volatile Consumer<List<CallEvent>> ended;

  public CallWatch(ClockSkew clock) {
    this.clock = clock;
  }

  /** Nothing listens; clock skew from the system clock. */
  public static CallWatch none() {
    return new CallWatch(ClockSkew.system());
  }

  /** Called with the (immutable) event log of every call when it ends. */
  public void onEnded(Consumer<List<CallEvent>> listener) {
    this.ended = listener;
  }

  public ClockSkew clock() {
    return clock;
  }

  void ended(List<CallEvent> log) {
    Consumer<List<CallEvent>> l = ended;
    if (l == null) {
      return;
    }
    try {
      l.accept(List.copyOf(log));
    } catch (RuntimeException e) {
      // a failing record writer must not break the shard
      java.util.logging.Logger.getLogger(CallWatch.class.getName()).log(java.util.logging.Level.WARNING,
          "ended-call listener failed", e);
    }
  }
}
