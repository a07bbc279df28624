package io.opensbc.sip.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  static final long MS = 1_000_000L;

  static int takeAll(TokenBucket b, long now) {
    int n = 0;
    while (b.tryTake(now)) {
      n++;
    }
    return n;
  }

  @Test
  void startsFullWithTheBurst() {
    TokenBucket b = new TokenBucket(20, 40, 0);
    assertEquals(40, takeAll(b, 0));
    assertFalse(b.tryTake(0));
  }

  @Test
  void refillsOneTokenPerIntervalExactly() {
    TokenBucket b = new TokenBucket(20, 40, 0); // one token every 50 ms
    takeAll(b, 0);
    assertFalse(b.tryTake(50 * MS - 1));
    assertTrue(b.tryTake(50 * MS));
    assertFalse(b.tryTake(50 * MS));
    assertFalse(b.tryTake(100 * MS - 1));
    assertTrue(b.tryTake(100 * MS));
    assertEquals(2, takeAll(b, 200 * MS));
  }

  @Test
  void savesUpNoMoreThanTheBurst() {
    TokenBucket b = new TokenBucket(20, 40, 0);
    takeAll(b, 0);
    assertEquals(40, takeAll(b, 3_600_000 * MS));
    assertTrue(b.isFull(3_600_000 * MS + 2_000 * MS));
  }

  @Test
  void fractionalRate() {
    TokenBucket b = new TokenBucket(0.5, 1, 0); // one every 2 s
    assertTrue(b.tryTake(0));
    assertFalse(b.tryTake(1_999 * MS));
    assertTrue(b.tryTake(2_000 * MS));
  }

  @Test
  void isFullOnlyOnceRefilled() {
    TokenBucket b = new TokenBucket(10, 2, 0);
    assertTrue(b.isFull(0));
    b.tryTake(0);
    assertFalse(b.isFull(99 * MS));
    assertTrue(b.isFull(100 * MS));
  }

  @Test
  void clockThatWrapsAroundLongMaxValue() {
    long start = Long.MAX_VALUE - 10 * MS;
    TokenBucket b = new TokenBucket(100, 1, start); // one every 10 ms
    assertTrue(b.tryTake(start));
    assertFalse(b.tryTake(start + 9 * MS));
    assertTrue(b.tryTake(start + 10 * MS)); // == Long.MAX_VALUE
    assertFalse(b.tryTake(start + 15 * MS)); // wrapped to negative
    assertTrue(b.tryTake(start + 20 * MS));
  }

  @Test
  void refusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.NaN, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1e-12, 1_000_000, 0));
  }

  @Test
  void sharedByThreadsHandsOutEachTokenOnce() throws InterruptedException {
    TokenBucket b = new TokenBucket(1, 10_000, 0);
    AtomicInteger taken = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 5_000; i++) {
          if (b.tryTake(0)) {
            taken.incrementAndGet();
          }
        }
      });
      th.start();
      threads.add(th);
    }
    go.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(10_000, taken.get());
  }
}
