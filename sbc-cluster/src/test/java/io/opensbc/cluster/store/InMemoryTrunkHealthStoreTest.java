package io.opensbc.cluster.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.routing.health.InMemoryTrunkHealthStore;
import io.opensbc.sip.routing.health.TrunkHealthStore;
import org.junit.jupiter.api.Test;

class InMemoryTrunkHealthStoreTest extends TrunkHealthStoreContract {
  private final InMemoryTrunkHealthStore store = new InMemoryTrunkHealthStore();

  @Override
  TrunkHealthStore store() {
    return store;
  }

  @Test
  void aStandaloneNodeProbesEveryTarget() {
    assertTrue(store.ownsProbing(newTarget()));
  }
}
