package io.opensbc.cluster.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.b2bua.CallLogStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rules every call-log store keeps: versions only move forward, tombstones are final. */
abstract class CallLogStoreContract {
  abstract CallLogStore store();

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void newerVersionsReplaceOlderOnesNeverTheOtherWayRound() throws Exception {
    String ref = "call-" + UUID.randomUUID();
    await(store().put(ref, 2, bytes("v2")));
    await(store().put(ref, 1, bytes("v1")));
    assertArrayEquals(bytes("v2"), await(store().get(ref)), "an older version is ignored");
    await(store().put(ref, 2, bytes("v2-again")));
    assertArrayEquals(bytes("v2"), await(store().get(ref)), "an equal version is ignored");
    await(store().put(ref, 5, bytes("v5")));
    assertArrayEquals(bytes("v5"), await(store().get(ref)));
    assertTrue(await(store().callRefs()).contains(ref));
  }

  @Test
  void anEndedCallCannotBeResurrectedByALateWrite() throws Exception {
    String ref = "call-" + UUID.randomUUID();
    await(store().put(ref, 3, bytes("v3")));
    await(store().remove(ref, 4));
    assertNull(await(store().get(ref)));
    await(store().put(ref, 9, bytes("late")));
    assertNull(await(store().get(ref)), "the tombstone blocks a late write");
    assertTrue(!await(store().callRefs()).contains(ref));
  }

  @Test
  void unknownCallsReadAsNull() throws Exception {
    assertNull(await(store().get("no-such-call")));
  }
}
