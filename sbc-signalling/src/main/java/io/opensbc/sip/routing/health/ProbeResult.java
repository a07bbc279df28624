package io.opensbc.sip.routing.health;

import io.opensbc.sip.message.SipResponse;
import java.util.concurrent.TimeoutException;

/** The outcome of one OPTIONS probe: an answer, no answer in time, or a transport error. */
public sealed interface ProbeResult {

  /** A final response arrived; whether it counts as alive is the health check's call. */
  record Answered(int status, long latencyMs, Capabilities capabilities) implements ProbeResult {
    public Answered {
      if (status < 100 || status > 699) {
        throw new IllegalArgumentException("status out of range: " + status);
      }
      latencyMs = Math.max(0, latencyMs);
      capabilities = capabilities == null ? Capabilities.EMPTY : capabilities;
    }
  }

  /** No final response within the health check's timeout. */
  record TimedOut() implements ProbeResult {}

  /** The request could not be sent (no route, connection refused, ICMP unreachable...). */
  record TransportFailed(String reason) implements ProbeResult {
    /** Reasons are kept short: they are stored with the target's health. */
    public static final int MAX_REASON = 200;

    public TransportFailed {
      reason = reason == null ? "" : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }
  }

  /** An answer, with the capabilities its Allow, Supported and Accept headers name. */
  static ProbeResult answered(SipResponse response, long latencyMs) {
    return new Answered(response.status(), latencyMs, Capabilities.of(response.headers()));
  }

  /**
   * A failed probe: a {@link TimeoutException} anywhere in the cause chain is a {@link TimedOut},
   * anything else a {@link TransportFailed}.
   */
  static ProbeResult failed(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return new TimedOut();
      }
    }
    return new TransportFailed(error == null ? "" : error.toString());
  }
}
