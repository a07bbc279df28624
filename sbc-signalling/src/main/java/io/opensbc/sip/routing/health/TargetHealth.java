package io.opensbc.sip.routing.health;

import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.config.model.routing.StatusRange;
import io.opensbc.sip.routing.health.ProbeResult.Answered;
import java.util.Objects;

/**
 * What is known of one target's health, and the pure state machine that folds probe results into
 * it: {@code onProbeResult(result, check, now)} returns the next value. No clock, no I/O; the
 * prober supplies the time.
 *
 * <p>A probe is a <em>success</em> when a final response arrived whose status is in the check's
 * {@code aliveCodes}; anything else (another status, a timeout, a transport error) is a
 * <em>failure</em>. The transitions (each with the sentence of the health check it implements):
 *
 * <table>
 *   <caption>transitions</caption>
 *   <tr><th>state</th><th>success</th><th>failure</th></tr>
 *   <tr><td>PROBING, new (no success yet)</td><td>UP</td>
 *       <td>DOWN at {@code failuresToDown} failures in a row, else PROBING</td></tr>
 *   <tr><td>UP</td><td>UP</td><td>DOWN at {@code failuresToDown} failures in a row, else UP</td></tr>
 *   <tr><td>DOWN</td><td>UP if {@code successesToUp} is 1, else PROBING (recovering)</td><td>DOWN</td></tr>
 *   <tr><td>PROBING, recovering</td><td>UP at {@code successesToUp} successes in a row, else PROBING</td>
 *       <td>DOWN</td></tr>
 * </table>
 *
 * <p><b>A new target goes UP on its first success</b>: {@code successesToUp} is hysteresis against
 * flapping back to a target that has just failed, and a target that never failed has nothing to
 * prove; holding traffic from it for more intervals after a start or a configuration change would
 * buy nothing. Going DOWN takes the same {@code failuresToDown} failures from a new target as from
 * an UP one (a lost UDP packet is not a verdict).
 *
 * @param state the verdict
 * @param consecutiveFailures failures since the last success (0 after a success)
 * @param consecutiveSuccesses successes since the last failure (0 after a failure)
 * @param last the latest probe's result; null before the first probe
 * @param since when the target entered {@code state}, in epoch milliseconds (for display only:
 *     ordering between nodes uses the store's sequence numbers, never this clock)
 * @param capabilities from the latest 2xx answer; kept through failures and non-2xx answers
 */
public record TargetHealth(TargetState state, int consecutiveFailures, int consecutiveSuccesses, ProbeResult last,
    long since, Capabilities capabilities) {

  public TargetHealth {
    Objects.requireNonNull(state, "state");
    capabilities = capabilities == null ? Capabilities.EMPTY : capabilities;
    if (consecutiveFailures < 0 || consecutiveSuccesses < 0) {
      throw new IllegalArgumentException("negative counter");
    }
  }

  /** A target nobody has probed yet. */
  public static TargetHealth initial(long now) {
    return new TargetHealth(TargetState.PROBING, 0, 0, null, now, Capabilities.EMPTY);
  }

  /** The next health after one probe. */
  public TargetHealth onProbeResult(ProbeResult result, HealthCheck check, long now) {
    boolean alive = isAlive(result, check);
    int failures = alive ? 0 : inc(consecutiveFailures);
    int successes = alive ? inc(consecutiveSuccesses) : 0;
    int toDown = Math.max(1, check.failuresToDown());
    int toUp = Math.max(1, check.successesToUp());
    TargetState next = switch (state) {
      // "failuresToDown: consecutive failures that take an UP target DOWN"
      case UP -> alive || failures < toDown ? TargetState.UP : TargetState.DOWN;
      // "successesToUp: consecutive successes that bring a DOWN target back UP"
      case DOWN -> !alive ? TargetState.DOWN : successes >= toUp ? TargetState.UP : TargetState.PROBING;
      case PROBING -> recovering()
          ? (!alive ? TargetState.DOWN : successes >= toUp ? TargetState.UP : TargetState.PROBING)
          : (alive ? TargetState.UP : failures >= toDown ? TargetState.DOWN : TargetState.PROBING);
    };
    Capabilities caps = result instanceof Answered a && a.status() / 100 == 2 ? a.capabilities() : capabilities;
    return new TargetHealth(next, failures, successes, result, next == state ? since : now, caps);
  }

  /** A success: a final response whose status is one of the check's alive codes. */
  public static boolean isAlive(ProbeResult result, HealthCheck check) {
    return result instanceof Answered a && StatusRange.any(check.aliveCodes(), a.status());
  }

  /** PROBING after having been DOWN: some successes, not yet {@code successesToUp}. */
  public boolean recovering() {
    return state == TargetState.PROBING && consecutiveSuccesses > 0;
  }

  /** Status of the latest answer, or 0 when the latest probe got none (or there was none). */
  public int lastStatus() {
    return last instanceof Answered a ? a.status() : 0;
  }

  /** Round-trip time of the latest probe, or -1 when it got no answer (or there was none). */
  public long lastLatencyMs() {
    return last instanceof Answered a ? a.latencyMs() : -1;
  }

  private static int inc(int n) {
    return n == Integer.MAX_VALUE ? n : n + 1;
  }
}
