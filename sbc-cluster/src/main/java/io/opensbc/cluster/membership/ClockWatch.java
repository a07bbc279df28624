package io.opensbc.cluster.membership;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.opensbc.sip.clock.ClockSkew;
import io.vertx.core.Vertx;
import java.util.UUID;

/**
 * Compares this member's clock with the others': every member writes its wall-clock time into the
 * {@value #MAP} map every {@value #PERIOD_MS} ms, and each member, as the update reaches it (a
 * millisecond or so on a LAN), records {@code theirs - ours} as {@code member:<name>}. Entries
 * expire after a minute, so a member that left stops being compared.
 */
public final class ClockWatch {
  public static final String MAP = "sbc-clock";
  static final long PERIOD_MS = 5000;

  private final Vertx vertx;
  private final IMap<String, Long> map;
  private final String name;
  private final ClockSkew skew;
  private final java.util.function.LongSupplier clock;
  private UUID listener;
  private long timer = -1;

  public ClockWatch(Vertx vertx, HazelcastInstance hz, String name, ClockSkew skew) {
    this(vertx, hz, name, skew, System::currentTimeMillis);
  }

  /** With {@code clock} as this member's wall clock (tests give a member a clock that is off). */
  public ClockWatch(Vertx vertx, HazelcastInstance hz, String name, ClockSkew skew,
      java.util.function.LongSupplier clock) {
    this.clock = clock;
    this.vertx = vertx;
    this.map = hz.getMap(MAP);
    this.name = name;
    this.skew = skew;
  }

  public void start() {
    Listener l = new Listener();
    listener = map.addEntryListener(l, true);
    publish();
    timer = vertx.setPeriodic(PERIOD_MS, id -> publish());
  }

  private void publish() {
    map.setAsync(name, clock.getAsLong(), 60, java.util.concurrent.TimeUnit.SECONDS);
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (listener != null) {
      try {
        map.removeEntryListener(listener);
      } catch (RuntimeException e) {
        // the member is shutting down
      }
    }
  }

  private final class Listener implements EntryAddedListener<String, Long>, EntryUpdatedListener<String, Long> {
    @Override
    public void entryAdded(EntryEvent<String, Long> e) {
      seen(e);
    }

    @Override
    public void entryUpdated(EntryEvent<String, Long> e) {
      seen(e);
    }

    private void seen(EntryEvent<String, Long> e) {
      if (!name.equals(e.getKey()) && e.getValue() != null) {
        skew.record("member:" + e.getKey(), e.getValue() - clock.getAsLong());
      }
    }
  }
}
