package io.opensbc.sip.transaction;

import io.opensbc.sip.transaction.fsm.TimerName;
import java.util.function.Consumer;

/**
 * The running timers of one transaction, one slot per timer name. Each start bumps a generation so
 * a timer that fires after it was restarted or cancelled is ignored.
 */
final class TimerSlots {
  private static final TimerName[] NAMES = TimerName.values();
  private final long[] ids = new long[NAMES.length];
  private final int[] generations = new int[NAMES.length];
  private final Timers timers;

  TimerSlots(Timers timers) {
    this.timers = timers;
  }

  void start(TimerName name, long delayMillis, Consumer<TimerName> fire) {
    int i = name.ordinal();
    if (ids[i] != 0) {
      timers.cancel(ids[i]);
    }
    int gen = ++generations[i];
    ids[i] = timers.schedule(delayMillis, () -> {
      if (generations[i] == gen) {
        ids[i] = 0;
        fire.accept(name);
      }
    });
  }

  void cancel(TimerName name) {
    int i = name.ordinal();
    generations[i]++;
    if (ids[i] != 0) {
      timers.cancel(ids[i]);
      ids[i] = 0;
    }
  }

  void cancelAll() {
    for (TimerName n : NAMES) {
      cancel(n);
    }
  }
}
