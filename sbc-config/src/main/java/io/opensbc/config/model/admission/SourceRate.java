package io.opensbc.config.model.admission;

import io.opensbc.config.model.Defaults;

/**
 * A token bucket per source IP address for new requests (out-of-dialog INVITE, REGISTER, OPTIONS,
 * SUBSCRIBE, MESSAGE...) from sources that are not configured trunks.
 *
 * @param perSecond tokens added per second (default 20)
 * @param burst bucket size (default 40)
 * @param drop true: requests over the limit are dropped silently (default); false: answered 503
 * @param block how long a source that goes {@code burst} requests over its rate within one second
 *     is blocked at the listener, every datagram dropped before it is parsed (default 10 s; zero:
 *     never blocked)
 */
public record SourceRate(double perSecond, int burst, boolean drop, java.time.Duration block) {
  public static final SourceRate DEFAULT = new SourceRate(
      Defaults.UNKNOWN_SOURCE_RATE, Defaults.UNKNOWN_SOURCE_BURST, Defaults.UNKNOWN_SOURCE_DROP,
      Defaults.UNKNOWN_SOURCE_BLOCK);
}
