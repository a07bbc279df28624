package io.opensbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PortPoolTest {
  @Test
  void handsOutEveryEvenPairInTheRangeOnceThenReportsExhaustion() {
    PortPool pool = new PortPool(20001, 20010, 7);
    // 20002..20008 are pairs; 20010 is not (20011 is outside the range)
    assertEquals(4, pool.capacity());
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      PortPool.Granted g = assertInstanceOf(PortPool.Granted.class, pool.allocate());
      assertEquals(g.rtpPort() + 1, g.rtcpPort());
      ports.add(g.rtpPort());
    }
    assertEquals(Set.of(20002, 20004, 20006, 20008), ports);
    assertEquals(new PortPool.Exhausted(4), pool.allocate());
    assertEquals(0, pool.available());
  }

  @Test
  void aReleasedPairWaitsBehindEveryOtherFreePair() {
    PortPool pool = new PortPool(30000, 30007, 1);
    int first = ((PortPool.Granted) pool.allocate()).rtpPort();
    assertTrue(pool.release(first));
    for (int i = 0; i < 3; i++) {
      assertNotEquals(first, ((PortPool.Granted) pool.allocate()).rtpPort());
    }
    assertEquals(first, ((PortPool.Granted) pool.allocate()).rtpPort());
  }

  @Test
  void releaseRefusesPortsItDidNotHandOut() {
    PortPool pool = new PortPool(30000, 30003, 1);
    int port = ((PortPool.Granted) pool.allocate()).rtpPort();
    assertFalse(pool.release(port + 1), "odd port");
    assertFalse(pool.release(29998), "below the range");
    assertFalse(pool.release(30004), "above the range");
    assertTrue(pool.release(port));
    assertFalse(pool.release(port), "already free");
    assertEquals(2, pool.available());
  }

  @Test
  void aRangeWithoutAPairIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new PortPool(30001, 30001));
    assertThrows(IllegalArgumentException.class, () -> new PortPool(30001, 30002));
    assertThrows(IllegalArgumentException.class, () -> new PortPool(40000, 30000));
    assertEquals(1, new PortPool(30001, 30003).capacity());
  }

  @Test
  void manyThreadsNeverHoldTheSamePair() throws Exception {
    PortPool pool = new PortPool(20000, 20127);
    Set<Integer> held = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger exhausted = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(threads.submit(() -> {
          go.await();
          int[] mine = new int[16];
          for (int round = 0; round < 2_000; round++) {
            int n = 0;
            for (; n < mine.length; n++) {
              if (!(pool.allocate() instanceof PortPool.Granted g)) {
                exhausted.incrementAndGet();
                break;
              }
              mine[n] = g.rtpPort();
              if (!held.add(g.rtpPort())) {
                duplicates.incrementAndGet();
              }
            }
            for (int i = 0; i < n; i++) {
              held.remove(mine[i]);
              if (!pool.release(mine[i])) {
                duplicates.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(0, duplicates.get());
    assertEquals(64, pool.available());
    assertEquals(0, exhausted.get(), "4 x 16 held at most, of 64: exhaustion would mean a pair leaked");
  }
}
