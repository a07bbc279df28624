package io.opensbc.cluster.store;

import io.opensbc.sip.security.AuthFailureStore;
import io.opensbc.sip.security.InMemoryAuthFailureStore;
import io.opensbc.sip.security.InMemoryLocationStore;
import io.opensbc.sip.security.LocationStore;

/** The in-memory twins hold the same contract (one node: "both nodes" are the same store). */
class InMemorySecurityStoresTest extends SecurityStoresContract {
  private final InMemoryLocationStore locations = new InMemoryLocationStore();
  private final InMemoryAuthFailureStore failures = new InMemoryAuthFailureStore();

  @Override
  LocationStore locations(int node) {
    return locations;
  }

  @Override
  AuthFailureStore failures(int node) {
    return failures;
  }
}
