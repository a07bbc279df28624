package io.opensbc.media.relay;

import java.time.Duration;

/**
 * How the relay runs DTLS-SRTP handshakes (ADR 0010): on a worker pool of {@code workers} threads
 * shared by every shard, at most {@code maxHandshakes} at once on the node (more fail at once), each
 * fed by a queue of {@code queueRecords} received records, given up after {@code handshakeTimeout}
 * (Bouncy Castle retransmits within it), and kept reading for up to {@code linger} afterwards to
 * answer a peer that lost our last flight.
 */
public record DtlsSettings(int workers, int maxHandshakes, int queueRecords, Duration handshakeTimeout,
    Duration linger) {
  public static final DtlsSettings DEFAULT =
      new DtlsSettings(16, 512, 32, Duration.ofSeconds(10), Duration.ofSeconds(1));

  public DtlsSettings {
    if (workers < 1 || maxHandshakes < 1 || queueRecords < 4 || handshakeTimeout.toMillis() < 100
        || linger.isNegative()) {
      throw new IllegalArgumentException("DTLS settings: workers >= 1, maxHandshakes >= 1, "
          + "queueRecords >= 4, handshakeTimeout >= 100 ms, linger >= 0");
    }
  }

  public DtlsSettings withHandshakeTimeout(Duration timeout) {
    return new DtlsSettings(workers, maxHandshakes, queueRecords, timeout, linger);
  }
}
