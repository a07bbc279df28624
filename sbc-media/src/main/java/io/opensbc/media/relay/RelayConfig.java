package io.opensbc.media.relay;

import java.time.Duration;

/**
 * The relay's settings, with the defaults in {@link #defaults()}.
 *
 * @param bindHost local IP literal the media sockets bind to
 * @param advertisedHost the address put in {@code LocalEndpoint} (what SDP advertises); the bind
 *     address when null
 * @param portMin first port of the RTP range (inclusive)
 * @param portMax last port of the range (inclusive)
 * @param shards relay verticles, each on its own event loop; sessions are spread by call reference
 * @param maxSessions sessions on this node at most (each holds two port pairs)
 * @param maxPacketBytes larger datagrams are dropped
 * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF of each media socket (the kernel caps them at
 *     net.core.rmem_max / wmem_max)
 * @param writeQueueBytes bytes a socket may hold unsent before further packets for it are dropped
 * @param latchSilence how long a latched peer must be silent before another source may take over
 * @param latchConfirmPackets consecutive packets (same source and SSRC) that make the takeover
 * @param sweepInterval how often each shard checks media timeouts
 * @param bindAttempts port pairs tried per leg before an allocation gives up
 */
public record RelayConfig(
    String bindHost,
    String advertisedHost,
    int portMin,
    int portMax,
    int shards,
    int maxSessions,
    int maxPacketBytes,
    int socketBufferBytes,
    int writeQueueBytes,
    Duration latchSilence,
    int latchConfirmPackets,
    Duration sweepInterval,
    int bindAttempts) {

  public RelayConfig {
    require(shards >= 1 && shards <= 64, "shards", shards, "1..64");
    require(maxSessions >= 1, "maxSessions", maxSessions, ">= 1");
    require(maxPacketBytes >= 12 && maxPacketBytes <= 65507, "maxPacketBytes", maxPacketBytes, "12..65507");
    require(socketBufferBytes >= 4096, "socketBufferBytes", socketBufferBytes, ">= 4096");
    require(writeQueueBytes >= maxPacketBytes, "writeQueueBytes", writeQueueBytes, ">= maxPacketBytes");
    require(latchConfirmPackets >= 1, "latchConfirmPackets", latchConfirmPackets, ">= 1");
    require(bindAttempts >= 1, "bindAttempts", bindAttempts, ">= 1");
    if (latchSilence.isNegative() || sweepInterval.toMillis() < 1) {
      throw new IllegalArgumentException("latchSilence >= 0 and sweepInterval >= 1 ms required");
    }
  }

  /** Loopback, ports 20000-39999, one shard, 1500-byte packets, 2 MiB socket buffers, 2 s / 5 packets latching. */
  public static RelayConfig defaults() {
    return new RelayConfig("127.0.0.1", null, 20000, 39999, 1, 4000, 1500, 2 * 1024 * 1024,
        256 * 1024, Duration.ofSeconds(2), 5, Duration.ofMillis(500), 8);
  }

  public String advertised() {
    return advertisedHost == null ? bindHost : advertisedHost;
  }

  public RelayConfig withHosts(String bind, String advertised) {
    return new RelayConfig(bind, advertised, portMin, portMax, shards, maxSessions, maxPacketBytes,
        socketBufferBytes, writeQueueBytes, latchSilence, latchConfirmPackets, sweepInterval, bindAttempts);
  }

  public RelayConfig withPorts(int min, int max) {
    return new RelayConfig(bindHost, advertisedHost, min, max, shards, maxSessions, maxPacketBytes,
        socketBufferBytes, writeQueueBytes, latchSilence, latchConfirmPackets, sweepInterval, bindAttempts);
  }

  public RelayConfig withShards(int n) {
    return new RelayConfig(bindHost, advertisedHost, portMin, portMax, n, maxSessions, maxPacketBytes,
        socketBufferBytes, writeQueueBytes, latchSilence, latchConfirmPackets, sweepInterval, bindAttempts);
  }

  public RelayConfig withMaxSessions(int n) {
    return new RelayConfig(bindHost, advertisedHost, portMin, portMax, shards, n, maxPacketBytes,
        socketBufferBytes, writeQueueBytes, latchSilence, latchConfirmPackets, sweepInterval, bindAttempts);
  }

  public RelayConfig withMaxPacketBytes(int n) {
    return new RelayConfig(bindHost, advertisedHost, portMin, portMax, shards, maxSessions, n,
        socketBufferBytes, Math.max(writeQueueBytes, n), latchSilence, latchConfirmPackets, sweepInterval,
        bindAttempts);
  }

  public RelayConfig withLatching(Duration silence, int confirmPackets) {
    return new RelayConfig(bindHost, advertisedHost, portMin, portMax, shards, maxSessions, maxPacketBytes,
        socketBufferBytes, writeQueueBytes, silence, confirmPackets, sweepInterval, bindAttempts);
  }

  public RelayConfig withSweepInterval(Duration interval) {
    return new RelayConfig(bindHost, advertisedHost, portMin, portMax, shards, maxSessions, maxPacketBytes,
        socketBufferBytes, writeQueueBytes, latchSilence, latchConfirmPackets, interval, bindAttempts);
  }

  private static void require(boolean ok, String name, int value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(name + ": " + value + " (allowed: " + allowed + ")");
    }
  }
}
