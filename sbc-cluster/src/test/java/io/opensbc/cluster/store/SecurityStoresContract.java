package io.opensbc.cluster.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.Transport;
import io.opensbc.config.model.security.BruteForce;
import io.opensbc.sip.security.AuthFailureStore;
import io.opensbc.sip.security.Binding;
import io.opensbc.sip.security.LocationStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every location and auth-failure store does, written against two "nodes" (for Hazelcast,
 * two real members; for the in-memory twin, the same store twice).
 */
abstract class SecurityStoresContract {
  abstract LocationStore locations(int node);

  abstract AuthFailureStore failures(int node);

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static Binding binding(String contact, long expiresAt) {
    return new Binding(contact, expiresAt, "call-" + contact, 1, "udp", Transport.UDP, "192.0.2.1", 5060, 0, "n1",
        null);
  }

  @Test
  void aBindingWrittenOnOneNodeIsSeenOnTheOther() throws Exception {
    String aor = "u-" + UUID.randomUUID();
    long later = System.currentTimeMillis() + 60_000;
    await(locations(0).update(aor, l -> List.of(binding("sip:a@192.0.2.1", later))));
    List<Binding> seen = await(locations(1).lookup(aor));
    assertEquals(1, seen.size());
    assertEquals("sip:a@192.0.2.1", seen.get(0).contact());
    await(locations(1).update(aor, l -> List.of()));
    assertTrue(await(locations(0).lookup(aor)).isEmpty(), "an empty update removes the AOR");
  }

  @Test
  void expiredBindingsAreNotReturned() throws Exception {
    String aor = "u-" + UUID.randomUUID();
    long now = System.currentTimeMillis();
    await(locations(0).update(aor, l -> List.of(binding("sip:old@x", now - 1), binding("sip:new@x", now + 60_000))));
    List<Binding> seen = await(locations(1).lookup(aor));
    assertEquals(List.of("sip:new@x"), seen.stream().map(Binding::contact).toList());
  }

  @Test
  void concurrentUpdatesFromBothNodesLoseNothing() throws Exception {
    String aor = "u-" + UUID.randomUUID();
    long later = System.currentTimeMillis() + 60_000;
    List<Future<List<Binding>>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String contact = "sip:c" + i + "@x";
      all.add(locations(i % 2).update(aor, l -> {
        List<Binding> next = new ArrayList<>(l);
        next.add(binding(contact, later));
        return next;
      }));
    }
    await(Future.all(all));
    assertEquals(10, await(locations(0).lookup(aor)).size());
  }

  @Test
  void theFirstSecretWins() throws Exception {
    byte[] first = await(locations(0).sharedSecret(new byte[] {1, 2, 3}));
    byte[] second = await(locations(1).sharedSecret(new byte[] {9, 9, 9}));
    assertArrayEquals(first, second);
  }

  @Test
  void theNthFailureBansOnEveryNode() throws Exception {
    BruteForce policy = new BruteForce(3, Duration.ofMinutes(1), Duration.ofMinutes(5));
    String key = AuthFailureStore.source("198.51.100." + (int) (Math.random() * 250));
    long now = System.currentTimeMillis();
    assertFalse(await(failures(0).failed(key, policy, now)));
    assertFalse(await(failures(1).failed(key, policy, now)), "failures add up across nodes");
    assertFalse(failures(0).banned(key, now));
    assertTrue(await(failures(0).failed(key, policy, now)), "the third failure bans");
    assertTrue(failures(0).banned(key, now));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> failures(1).banned(key, System.currentTimeMillis()));
    assertFalse(failures(1).banned(key, now + Duration.ofMinutes(6).toMillis()), "the ban ends");
    assertFalse(failures(1).banned(AuthFailureStore.user("someone-else"), now));
  }
}
