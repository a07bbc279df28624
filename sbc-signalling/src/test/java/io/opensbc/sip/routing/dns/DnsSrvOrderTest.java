package io.opensbc.sip.routing.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.routing.dns.DnsRecord.SrvRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** RFC 2782 target selection: priority first, then weighted random within a priority. */
class DnsSrvOrderTest {

  @Test
  void lowerPriorityValuesComeFirstWhateverTheirWeight() {
    SrvRecord backup = srv("backup", 20, 1000);
    SrvRecord main = srv("main", 10, 1);
    SrvRecord last = srv("last", 30, 0);
    assertEquals(List.of(main, backup, last),
        SrvOrder.order(List.of(last, backup, main), new Random(1)));
  }

  @Test
  void theRandomNumberPicksTheFirstRunningSumAtLeastAsLarge() {
    SrvRecord heavy = srv("heavy", 10, 80);
    SrvRecord light = srv("light", 10, 20);
    // sum 100: a pick of 0..80 falls on heavy (running sum 80), 81..100 on light (100)
    assertEquals(List.of(heavy, light), SrvOrder.order(List.of(heavy, light), scripted(80, 0)));
    assertEquals(List.of(light, heavy), SrvOrder.order(List.of(heavy, light), scripted(81, 0)));
  }

  @Test
  void zeroWeightRecordsAreFirstInTheListButRarelyChosenFirst() {
    SrvRecord zero = srv("zero", 10, 0);
    SrvRecord some = srv("some", 10, 10);
    // zero-weight RRs are placed first: only a pick of 0 selects them
    assertEquals(List.of(zero, some), SrvOrder.order(List.of(some, zero), scripted(0, 0)));
    assertEquals(List.of(some, zero), SrvOrder.order(List.of(some, zero), scripted(1, 0)));
  }

  @Test
  void targetsOfDotAreDropped() {
    assertEquals(List.of(), SrvOrder.order(List.of(srv("", 0, 0)), new Random(1)));
  }

  @Test
  void aSeededRandomGivesTheSameOrderEveryTime() {
    List<SrvRecord> set = List.of(srv("a", 10, 30), srv("b", 10, 30), srv("c", 10, 30),
        srv("d", 20, 50), srv("e", 20, 50));
    List<SrvRecord> first = SrvOrder.order(set, new Random(42));
    for (int i = 0; i < 10; i++) {
      assertEquals(first, SrvOrder.order(set, new Random(42)));
    }
    assertEquals(List.of("a", "b", "c"), first.subList(0, 3).stream().map(SrvRecord::target).sorted().toList());
  }

  @Test
  void weights80And20GiveRoughly80And20Over1000Picks() {
    SrvRecord heavy = srv("heavy", 10, 80);
    SrvRecord light = srv("light", 10, 20);
    Random random = new Random(2024);
    int heavyFirst = 0;
    for (int i = 0; i < 1000; i++) {
      if (SrvOrder.order(List.of(heavy, light), random).get(0) == heavy) {
        heavyFirst++;
      }
    }
    // expected 1000 * 81/101 = 802 (picks 0..100 inclusive); binomial sd about 13
    assertTrue(heavyFirst > 740 && heavyFirst < 860, "heavy first " + heavyFirst + " of 1000");
  }

  private static SrvRecord srv(String target, int priority, int weight) {
    return new SrvRecord("_sip._udp.example.test", 60, priority, weight, 5060, target);
  }

  /** Returns the given numbers from nextLong(bound), in turn. */
  private static RandomGenerator scripted(long... picks) {
    Deque<Long> left = new ArrayDeque<>();
    for (long p : picks) {
      left.add(p);
    }
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        // the scripted picks are bounded draws: an unbounded one means SrvOrder changed how it picks
        throw new AssertionError("SrvOrder must draw with nextLong(bound), not nextLong()");
      }

      @Override
      public long nextLong(long bound) {
        long p = left.removeFirst();
        assertTrue(p < bound, p + " is out of [0, " + bound + ")");
        return p;
      }
    };
  }
}
