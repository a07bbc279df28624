package io.opensbc.sip.routing.health;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node's local copy of target health, the read side of every {@link TrunkHealthStore}: takes a
 * record only when its sequence number is higher than the one held, and tells listeners in that
 * order. Reads never lock. Takes are serialized by one lock so listeners see a target's records in
 * sequence order even when they arrive on different threads (a publisher's and an event thread);
 * the lock is held only for the take and the (quick, non-blocking) listeners.
 */
public final class HealthView {
  private static final Logger LOG = Logger.getLogger(HealthView.class.getName());
  private final Map<TargetId, HealthRecord> records = new ConcurrentHashMap<>();
  private final List<Consumer<HealthRecord>> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock takes = new ReentrantLock();

  /** Takes the record if it is newer than the one held and tells the listeners; true if taken. */
  public boolean merge(HealthRecord record) {
    takes.lock();
    try {
      HealthRecord held = records.get(record.target());
      if (held != null && held.seq() >= record.seq()) {
        return false;
      }
      records.put(record.target(), record);
      for (Consumer<HealthRecord> l : listeners) {
        try {
          l.accept(record);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "trunk health listener failed: trunk=" + record.target().trunk()
              + " target=" + record.target().key(), e);
        }
      }
      return true;
    } finally {
      takes.unlock();
    }
  }

  /** Forgets a target (its entry was removed from the shared store). */
  public void remove(TargetId target) {
    takes.lock();
    try {
      records.remove(target);
    } finally {
      takes.unlock();
    }
  }

  public HealthRecord latest(TargetId target) {
    return records.get(target);
  }

  public Map<TargetId, HealthRecord> snapshot() {
    return new HashMap<>(records);
  }

  public void onChange(Consumer<HealthRecord> listener) {
    listeners.add(listener);
  }
}
