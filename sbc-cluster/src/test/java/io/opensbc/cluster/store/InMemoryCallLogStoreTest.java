package io.opensbc.cluster.store;

import io.opensbc.sip.b2bua.CallLogStore;

class InMemoryCallLogStoreTest extends CallLogStoreContract {
  private final InMemoryCallLogStore store = new InMemoryCallLogStore();

  @Override
  CallLogStore store() {
    return store;
  }
}
