package io.opensbc.sip.routing.health;

import static io.opensbc.sip.routing.health.TargetState.DOWN;
import static io.opensbc.sip.routing.health.TargetState.PROBING;
import static io.opensbc.sip.routing.health.TargetState.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.routing.dns.SipTransport;
import io.opensbc.sip.routing.health.ProbeResult.TimedOut;
import io.opensbc.sip.routing.health.ProbeResult.TransportFailed;
import io.opensbc.sip.transaction.ManualTimers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The prober on a manual clock: timing, bounds, ownership and publishing, exactly. */
class OptionsProberTest {
  static final TargetId A = new TargetId("carrier", "10.0.0.2", 5060, SipTransport.UDP);
  static final TargetId B = new TargetId("carrier", "10.0.0.3", 5060, SipTransport.UDP);
  /** interval 100 ms, timeout 50 ms, 2 failures to DOWN, 2 successes to UP. */
  static final HealthCheck CHECK = check(100, 50);

  final ManualTimers timers = new ManualTimers();
  final OwnedStore store = new OwnedStore();
  final FakeSender sender = new FakeSender();
  final List<HealthRecord> published = new ArrayList<>();

  static HealthCheck check(long intervalMs, long timeoutMs) {
    return new HealthCheck(true, Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs), 2, 2,
        HealthCheck.DEFAULT_ALIVE);
  }

  static SipResponse response(int status, Headers headers) {
    return new SipResponse(status, "R", headers, null);
  }

  static final SipResponse OK = response(200, Headers.EMPTY);

  /** A store whose ownership a test switches, as a cluster would when members come and go. */
  static final class OwnedStore implements TrunkHealthStore {
    final InMemoryTrunkHealthStore delegate = new InMemoryTrunkHealthStore();
    boolean owns = true;

    @Override
    public Future<Void> publish(TargetId target, TargetHealth health, long seq) {
      return delegate.publish(target, health, seq);
    }

    @Override
    public HealthRecord latest(TargetId target) {
      return delegate.latest(target);
    }

    @Override
    public Map<TargetId, HealthRecord> view() {
      return delegate.view();
    }

    @Override
    public void onChange(java.util.function.Consumer<HealthRecord> listener) {
      delegate.onChange(listener);
    }

    @Override
    public boolean ownsProbing(TargetId target) {
      return owns;
    }
  }

  /** Answers as {@link #behaviour} says and records when each target was probed. */
  final class FakeSender implements ProbeSender {
    Function<TargetId, Future<SipResponse>> behaviour = t -> Future.succeededFuture(OK);
    final List<Long> times = new ArrayList<>();
    final Map<TargetId, List<Long>> byTarget = new HashMap<>();

    @Override
    public Future<SipResponse> send(TargetId target, Duration timeout) {
      times.add(timers.nowMillis());
      byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(timers.nowMillis());
      return behaviour.apply(target);
    }

    int count(TargetId t) {
      return byTarget.getOrDefault(t, List.of()).size();
    }
  }

  OptionsProber prober(int refreshEvery) {
    store.onChange(published::add);
    return new OptionsProber(timers, store, sender, refreshEvery, timers::nowMillis, new SplittableRandom(7));
  }

  List<TargetState> states() {
    List<TargetState> out = new ArrayList<>();
    for (HealthRecord r : published) {
      if (out.isEmpty() || out.get(out.size() - 1) != r.health().state()) {
        out.add(r.health().state());
      }
    }
    return out;
  }

  @Test
  void upThenDownAfterTwoTimeoutsThenBackUpAfterTwoAnswers() {
    OptionsProber p = prober(100);
    p.watch(A, CHECK);
    timers.advance(100);
    assertEquals(UP, store.current(A).state(), "a new target is UP on its first answer");
    sender.behaviour = t -> Promise.<SipResponse>promise().future(); // never answers
    timers.advance(200);
    assertEquals(DOWN, store.current(A).state());
    assertEquals(2, store.current(A).consecutiveFailures());
    assertInstanceOf(TimedOut.class, store.current(A).last());
    sender.behaviour = t -> Future.succeededFuture(OK);
    timers.advance(100);
    assertEquals(PROBING, store.current(A).state());
    assertTrue(store.current(A).recovering());
    timers.advance(100);
    assertEquals(UP, store.current(A).state());
    assertEquals(List.of(UP, DOWN, PROBING, UP), states());
    long[] seqs = published.stream().mapToLong(HealthRecord::seq).toArray();
    for (int i = 0; i < seqs.length; i++) {
      assertEquals(i + 1, seqs[i], "one sequence number per publish, in order");
    }
  }

  @Test
  void theFirstProbeOfEachTargetFallsWithinTheFirstIntervalAtDifferentTimes() {
    OptionsProber p = prober(100);
    List<TargetId> targets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      targets.add(new TargetId("t", "10.0.1." + i, 5060, SipTransport.UDP));
      p.watch(targets.get(i), check(1000, 50));
    }
    timers.advance(999);
    for (TargetId t : targets) {
      assertEquals(1, sender.count(t), "one probe in the first interval: " + t);
    }
    assertTrue(new HashSet<>(sender.times).size() > 10, "spread: " + sender.times);
    timers.advance(1000);
    for (TargetId t : targets) {
      assertEquals(2, sender.count(t), "then one per interval: " + t);
    }
  }

  @Test
  void onlyOneProbeInFlightPerTargetAndALateAnswerIsIgnored() {
    List<Promise<SipResponse>> pending = new ArrayList<>();
    sender.behaviour = t -> {
      Promise<SipResponse> pr = Promise.promise();
      pending.add(pr);
      return pr.future();
    };
    OptionsProber p = prober(100);
    p.watch(A, check(100, 250)); // timeout longer than the interval
    timers.advance(1000);
    List<Long> times = sender.byTarget.get(A);
    for (int i = 1; i < times.size(); i++) {
      assertTrue(times.get(i) - times.get(i - 1) >= 250, "a probe waits for the previous one: " + times);
    }
    assertTrue(times.size() <= 4, "at most one per timeout: " + times);
    assertEquals(times.size(), pending.size());
    assertInstanceOf(TimedOut.class, store.current(A).last());
  }

  @Test
  void anAnswerAfterTheTimeoutCountsAsATimeout() {
    List<Promise<SipResponse>> pending = new ArrayList<>();
    sender.behaviour = t -> {
      Promise<SipResponse> pr = Promise.promise();
      pending.add(pr);
      return pr.future();
    };
    OptionsProber p = prober(100);
    p.watch(A, CHECK);
    while (pending.isEmpty()) {
      timers.advance(1);
    }
    timers.advance(50);
    assertEquals(1, pending.size());
    assertInstanceOf(TimedOut.class, store.current(A).last());
    int publishes = published.size();
    pending.get(0).complete(OK);
    timers.advance(0);
    assertEquals(publishes, published.size(), "the late 200 is ignored");
    assertInstanceOf(TimedOut.class, store.current(A).last());
  }

  @Test
  void transportErrorsAndThrowingSendersAreFailures() {
    sender.behaviour = t -> Future.failedFuture(new ConnectException("connection refused"));
    OptionsProber p = prober(100);
    p.watch(A, CHECK);
    timers.advance(100);
    TransportFailed f = assertInstanceOf(TransportFailed.class, store.current(A).last());
    assertTrue(f.reason().contains("connection refused"), f.reason());
    sender.behaviour = t -> {
      throw new IllegalStateException("no listener for udp");
    };
    timers.advance(100);
    assertEquals(DOWN, store.current(A).state());
    sender.behaviour = t -> Future.failedFuture(new RuntimeException(new TimeoutException("Timer F")));
    timers.advance(100);
    assertInstanceOf(TimedOut.class, store.current(A).last(), "a TimeoutException in the chain is a timeout");
  }

  @Test
  void withoutChangesItPublishesEveryNthProbeWithTheLatestLatency() {
    List<Promise<SipResponse>> pending = new ArrayList<>();
    sender.behaviour = t -> {
      Promise<SipResponse> pr = Promise.promise();
      pending.add(pr);
      return pr.future();
    };
    OptionsProber p = prober(3);
    p.watch(A, check(100, 50));
    for (int i = 1; i <= 10; i++) {
      while (pending.size() < i) {
        timers.advance(1);
      }
      timers.advance(i);
      pending.get(i - 1).complete(OK);
      timers.advance(0);
    }
    assertEquals(10, pending.size());
    // probe 1 is news (first result); then every third probe: 4, 7, 10
    assertEquals(4, store.latest(A).seq());
    assertEquals(4, published.size());
    assertEquals(10, store.current(A).lastLatencyMs(), "the refresh carries the latest latency");
  }

  @Test
  void latencyIsTheTimeToTheAnswer() {
    List<Promise<SipResponse>> pending = new ArrayList<>();
    sender.behaviour = t -> {
      Promise<SipResponse> pr = Promise.promise();
      pending.add(pr);
      return pr.future();
    };
    OptionsProber p = prober(100);
    p.watch(A, CHECK);
    while (pending.isEmpty()) {
      timers.advance(1);
    }
    timers.advance(17);
    pending.get(0).complete(OK);
    timers.advance(0);
    assertEquals(17, store.current(A).lastLatencyMs());
  }

  @Test
  void learnsCapabilitiesFromTheAnswer() {
    Headers h = Headers.builder().add("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS").add("Supported", "timer")
        .add("Accept", "application/sdp").build();
    sender.behaviour = t -> Future.succeededFuture(response(200, h));
    OptionsProber p = prober(100);
    p.watch(A, CHECK);
    timers.advance(100);
    Capabilities c = store.current(A).capabilities();
    assertTrue(c.allows("OPTIONS"));
    assertTrue(c.supports("timer"));
    assertTrue(c.accepts("application/sdp"));
  }

  @Test
  void probesOnlyOwnedTargetsAndTakesOverFromTheStoredRecord() {
    store.owns = false;
    OptionsProber p = prober(100);
    p.watch(A, CHECK);
    timers.advance(300);
    assertEquals(0, sender.count(A), "another node owns A");
    // the owner published A DOWN at seq 7 ...
    TargetHealth down = new TargetHealth(DOWN, 5, 0, new TimedOut(), 1, Capabilities.EMPTY);
    store.publish(A, down, 7);
    // ... then left: this node owns A now
    store.owns = true;
    timers.advance(100);
    assertEquals(1, sender.count(A));
    HealthRecord r = store.latest(A);
    assertEquals(8, r.seq(), "continues the owner's sequence");
    assertEquals(PROBING, r.health().state(), "continues the owner's state: recovering from DOWN");
  }

  @Test
  void adoptsANewerRecordWrittenByAnotherNodeMeanwhile() {
    OptionsProber p = prober(100);
    p.watch(A, CHECK);
    timers.advance(100);
    assertEquals(1, store.latest(A).seq());
    store.publish(A, new TargetHealth(DOWN, 9, 0, new TimedOut(), 1, Capabilities.EMPTY), 20);
    timers.advance(100);
    assertEquals(21, store.latest(A).seq());
    assertEquals(PROBING, store.current(A).state());
  }

  @Test
  void unwatchWatchOnlyAndStop() {
    OptionsProber p = prober(100);
    p.watch(A, CHECK);
    p.watch(B, CHECK);
    timers.advance(100);
    assertEquals(1, sender.count(A));
    assertEquals(1, sender.count(B));
    p.watchOnly(Map.of(B, CHECK));
    timers.advance(300);
    assertEquals(1, sender.count(A), "A is no longer watched");
    assertEquals(4, sender.count(B));
    p.watch(B, new HealthCheck(false, CHECK.interval(), CHECK.timeout(), 2, 2, HealthCheck.DEFAULT_ALIVE));
    timers.advance(300);
    assertEquals(4, sender.count(B), "a disabled check unwatches");
    p.watch(A, CHECK);
    timers.advance(100);
    assertEquals(2, sender.count(A));
    p.stop();
    timers.advance(0);
    assertEquals(0, timers.pending(), "no timer left");
    p.watch(A, CHECK);
    timers.advance(500);
    assertEquals(2, sender.count(A), "a stopped prober stays stopped");
  }

  @Test
  void aNewIntervalTakesEffectAtOnce() {
    OptionsProber p = prober(100);
    p.watch(A, check(10_000, 50));
    timers.advance(10_000);
    assertEquals(1, sender.count(A));
    p.watch(A, check(100, 50));
    timers.advance(1000);
    assertTrue(sender.count(A) >= 10, "every 100 ms now: " + sender.count(A));
    Set<TargetState> states = new HashSet<>(states());
    assertEquals(Set.of(UP), states);
  }
}
