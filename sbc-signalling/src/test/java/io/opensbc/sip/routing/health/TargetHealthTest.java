package io.opensbc.sip.routing.health;

import static io.opensbc.sip.routing.health.TargetState.DOWN;
import static io.opensbc.sip.routing.health.TargetState.PROBING;
import static io.opensbc.sip.routing.health.TargetState.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.config.model.routing.StatusRange;
import io.opensbc.sip.routing.health.ProbeResult.Answered;
import io.opensbc.sip.routing.health.ProbeResult.TimedOut;
import io.opensbc.sip.routing.health.ProbeResult.TransportFailed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The transition table of {@link TargetHealth}, one row per (state, counters, probe result). */
class TargetHealthTest {
  /** failuresToDown 3, successesToUp 2, alive 2xx 3xx 4xx 6xx: the defaults. */
  static final HealthCheck CHECK = new HealthCheck(true, Duration.ofSeconds(30), Duration.ofSeconds(5), 3, 2,
      HealthCheck.DEFAULT_ALIVE);
  static final HealthCheck ONE_EACH = new HealthCheck(true, Duration.ofSeconds(30), Duration.ofSeconds(5), 1, 1,
      HealthCheck.DEFAULT_ALIVE);
  static final HealthCheck ONLY_200 = new HealthCheck(true, Duration.ofSeconds(30), Duration.ofSeconds(5), 3, 2,
      List.of(new StatusRange(200, 200, "200")));

  static final ProbeResult OK = new Answered(200, 12, Capabilities.EMPTY);
  static final ProbeResult NOT_FOUND = new Answered(404, 12, Capabilities.EMPTY);
  static final ProbeResult UNAVAILABLE = new Answered(503, 12, Capabilities.EMPTY);
  static final ProbeResult TIMEOUT = new TimedOut();
  static final ProbeResult REFUSED = new TransportFailed("connection refused");

  static TargetHealth at(TargetState s, int failures, int successes) {
    return new TargetHealth(s, failures, successes, null, 1_000, Capabilities.EMPTY);
  }

  static Arguments row(String name, TargetHealth from, ProbeResult in, HealthCheck check, TargetState to,
      int failures, int successes) {
    return Arguments.of(name, from, in, check, to, failures, successes);
  }

  static Stream<Arguments> transitions() {
    return Stream.of(
        // a new target: the first success decides; failures need failuresToDown
        row("new + 200 -> UP", at(PROBING, 0, 0), OK, CHECK, UP, 0, 1),
        row("new + 404 (alive) -> UP", at(PROBING, 0, 0), NOT_FOUND, CHECK, UP, 0, 1),
        row("new + 503 -> PROBING", at(PROBING, 0, 0), UNAVAILABLE, CHECK, PROBING, 1, 0),
        row("new, 1 failure + timeout -> PROBING", at(PROBING, 1, 0), TIMEOUT, CHECK, PROBING, 2, 0),
        row("new, 2 failures + timeout -> DOWN", at(PROBING, 2, 0), TIMEOUT, CHECK, DOWN, 3, 0),
        row("new, 2 failures + 200 -> UP", at(PROBING, 2, 0), OK, CHECK, UP, 0, 1),
        row("new + timeout, failuresToDown 1 -> DOWN", at(PROBING, 0, 0), TIMEOUT, ONE_EACH, DOWN, 1, 0),
        // UP
        row("UP + 200 -> UP", at(UP, 0, 4), OK, CHECK, UP, 0, 5),
        row("UP + timeout -> UP", at(UP, 0, 4), TIMEOUT, CHECK, UP, 1, 0),
        row("UP, 1 failure + transport error -> UP", at(UP, 1, 0), REFUSED, CHECK, UP, 2, 0),
        row("UP, 2 failures + 503 -> DOWN", at(UP, 2, 0), UNAVAILABLE, CHECK, DOWN, 3, 0),
        row("UP, 2 failures + 200 -> UP, failures reset", at(UP, 2, 0), OK, CHECK, UP, 0, 1),
        row("UP + 404 when only 200 is alive -> UP, 1 failure", at(UP, 0, 1), NOT_FOUND, ONLY_200, UP, 1, 0),
        row("UP + timeout, failuresToDown 1 -> DOWN", at(UP, 0, 1), TIMEOUT, ONE_EACH, DOWN, 1, 0),
        // DOWN
        row("DOWN + timeout -> DOWN", at(DOWN, 3, 0), TIMEOUT, CHECK, DOWN, 4, 0),
        row("DOWN + 200 -> PROBING (recovering)", at(DOWN, 3, 0), OK, CHECK, PROBING, 0, 1),
        row("DOWN + 503 -> DOWN", at(DOWN, 3, 0), UNAVAILABLE, CHECK, DOWN, 4, 0),
        row("DOWN + 200, successesToUp 1 -> UP", at(DOWN, 1, 0), OK, ONE_EACH, UP, 0, 1),
        // recovering
        row("recovering, 1 success + 200 -> UP", at(PROBING, 0, 1), OK, CHECK, UP, 0, 2),
        row("recovering, 1 success + timeout -> DOWN", at(PROBING, 0, 1), TIMEOUT, CHECK, DOWN, 1, 0),
        row("recovering + 404 when only 200 is alive -> DOWN", at(PROBING, 0, 1), NOT_FOUND, ONLY_200, DOWN, 1, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void transition(String name, TargetHealth from, ProbeResult in, HealthCheck check, TargetState to, int failures,
      int successes) {
    TargetHealth next = from.onProbeResult(in, check, 5_000);
    assertEquals(to, next.state(), "state");
    assertEquals(failures, next.consecutiveFailures(), "consecutive failures");
    assertEquals(successes, next.consecutiveSuccesses(), "consecutive successes");
    assertSame(in, next.last(), "last result");
    assertEquals(to == from.state() ? from.since() : 5_000, next.since(), "since moves only on a state change");
  }

  /** Walks: S = 200, F = timeout, E = transport error, X = 503. Expected states after each probe. */
  static Stream<Arguments> walks() {
    return Stream.of(
        Arguments.of("S F F F S S", List.of(UP, UP, UP, DOWN, PROBING, UP)),
        Arguments.of("F F F S F S S", List.of(PROBING, PROBING, DOWN, PROBING, DOWN, PROBING, UP)),
        Arguments.of("S F S F F X E S", List.of(UP, UP, UP, UP, UP, DOWN, DOWN, PROBING)),
        Arguments.of("F S F F F", List.of(PROBING, UP, UP, UP, DOWN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("walks")
  void walk(String probes, List<TargetState> expected) {
    TargetHealth h = TargetHealth.initial(0);
    assertEquals(PROBING, h.state());
    List<TargetState> seen = new ArrayList<>();
    long now = 0;
    for (String p : probes.split(" ")) {
      ProbeResult r = switch (p) {
        case "S" -> OK;
        case "F" -> TIMEOUT;
        case "E" -> REFUSED;
        case "X" -> UNAVAILABLE;
        default -> throw new IllegalArgumentException(p);
      };
      h = h.onProbeResult(r, CHECK, now += 30_000);
      seen.add(h.state());
    }
    assertEquals(expected, seen);
  }

  @Test
  void capabilitiesComeFromTwoHundredsAndSurviveFailures() {
    Capabilities caps = new Capabilities(List.of("INVITE", "OPTIONS"), List.of("timer"), List.of("application/sdp"));
    TargetHealth h = TargetHealth.initial(0).onProbeResult(new Answered(200, 5, caps), CHECK, 1);
    assertEquals(caps, h.capabilities());
    h = h.onProbeResult(TIMEOUT, CHECK, 2);
    assertEquals(caps, h.capabilities(), "a timeout keeps what was learned");
    h = h.onProbeResult(new Answered(404, 5, Capabilities.EMPTY), CHECK, 3);
    assertEquals(caps, h.capabilities(), "a non-2xx answer (maybe from a proxy) does not replace them");
    h = h.onProbeResult(new Answered(200, 5, Capabilities.EMPTY), CHECK, 4);
    assertTrue(h.capabilities().isEmpty(), "a 2xx says what the target can do now");
  }

  @Test
  void latencyAndStatusOfTheLastProbe() {
    TargetHealth h = TargetHealth.initial(0);
    assertEquals(-1, h.lastLatencyMs());
    assertEquals(0, h.lastStatus());
    h = h.onProbeResult(new Answered(200, 42, null), CHECK, 1);
    assertEquals(42, h.lastLatencyMs());
    assertEquals(200, h.lastStatus());
    h = h.onProbeResult(TIMEOUT, CHECK, 2);
    assertEquals(-1, h.lastLatencyMs());
    assertEquals(0, h.lastStatus());
  }

  @Test
  void recoveringIsProbingAfterDown() {
    assertFalse(TargetHealth.initial(0).recovering());
    assertTrue(at(DOWN, 3, 0).onProbeResult(OK, CHECK, 1).recovering());
  }

  @Test
  void countersSaturate() {
    TargetHealth h = at(DOWN, Integer.MAX_VALUE, 0).onProbeResult(TIMEOUT, CHECK, 1);
    assertEquals(Integer.MAX_VALUE, h.consecutiveFailures());
  }
}
