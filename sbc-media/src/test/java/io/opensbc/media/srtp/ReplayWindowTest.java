package io.opensbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opensbc.media.srtp.ReplayWindow.Verdict;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sliding replay window of RFC 3711 §3.3.2. */
class ReplayWindowTest {

  @Test
  void anythingIsNewBeforeTheFirstPacket() {
    ReplayWindow w = new ReplayWindow(64);
    assertEquals(-1, w.highest());
    assertEquals(Verdict.NEW, w.check(0));
    assertEquals(Verdict.NEW, w.check(123_456));
  }

  @Test
  void aDuplicateIsRejected() {
    ReplayWindow w = new ReplayWindow(64);
    w.record(1000);
    assertEquals(Verdict.DUPLICATE, w.check(1000));
    w.record(1001);
    assertEquals(Verdict.DUPLICATE, w.check(1000));
    assertEquals(Verdict.DUPLICATE, w.check(1001));
  }

  @Test
  void anIndexBelowTheWindowIsTooOld() {
    ReplayWindow w = new ReplayWindow(64);
    w.record(1000);
    assertEquals(Verdict.NEW, w.check(1000 - 63), "the 64th index, the highest included");
    assertEquals(Verdict.TOO_OLD, w.check(1000 - 64));
    assertEquals(Verdict.TOO_OLD, w.check(0));
  }

  @Test
  void outOfOrderIndicesInsideTheWindowAreAcceptedOnce() {
    ReplayWindow w = new ReplayWindow(64);
    w.record(100);
    for (long i : new long[] {97, 99, 40, 98}) {
      assertEquals(Verdict.NEW, w.check(i), "first " + i);
      w.record(i);
      assertEquals(Verdict.DUPLICATE, w.check(i), "again " + i);
    }
    assertEquals(100, w.highest());
    assertEquals(Verdict.NEW, w.check(96));
  }

  @Test
  void aJumpForwardForgetsWhatFellOffAndKeepsWhatStayed() {
    ReplayWindow w = new ReplayWindow(64);
    for (long i = 0; i <= 100; i++) {
      w.record(i);
    }
    w.record(130);
    assertEquals(Verdict.DUPLICATE, w.check(100), "still inside");
    assertEquals(Verdict.NEW, w.check(115), "skipped over: not seen");
    assertEquals(Verdict.TOO_OLD, w.check(66));
    w.record(1_000_000);
    assertEquals(Verdict.NEW, w.check(1_000_000 - 1));
    assertEquals(Verdict.TOO_OLD, w.check(130));
  }

  @Test
  void theSizeIsBoundedAndAtLeastTheRfcsSixtyFour() {
    assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(63));
    assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(32769));
    assertEquals(1000, new ReplayWindow(1000).size());
  }

  /** Against a model that remembers every index, for random traffic around a moving top. */
  @ParameterizedTest
  @ValueSource(ints = {64, 100, 128, 1000, 1024})
  void agreesWithAModelThatRemembersEverything(int size) {
    ReplayWindow w = new ReplayWindow(size);
    BitSet seen = new BitSet();
    Random random = new Random(size);
    long top = -1;
    for (int n = 0; n < 200_000; n++) {
      long index = Math.max(0, (top < 0 ? 0 : top) + random.nextInt(3 * size) - 2 * size);
      if (random.nextInt(500) == 0) {
        index += random.nextInt(4 * size);
      }
      Verdict expected = index > top ? Verdict.NEW
          : top - index >= size ? Verdict.TOO_OLD
          : seen.get((int) index) ? Verdict.DUPLICATE : Verdict.NEW;
      assertEquals(expected, w.check(index), "index " + index + " top " + top);
      if (expected == Verdict.NEW && random.nextInt(4) != 0) {
        w.record(index);
        seen.set((int) index);
        top = Math.max(top, index);
      }
    }
  }
}
