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
 * @param maxHeaderBytes longest header line (with folding) accepted; default 8192 (400 beyond)
 * @param maxUriBytes longest Request-URI accepted; default 4096 (414 beyond)
 * @param maxVias most Via values in one message; default 70, as many as Max-Forwards allows hops (400 beyond)
 * @param tcpMessageTimeout a TCP peer must complete each message (and send its first one) within
 *     this, or the connection is closed (slowloris); default 10s
 */
public record SipLimits(
    int maxMessageBytes,
    int maxHeaders,
    int maxConnections,
    Duration tcpIdleTimeout,
    int maxCalls,
    int retryAfterSeconds,
    Duration maxCallDuration,
    int maxHeaderBytes,
    int maxUriBytes,
    int maxVias,
    Duration tcpMessageTimeout) {
  public static final SipLimits DEFAULT =
      new SipLimits(
          Defaults.MAX_MESSAGE_BYTES,
          Defaults.MAX_HEADERS,
          Defaults.MAX_CONNECTIONS,
          Defaults.TCP_IDLE_TIMEOUT,
          Defaults.MAX_CALLS,
          Defaults.RETRY_AFTER_SECONDS,
          Defaults.MAX_CALL_DURATION);

  /** Limits with the default header, URI, Via and slow-sender limits. */
  public SipLimits(int maxMessageBytes, int maxHeaders, int maxConnections, Duration tcpIdleTimeout, int maxCalls,
      int retryAfterSeconds, Duration maxCallDuration) {
    this(maxMessageBytes, maxHeaders, maxConnections, tcpIdleTimeout, maxCalls, retryAfterSeconds, maxCallDuration,
        Defaults.MAX_HEADER_BYTES, Defaults.MAX_URI_BYTES, Defaults.MAX_VIAS, Defaults.TCP_MESSAGE_TIMEOUT);
  }
}
