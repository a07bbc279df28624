package io.opensbc.sip.routing.health;

import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Target health in this JVM only, with the same sequence rule as the Hazelcast store: the store of
 * a standalone node (which probes every target itself) and of tests. Listeners run on the
 * publisher's thread before {@link #publish} returns.
 */
public final class InMemoryTrunkHealthStore implements TrunkHealthStore {
  private final HealthView view = new HealthView();

  @Override
  public Future<Void> publish(TargetId target, TargetHealth health, long seq) {
    view.merge(new HealthRecord(target, health, seq));
    return Future.succeededFuture();
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

  @Override
  public boolean ownsProbing(TargetId target) {
    return true;
  }
}
