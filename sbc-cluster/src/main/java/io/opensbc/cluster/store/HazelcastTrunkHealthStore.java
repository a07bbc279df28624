package io.opensbc.cluster.store;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.partition.Partition;
import io.opensbc.sip.routing.health.HealthRecord;
import io.opensbc.sip.routing.health.HealthView;
import io.opensbc.sip.routing.health.TargetHealth;
import io.opensbc.sip.routing.health.TargetHealthCodec;
import io.opensbc.sip.routing.health.TargetId;
import io.opensbc.sip.routing.health.TrunkHealthStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Target health in the Hazelcast map {@value #MAP}: one entry per target under its
 * {@link TargetId#key()}, the value in {@link TargetHealthCodec} form, written through
 * {@link SequencedHealthWrite} so a write whose sequence number is not higher than the stored one
 * is ignored. A cluster-wide entry listener keeps each node's {@link HealthView} current; a
 * node's own accepted writes enter its view when the write completes. The node that owns a key's
 * partition probes that target, so exactly one member does, and when it leaves the member that
 * takes the partition over does.
 *
 * <p>Start with {@link #start}: it registers the listener, then loads what the map already holds.
 */
public final class HazelcastTrunkHealthStore implements TrunkHealthStore {
  public static final String MAP = "sbc.trunk-health";
  private static final Logger LOG = Logger.getLogger(HazelcastTrunkHealthStore.class.getName());


  private final Vertx vertx;
  private final HazelcastInstance hz;
  private final IMap<String, byte[]> map;
  private final HealthView view = new HealthView();
  private volatile UUID listener;

  private HazelcastTrunkHealthStore(Vertx vertx, HazelcastInstance hz) {
    this.vertx = vertx;
    this.hz = hz;
    this.map = hz.getMap(MAP);
  }

  /** A store whose view holds every record in the map when the future completes. */
  public static Future<HazelcastTrunkHealthStore> start(Vertx vertx, HazelcastInstance hz) {
    HazelcastTrunkHealthStore store = new HazelcastTrunkHealthStore(vertx, hz);
    return vertx.executeBlocking(() -> {
      store.listener = store.map.addEntryListener(store.new Listener(), true);
      for (Map.Entry<String, byte[]> e : store.map.entrySet()) {
        store.take(e.getKey(), e.getValue());
      }
      return store;
    });
  }

  /** Stops following the map (the view keeps what it had). */
  public Future<Void> close() {
    UUID id = listener;
    listener = null;
    return id == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      map.removeEntryListener(id);
      return null;
    });
  }

  @Override
  public Future<Void> publish(TargetId target, TargetHealth health, long seq) {
    byte[] value = TargetHealthCodec.encode(seq, health);
    return complete(map.submitToKey(target.key(), new SequencedHealthWrite(value))).map(written -> {
      if (Boolean.TRUE.equals(written)) {
        view.merge(new HealthRecord(target, health, seq));
      }
      return null;
    });
  }

  @Override
  public HealthRecord latest(TargetId target) {
    return view.latest(target);
  }

  @Override
  public Map<TargetId, HealthRecord> view() {
    return view.snapshot();
  }

  @Override
  public void onChange(Consumer<HealthRecord> listener) {
    view.onChange(listener);
  }

  /** True on the member that owns the partition of the target's key (false while it has none). */
  @Override
  public boolean ownsProbing(TargetId target) {
    Partition p = hz.getPartitionService().getPartition(target.key());
    Member owner = p == null ? null : p.getOwner();
    return owner != null && owner.localMember();
  }

  private void take(String key, byte[] value) {
    try {
      view.merge(TargetHealthCodec.decode(TargetId.parse(key), value));
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "ignored an unreadable trunk health entry: target=" + key, e);
    }
  }

  /** Hazelcast's event thread for this key's partition: one key's events arrive in order. */
  private final class Listener implements EntryAddedListener<String, byte[]>,
      EntryUpdatedListener<String, byte[]>, EntryRemovedListener<String, byte[]> {
    @Override
    public void entryAdded(EntryEvent<String, byte[]> e) {
      take(e.getKey(), e.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, byte[]> e) {
      take(e.getKey(), e.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, byte[]> e) {
      try {
        view.remove(TargetId.parse(e.getKey()));
      } catch (IllegalArgumentException ex) {
        LOG.log(Level.WARNING, "ignored a removal of an unreadable key: target=" + e.getKey(), ex);
      }
    }
  }

  private <T> Future<T> complete(CompletionStage<T> stage) {
    return HazelcastFutures.onCallerContext(stage);
  }
}
