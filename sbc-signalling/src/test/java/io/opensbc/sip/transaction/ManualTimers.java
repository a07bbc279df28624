package io.opensbc.sip.transaction;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;

/** A manual clock: tasks run only when a test advances time, in deadline order. */
public final class ManualTimers implements Timers {
  private record Key(long at, long id) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(id, o.id);
    }
  }

  private final TreeMap<Key, Runnable> tasks = new TreeMap<>();
  private final Queue<Runnable> soon = new ArrayDeque<>();
  private long now;
  private long ids;

  @Override
  public long schedule(long delayMillis, Runnable task) {
    long id = ++ids;
    tasks.put(new Key(now + Math.max(0, delayMillis), id), task);
    return id;
  }

  @Override
  public void cancel(long id) {
    tasks.keySet().removeIf(k -> k.id == id);
  }

  @Override
  public void execute(Runnable task) {
    soon.add(task);
  }

  @Override
  public long nowMillis() {
    return now;
  }

  /** Moves time forward, running every task that falls due, in order. */
  public void advance(long millis) {
    long end = now + millis;
    runSoon();
    while (!tasks.isEmpty() && tasks.firstKey().at <= end) {
      Map.Entry<Key, Runnable> e = tasks.pollFirstEntry();
      now = e.getKey().at;
      e.getValue().run();
      runSoon();
    }
    now = end;
  }

  private void runSoon() {
    while (!soon.isEmpty()) {
      soon.poll().run();
    }
  }

  public int pending() {
    return tasks.size();
  }
}
