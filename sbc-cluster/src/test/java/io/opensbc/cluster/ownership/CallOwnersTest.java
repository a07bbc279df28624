package io.opensbc.cluster.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.cluster.membership.ClusteredNode;
import io.opensbc.cluster.membership.MemberPair;
import io.vertx.core.Future;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fenced ownership claim on two real Hazelcast members: of two survivors adopting the same
 * call at once exactly one wins; a claim made on a stale view of the owner (epoch) loses; a call
 * taken over twice goes up one epoch each time. No wall clock decides anything.
 */
class CallOwnersTest {
  private static MemberPair pair;
  private static ClusteredNode one;
  private static ClusteredNode two;

  @BeforeAll
  static void startPair() throws Exception {
    pair = MemberPair.start("sbc-owners");
    one = pair.one();
    two = pair.two();
  }

  @AfterAll
  static void stopPair() throws Exception {
    MemberPair.stop(pair);
  }

  @Test
  void ofTwoSurvivorsAdoptingTheSameCallExactlyOneWins() throws Exception {
    for (int i = 0; i < 20; i++) {
      String ref = "sbc00-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24) + ".a";
      Future<Long> b = new CallOwners(one.hazelcast()).claim(ref, new Claim("a", 0), "b");
      Future<Long> c = new CallOwners(two.hazelcast()).claim(ref, new Claim("a", 0), "c");
      long eb = await(b);
      long ec = await(c);
      assertTrue(eb == 1 && ec == -1 || eb == -1 && ec == 1, "one winner at epoch 1: b=" + eb + " c=" + ec);
      Claim owner = await(new CallOwners(two.hazelcast()).current(ref));
      assertEquals(new Claim(eb == 1 ? "b" : "c", 1), owner);
    }
  }

  @Test
  void aClaimOnAStaleViewLosesAndEachTakeoverBumpsTheEpoch() throws Exception {
    String ref = "sbc01-0123456789abcdef01234567.a";
    CallOwners owners = new CallOwners(one.hazelcast());
    assertEquals(null, await(owners.current(ref)), "a call never taken over has no claim: its Call-ID names the owner");
    assertEquals(1L, await(owners.claim(ref, new Claim("a", 0), "b")));
    assertEquals(-1L, await(owners.claim(ref, new Claim("a", 0), "c")), "a still thinks a owns it");
    assertEquals(-1L, await(owners.claim(ref, new Claim("c", 1), "c")), "right epoch, wrong owner");
    assertEquals(2L, await(owners.claim(ref, new Claim("b", 1), "c")), "b failed too: c takes over from b");
    assertEquals(new Claim("c", 2), await(new CallOwners(two.hazelcast()).current(ref)));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return MemberPair.await(f);
  }
}
