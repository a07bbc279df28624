package io.opensbc.sip.routing.health;

import io.opensbc.sip.message.SipResponse;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Sends one OPTIONS to a target and completes with its final response. A future failed with a
 * {@link java.util.concurrent.TimeoutException} (anywhere in the cause chain) means no answer in
 * time; any other failure is a transport error. The timeout is the health check's: the sender
 * should give up its transaction then (the prober counts a timeout at that moment whatever the
 * sender does, and ignores a later completion).
 */
@FunctionalInterface
public interface ProbeSender {
  Future<SipResponse> send(TargetId target, Duration timeout);
}
