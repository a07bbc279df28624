package io.opensbc.cluster.store;

import io.opensbc.cluster.membership.ClusteredNode;
import io.opensbc.cluster.membership.MemberPair;
import io.opensbc.sip.security.AuthFailureStore;
import io.opensbc.sip.security.LocationStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Registrations and brute-force bans shared by two real Hazelcast members on 127.0.0.1 (a unique
 * cluster name per run): what one node writes, the other sees; a ban reached on one node drops the
 * source on the other.
 */
class HazelcastSecurityStoresTest extends SecurityStoresContract {
  private static MemberPair pair;
  private static ClusteredNode one;
  private static ClusteredNode two;
  private static LocationStore[] locations;
  private static AuthFailureStore[] failures;

  @BeforeAll
  static void startPair() throws Exception {
    pair = MemberPair.start("sbc-sec");
    one = pair.one();
    two = pair.two();
    locations = new LocationStore[] {new HazelcastLocationStore(one.vertx(), one.hazelcast()),
        new HazelcastLocationStore(two.vertx(), two.hazelcast())};
    failures = new AuthFailureStore[] {await(HazelcastAuthFailureStore.start(one.vertx(), one.hazelcast())),
        await(HazelcastAuthFailureStore.start(two.vertx(), two.hazelcast()))};
  }

  @AfterAll
  static void stopPair() throws Exception {
    MemberPair.stop(pair);
  }

  @Override
  LocationStore locations(int node) {
    return locations[node];
  }

  @Override
  AuthFailureStore failures(int node) {
    return failures[node];
  }
}
