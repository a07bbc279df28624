package io.opensbc.config.model;

import java.time.Duration;

/**
 * Hard limits that protect the node.
 *
 * @param maxMessageBytes largest SIP message accepted; default 65535
 * @param maxHeaders most header fields in one message; default 256
 * @param maxConnections most open TCP connections; default 1024
 * @param tcpIdleTimeout an idle TCP connection is closed after this; default 300s
 * @param maxCalls most concurrent calls on this node; default 100000
 * @param retryAfterSeconds Retry-After sent with 503 when over a limit; default 5
 * @param maxCallDuration a call is released after this; default 4h
 */
public record SipLimits(
    int maxMessageBytes,
    int maxHeaders,
    int maxConnections,
    Duration tcpIdleTimeout,
    int maxCalls,
    int retryAfterSeconds,
    Duration maxCallDuration) {
  public static final SipLimits DEFAULT =
      new SipLimits(
          Defaults.MAX_MESSAGE_BYTES,
          Defaults.MAX_HEADERS,
          Defaults.MAX_CONNECTIONS,
          Defaults.TCP_IDLE_TIMEOUT,
          Defaults.MAX_CALLS,
          Defaults.RETRY_AFTER_SECONDS,
          Defaults.MAX_CALL_DURATION);
}
