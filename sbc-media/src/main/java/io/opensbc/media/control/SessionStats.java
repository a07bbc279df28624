package io.opensbc.media.control;

import java.net.InetSocketAddress;
import java.time.Duration;

/** A snapshot of one media session's counters, taken on its relay event loop. */
public record SessionStats(String callRef, LegStats a, LegStats b) {
  public LegStats leg(Leg leg) {
    return leg == Leg.A ? a : b;
  }

  /**
   * One leg: what arrived from its peer ({@code received}, counted once accepted by latching),
   * what left towards it ({@code sent}), how long since the last accepted packet ({@code null}
   * before the first), where RTP and RTCP go now and whether that address was learnt from the
   * traffic (latched) or is still the SDP one.
   */
  public record LegStats(
      Leg leg,
      Traffic received,
      Traffic sent,
      Duration sinceLastPacket,
      InetSocketAddress rtpPeer,
      boolean rtpLatched,
      InetSocketAddress rtcpPeer,
      boolean rtcpLatched,
      long relatches,
      Drops drops,
      Reception reception,
      PeerReport peerReport) {}

  /**
   * The RTP received from a leg's peer, from the relay's own counters (RFC 3550 Appendix A.1 and
   * A.8): packets counted by sequence number, expected from the extended highest sequence number,
   * lost (expected - received, cumulative over SSRC changes; negative with duplicates), the
   * interarrival jitter of the current source in microseconds, and how often the SSRC changed.
   */
  public record Reception(long packets, long expected, long lost, long jitterMicros, long ssrcChanges) {}

  /**
   * What a leg's peer reported in RTCP (SR/RR report blocks) about the stream it receives from the
   * relay, from the last block: fraction lost (0..255, lost/256 since its previous report),
   * cumulative packets lost, interarrival jitter in microseconds; {@code reports} blocks read.
   * Null in {@link LegStats} when the peer sent no report block.
   */
  public record PeerReport(long reports, int fractionLost, long cumulativeLost, long jitterMicros) {}

  /** Packets and bytes (RTP and RTCP together). */
  public record Traffic(long packets, long bytes) {}

  /**
   * Packets dropped on this leg, by reason: larger than the size limit; not RTP/RTCP version 2;
   * from a source other than the latched peer (hijack attempts and re-latch candidates); dropped by
   * a transform; no address known to send to; the socket's bounded write queue was full; the
   * kernel refused the send.
   */
  public record Drops(
      long oversize,
      long malformed,
      long foreignSource,
      long transform,
      long noDestination,
      long congested,
      long sendFailed) {
    public long total() {
      return oversize + malformed + foreignSource + transform + noDestination + congested + sendFailed;
    }
  }
}
