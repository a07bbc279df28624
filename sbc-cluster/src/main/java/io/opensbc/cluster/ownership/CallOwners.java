package io.opensbc.cluster.ownership;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.opensbc.cluster.store.HazelcastFutures;
import io.vertx.core.Future;

/**
 * The ownership claims of calls taken over, in the Hazelcast map {@value #OWNERS} (same keys as the
 * call logs, so a call's claim and log live on the same partition; synchronous backups as the
 * logs). A call never taken over has no entry: its owner is the node its Call-ID names.
 */
public final class CallOwners {
  public static final String OWNERS = "sbc.call-owners";

  private final IMap<String, String> map;

  public CallOwners(HazelcastInstance hz) {
    this.map = hz.getMap(OWNERS);
  }

  /** The claim on a call, or null when it was never taken over. */
  public Future<Claim> current(String callRef) {
    return HazelcastFutures.onCallerContext(map.getAsync(callRef)).map(Claim::parse);
  }

  /**
   * Claims a call for {@code claimant} if its owner is still {@code expected} (null claim: the
   * owner named on the wire, epoch 0): completes with the new epoch, or -1 when someone else won.
   */
  public Future<Long> claim(String callRef, Claim expected, String claimant) {
    ClaimCall cas = new ClaimCall(expected.node(), expected.epoch(), claimant);
    return HazelcastFutures.onCallerContext(map.submitToKey(callRef, cas));
  }
}
