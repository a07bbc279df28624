package io.opensbc.sip.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.routing.Failover;
import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.config.model.routing.Selection;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.config.model.routing.TrunkDispatch;
import io.opensbc.config.model.routing.TrunkLimits;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.TrunkRules;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Target order and filtering of the dispatcher, without the network (IP targets only). */
class DispatcherTest {
  static final TargetConfig A = new TargetConfig("10.0.0.1", 5060, null, 1, 80);
  static final TargetConfig B = new TargetConfig("10.0.0.2", 5060, null, 1, 20);
  static final TargetConfig C = new TargetConfig("10.0.0.3", 5060, Transport.TCP, 2, 1);

  static TrunkConfig trunk(Selection sel, int maxTargets, TargetConfig... targets) {
    return new TrunkConfig("t", "carrier.example", 5060, Transport.UDP, "udp", false, TrunkRules.NONE,
        ResponseMap.NONE, null, new TrunkDispatch(List.of(targets), sel, HealthCheck.OFF,
            new Failover(Failover.DEFAULT.codes(), maxTargets), TrunkLimits.NONE));
  }

  final AtomicLong now = new AtomicLong(1_000_000);
  final TargetAvailability availability = new TargetAvailability(now::get);

  Dispatcher dispatcher() {
    return new Dispatcher(null, availability, new SplittableRandom(7), Set.of(Transport.UDP, Transport.TCP));
  }

  List<Hop> plan(Dispatcher d, TrunkConfig t, String callId) {
    return d.plan(t, callId).result();
  }

  @Test
  void priorityFirstThenWeightsShareTheFirstPick() {
    Dispatcher d = dispatcher();
    TrunkConfig t = trunk(Selection.PRIORITY, 0, C, B, A);
    int firstIsA = 0;
    for (int i = 0; i < 2000; i++) {
      List<Hop> hops = plan(d, t, "c" + i);
      assertEquals(3, hops.size());
      assertEquals("10.0.0.3", hops.get(2).host(), "priority 2 comes last");
      assertEquals(Transport.TCP, hops.get(2).transport());
      if (hops.get(0).host().equals("10.0.0.1")) {
        firstIsA++;
      }
    }
    assertTrue(firstIsA > 1400 && firstIsA < 1800, "weights 80/20 give ~80% first picks, got " + firstIsA);
  }

  @Test
  void roundRobinRotatesAndCallIdHashIsStable() {
    Dispatcher d = dispatcher();
    TrunkConfig rr = trunk(Selection.ROUND_ROBIN, 0, A, B, C);
    assertEquals("10.0.0.1", plan(d, rr, "x").get(0).host());
    assertEquals("10.0.0.2", plan(d, rr, "x").get(0).host());
    assertEquals("10.0.0.3", plan(d, rr, "x").get(0).host());
    assertEquals("10.0.0.1", plan(d, rr, "x").get(0).host());
    TrunkConfig hash = trunk(Selection.CALL_ID_HASH, 0, A, B, C);
    String first = plan(d, hash, "call-42").get(0).host();
    for (int i = 0; i < 10; i++) {
      assertEquals(first, plan(d, hash, "call-42").get(0).host());
    }
  }

  @Test
  void busyAndDownTargetsAreSkipped_andMaxTargetsCaps() {
    Dispatcher d = dispatcher();
    TrunkConfig t = trunk(Selection.PRIORITY, 0, A, B, C);
    availability.busyFor(Dispatcher.key(t, A), 5_000);
    availability.healthView(key -> key.equals(Dispatcher.key(t, C)));
    List<Hop> hops = plan(d, t, "c");
    assertEquals(List.of("10.0.0.2"), hops.stream().map(Hop::host).toList());
    now.addAndGet(5_000);
    assertEquals(2, plan(d, t, "c").size(), "busy ends after Retry-After");
    assertEquals(1, plan(d, trunk(Selection.PRIORITY, 1, A, B, C), "c").size());
    availability.healthView(key -> true);
    assertTrue(plan(d, t, "c").isEmpty());
  }

  @Test
  void aTrunkWithoutTargetsIsItsOwnTarget_andTransportsWithoutListenerAreSkipped() {
    Dispatcher udpOnly = new Dispatcher(null, availability, new SplittableRandom(1), Set.of(Transport.UDP));
    TrunkConfig plain = new TrunkConfig("p", "192.0.2.7", 5080, Transport.UDP, "udp");
    assertEquals(List.of(new Hop("p", "p|192.0.2.7:5080/udp", "192.0.2.7", 5080, Transport.UDP)), plan(udpOnly, plain, "c"));
    assertEquals(2, plan(udpOnly, trunk(Selection.PRIORITY, 0, A, B, C), "c").size(), "no TCP listener: C skipped");
  }

  @Test
  void anAddressThatDidNotAnswerIsTriedLastForThirtySeconds() {
    Dispatcher d = dispatcher();
    TrunkConfig t = trunk(Selection.PRIORITY, 0, A, C);
    Hop a = plan(d, t, "x").get(0);
    assertEquals("10.0.0.1", a.host());
    availability.unreachable(a);
    List<Hop> hops = plan(d, t, "y");
    assertEquals(List.of("10.0.0.3", "10.0.0.1"), hops.stream().map(Hop::host).toList(),
        "kept as a last resort, after the others");
    now.addAndGet(TargetAvailability.UNREACHABLE_MILLIS - 1);
    assertEquals("10.0.0.3", plan(d, t, "z").get(0).host());
    now.addAndGet(1);
    assertEquals("10.0.0.1", plan(d, t, "z").get(0).host(), "back in its place after 30 s");
    availability.unreachable(a);
    assertEquals(List.of("10.0.0.3"), plan(d, trunk(Selection.PRIORITY, 1, A, C), "w").stream().map(Hop::host).toList(),
        "max-targets counts after the reordering");
  }
}
