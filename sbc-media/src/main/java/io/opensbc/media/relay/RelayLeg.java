package io.opensbc.media.relay;

import io.opensbc.media.control.Direction;
import io.opensbc.media.control.Leg;
import io.opensbc.media.control.LocalEndpoint;
import io.opensbc.media.control.PacketTransform;
import io.opensbc.media.control.RemoteEndpoint;
import io.opensbc.media.control.SessionStats;
import io.opensbc.media.ice.IceLiteResponder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One leg of a session on its shard: the local sockets, where the peer is (SDP, then latched),
 * the payload types that may latch, the transforms and the counters. Plain fields: only the shard's
 * event loop touches it.
 */
final class RelayLeg {
  private final Leg leg;
  private final MediaSession session;
  final Latch rtpLatch;
  final Latch rtcpLatch;
  RelayLeg other;
  int rtpPort;
  RelaySocket rtp;
  /** Null when the local endpoint is multiplexed. */
  RelaySocket rtcp;
  /** Whether RTCP for this leg's peer goes to its RTP address (rtcp-mux). */
  boolean remoteMux;
  /** Set once its sockets are closing; the ports return to the pool when they are closed. */
  boolean closed;
  private RemoteEndpoint remote;
  private boolean anyPayloadType = true;
  private long payloadTypesLow;
  private long payloadTypesHigh;
  PacketTransform inbound = PacketTransform.IDENTITY;
  PacketTransform outbound = PacketTransform.IDENTITY;
  /** ICE-lite: answers STUN checks on this leg's sockets; null when the leg does no ICE. */
  IceLiteResponder ice;
  /** DTLS-SRTP on this leg's RTP socket; null when the leg is not DTLS. */
  LegDtls dtls;

  final RtpReception reception = new RtpReception();
  final RtcpReports reports = new RtcpReports();
  long packetsIn;
  long bytesIn;
  long packetsOut;
  long bytesOut;
  long lastPacketNanos;
  boolean anyPacket;
  long dropOversize;
  long dropMalformed;
  long dropForeign;
  long dropTransform;
  long dropNoDestination;
  long dropCongested;
  long dropSendFailed;

  RelayLeg(Leg leg, MediaSession session, int confirmPackets, long silenceNanos) {
    this.leg = leg;
    this.session = session;
    this.rtpLatch = new Latch(confirmPackets, silenceNanos);
    this.rtcpLatch = new Latch(confirmPackets, silenceNanos);
  }

  Leg leg() {
    return leg;
  }

  MediaSession session() {
    return session;
  }

  void attach(int port, RelaySocket rtpSocket, RelaySocket rtcpSocket) {
    rtpPort = port;
    rtp = rtpSocket;
    rtcp = rtcpSocket;
    remoteMux = rtcpSocket == null;
  }

  LocalEndpoint local(String host) {
    return new LocalEndpoint(host, rtpPort, rtcp == null ? rtpPort : rtpPort + 1);
  }

  /** See {@code MediaControl.updateRemote}: an unchanged address keeps what was latched. */
  void updateRemote(RemoteEndpoint next, InetAddress address) {
    boolean sameAddress = remote != null && remote.host().equals(next.host())
        && remote.rtpPort() == next.rtpPort() && remote.rtcpPort() == next.rtcpPort();
    remote = next;
    remoteMux = next.rtcpMux();
    anyPayloadType = next.payloadTypes().isEmpty();
    payloadTypesLow = 0;
    payloadTypesHigh = 0;
    for (int pt : next.payloadTypes()) {
      if (pt < 64) {
        payloadTypesLow |= 1L << pt;
      } else {
        payloadTypesHigh |= 1L << (pt - 64);
      }
    }
    if (!sameAddress) {
      rtpLatch.reset(new InetSocketAddress(address, next.rtpPort()));
      rtcpLatch.reset(new InetSocketAddress(address, next.rtcpPort()));
    }
  }

  boolean expects(int payloadType) {
    if (anyPayloadType) {
      return true;
    }
    long bits = payloadType < 64 ? payloadTypesLow >>> payloadType : payloadTypesHigh >>> (payloadType - 64);
    return (bits & 1) != 0;
  }

  void setTransform(Direction direction, PacketTransform transform) {
    PacketTransform t = transform == null ? PacketTransform.IDENTITY : transform;
    if (direction == Direction.INBOUND) {
      inbound = t;
    } else {
      outbound = t;
    }
  }

  void sendFailed() {
    dropSendFailed++;
  }

  SessionStats.LegStats stats(long now) {
    return new SessionStats.LegStats(
        leg,
        new SessionStats.Traffic(packetsIn, bytesIn),
        new SessionStats.Traffic(packetsOut, bytesOut),
        anyPacket ? Duration.ofNanos(now - lastPacketNanos) : null,
        rtpLatch.peer(),
        rtpLatch.latched(),
        remoteMux ? rtpLatch.peer() : rtcpLatch.peer(),
        remoteMux ? rtpLatch.latched() : rtcpLatch.latched(),
        rtpLatch.relatches() + rtcpLatch.relatches(),
        new SessionStats.Drops(dropOversize, dropMalformed, dropForeign, dropTransform, dropNoDestination,
            dropCongested, dropSendFailed),
        new SessionStats.Reception(reception.packets(), reception.expectedPackets(), reception.lost(),
            reception.jitterMicros(), reception.ssrcChanges()),
        reports.reports() == 0 ? null : new SessionStats.PeerReport(reports.reports(), reports.fractionLost(),
            reports.cumulativeLost(), reports.jitter() * 1_000_000 / other.reception.clockRate()));
  }
}
