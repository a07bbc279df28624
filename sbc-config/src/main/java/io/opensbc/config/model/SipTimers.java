package io.opensbc.config.model;

import java.time.Duration;

/**
 * RFC 3261 §17 timer base values.
 *
 * @param t1 RTT estimate; default 500ms
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses; default 4s
 * @param t4 maximum duration a message remains in the network; default 5s
 */
public record SipTimers(Duration t1, Duration t2, Duration t4) {
  public static final SipTimers DEFAULT = new SipTimers(Defaults.T1, Defaults.T2, Defaults.T4);
}
