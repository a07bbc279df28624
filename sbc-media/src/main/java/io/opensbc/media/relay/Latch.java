package io.opensbc.media.relay;

import java.net.InetSocketAddress;

/**
 * Symmetric RTP latching for one socket of one leg (RFC 4961; what SBCs do for peers behind NAT):
 * learn the peer's real source address from its media instead of trusting the SDP, and resist
 * someone else taking the stream over.
 *
 * <ol>
 *   <li>The peer starts as the SDP address ({@link #reset}), not latched: media for the leg goes
 *       there.
 *   <li>The first packet that {@code mayLatch} (a valid packet of the expected kind and payload
 *       type) from any source latches that source: from now on it is the peer, and the only
 *       source accepted.
 *   <li>Packets from another source are dropped while the latched peer has sent within
 *       {@code silence}.
 *   <li>Once the peer has been silent that long, a new source takes over after
 *       {@code confirmPackets} consecutive latching packets with the same SSRC; any other packet
 *       (another source, another SSRC, the old peer speaking again) starts the count afresh.
 * </ol>
 *
 * <p>Mutable and allocation-free (it runs for every packet); touched only on its session's event
 * loop. Time is a monotonic nanosecond count passed in.
 */
final class Latch {
  /** What to do with a packet. */
  enum Verdict {
    /** From the peer: forward. */
    ACCEPT,
    /** The first packet from a newly learnt peer: forward. */
    LATCHED,
    /** A new peer took over after the old one fell silent: forward. */
    RELATCHED,
    /** From someone else: drop. */
    DROP
  }

  private final int confirmPackets;
  private final long silenceNanos;
  private InetSocketAddress peer;
  private boolean latched;
  private long lastFromPeer;
  private InetSocketAddress candidate;
  private int candidateSsrc;
  private int candidateCount;
  private long relatches;

  Latch(int confirmPackets, long silenceNanos) {
    this.confirmPackets = Math.max(1, confirmPackets);
    this.silenceNanos = silenceNanos;
  }

  /** Back to step 1 with the address from the SDP (null when unknown). */
  void reset(InetSocketAddress sdpPeer) {
    peer = sdpPeer;
    latched = false;
    candidateCount = 0;
    candidate = null;
  }

  Verdict offer(InetSocketAddress source, int ssrc, boolean mayLatch, long now) {
    if (source.equals(peer)) {
      candidateCount = 0;
      if (latched) {
        lastFromPeer = now;
        return Verdict.ACCEPT;
      }
      if (mayLatch) {
        latch(source, now);
        return Verdict.LATCHED;
      }
      return Verdict.ACCEPT;
    }
    if (!latched) {
      if (mayLatch) {
        latch(source, now);
        return Verdict.LATCHED;
      }
      return Verdict.DROP;
    }
    if (now - lastFromPeer < silenceNanos) {
      candidateCount = 0;
      return Verdict.DROP;
    }
    if (!mayLatch) {
      return Verdict.DROP;
    }
    if (candidateCount > 0 && ssrc == candidateSsrc && source.equals(candidate)) {
      candidateCount++;
    } else {
      candidate = source;
      candidateSsrc = ssrc;
      candidateCount = 1;
    }
    if (candidateCount < confirmPackets) {
      return Verdict.DROP;
    }
    latch(source, now);
    relatches++;
    return Verdict.RELATCHED;
  }

  /**
   * ICE nominated {@code source} (an authenticated connectivity check with USE-CANDIDATE, RFC 8445
   * §7.3.1.5): it is the peer from now on, whatever was latched before.
   */
  void nominate(InetSocketAddress source, long now) {
    if (latched && source.equals(peer)) {
      lastFromPeer = now;
      return;
    }
    if (latched) {
      relatches++;
    }
    latch(source, now);
  }

  private void latch(InetSocketAddress source, long now) {
    peer = source;
    latched = true;
    lastFromPeer = now;
    candidateCount = 0;
    candidate = null;
  }

  /** Where the leg's media goes: the latched source, else the SDP address, else null. */
  InetSocketAddress peer() {
    return peer;
  }

  boolean latched() {
    return latched;
  }

  long relatches() {
    return relatches;
  }
}
