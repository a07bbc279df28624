package io.opensbc.sip.dialog;

/**
 * What happened to a call, in the past tense, numbered per call ({@code seq} from 1, no gaps).
 * The call's state is the fold of its events ({@link CallState#evolve}); the log of a call is
 * what a cluster peer replays to take the call over.
 */
public sealed interface CallEvent {
  long seq();

  /** Wall-clock time in ms, for the record only (never used to order events). */
  long at();

  /** An INVITE arrived on A from {@code sourceTrunk} (null when the caller is not a trunk). */
  record CallOffered(long seq, long at, String callRef, Dialog a, String listener, String sourceTrunk)
      implements CallEvent {}

  /** The INVITE was sent on B towards a trunk. */
  record LegDialed(long seq, long at, Dialog b, String trunk) implements CallEvent {}

  /**
   * An attempt on B failed and the call moves on to the next target (serial hunting): the trunk,
   * the hop tried, the status (a response, or 408/503 for a timeout or transport error) and why.
   */
  record TargetFailed(long seq, long at, String trunk, String hop, int status, String reason) implements CallEvent {}

  /** A provisional response with a To tag created B's early dialog. */
  record EarlyDialogCreated(long seq, long at, String remoteTag, int status) implements CallEvent {}

  /** B answered: both dialogs as they stand when the 2xx was relayed to A. */
  record CallAnswered(long seq, long at, Dialog a, Dialog b) implements CallEvent {}

  /** A's ACK arrived and was relayed. */
  record CallConfirmed(long seq, long at) implements CallEvent {}

  /** A leg's dialog changed within the call (CSeq, target refresh). */
  record DialogUpdated(long seq, long at, Side side, Dialog dialog) implements CallEvent {}

  /**
   * Message-manipulation rules changed a message on a leg: {@code direction} is "inbound"
   * (received on that leg) or "outbound" (sent on it), {@code message} names it ("INVITE",
   * "403->486 INVITE"), {@code rules} are the ids of the rules that changed it, in order.
   */
  record RulesApplied(long seq, long at, Side side, String direction, String message,
      java.util.List<String> rules) implements CallEvent {
    public RulesApplied {
      rules = java.util.List.copyOf(rules);
    }
  }

  /**
   * A leg's media goes through the relay: {@code local} is the relay's RTP/RTCP ports on that leg
   * ({@code "31000/31001"}), {@code remote} where the relay sends that leg's media, from the leg's
   * SDP ({@code "host:rtp/rtcp"}). Recorded when either changes.
   */
  record MediaAnchored(long seq, long at, Side side, String local, String remote) implements CallEvent {}

  /**
   * The call's relay session was allocated on this node: each leg's local media endpoint
   * ({@code "host:rtp/rtcp"}, the ports equal when RTCP is multiplexed). Relay state, see
   * {@link MediaRelayState}.
   */
  record MediaRelayAllocated(long seq, long at, String a, String b) implements CallEvent {}

  /**
   * A leg's relay socket latched onto its peer's real source address (symmetric RTP):
   * {@code socket} is "rtp" or "rtcp", {@code peer} is {@code "host:port"}. Recorded on the first
   * latch and on every re-latch. Relay state.
   */
  record MediaPeerLatched(long seq, long at, Side side, String socket, String peer) implements CallEvent {}

  /**
   * A leg's SRTP keys changed: {@code direction} "outbound" is ours (what the relay protects with
   * towards that leg's peer, offered in our {@code a=crypto}), "inbound" the peer's (what it
   * unprotects with); {@code suite} and {@code key} (the SDES inline key-params, base64 master
   * key and salt, RFC 4568) are both null when the leg goes back to plain RTP. Relay state; the
   * key is secret: {@code toString} leaves it out (docs/media.md, "Relay state on the call's log").
   */
  record MediaKeysChanged(long seq, long at, Side side, String direction, String suite, String key)
      implements CallEvent {
    @Override
    public String toString() {
      return "MediaKeysChanged[seq=" + seq + ", side=" + side + ", direction=" + direction + ", suite=" + suite
          + (key == null ? ", plain" : ", key=<redacted>") + "]";
    }
  }

  /**
   * A leg's media statistics: what the relay received from that leg's peer and what it sent
   * towards it. Recorded for both legs when the call ends ({@code last}), after its
   * {@link CallReleased}.
   */
  record MediaStatsRecorded(long seq, long at, Side side, MediaFlow received, MediaFlow sent, boolean last)
      implements CallEvent {}

  /**
   * One direction of a leg: RTP and RTCP packets and bytes, packets lost, interarrival jitter in
   * microseconds, and the last RTCP fraction lost (0..255, lost/256). Received: loss and jitter
   * from the relay's own RTP counters (fraction -1). Sent: as the leg's peer reported them in
   * RTCP report blocks; -1 for each when the peer sent none.
   */
  record MediaFlow(long packets, long bytes, long lost, long jitterMicros, int fractionLost) {}

  /**
   * A peer answered with an identity or authentication failure (401, 403, 407, 428, 429, 436-438) and
   * its clock was {@code offsetMillis} from ours (positive: ahead), from the response's Date
   * header or, without one, the last offset seen from that peer: the first thing to rule out when
   * nonces or Identity {@code iat} are refused as stale.
   */
  record ClockSkewObserved(long seq, long at, String peer, int status, long offsetMillis) implements CallEvent {}

  // ---- call transfer (docs/transfers.md); codec types 22 to 29

  /**
   * A REFER arrived on {@code side} (the transferor's leg): its Refer-To and Referred-By as
   * received, and what the SBC does with it ({@code passthrough}, {@code handle-locally}, or
   * {@code refused 4xx}).
   */
  record TransferRequested(long seq, long at, Side side, String referTo, String referredBy, String handling)
      implements CallEvent {}

  /** The SBC answered the transferor's REFER (202) or an INVITE with Replaces was matched. */
  record TransferAccepted(long seq, long at, Side side, int status, String detail) implements CallEvent {}

  /**
   * A leg towards the transfer target: a new INVITE through normal routing ({@code trunk} the
   * trunk, {@code target} where it went) or an existing leg taken from another call (attended).
   */
  record TransferLegDialed(long seq, long at, Dialog leg, String trunk, String target) implements CallEvent {}

  /** A NOTIFY with sipfrag {@code status} went to the transferor on {@code side}. */
  record TransferNotified(long seq, long at, Side side, int status, boolean terminated) implements CallEvent {}

  /**
   * The transfer completed: the leg on {@code side} is now {@code dialog} on {@code trunk}
   * (null: a peer that is no trunk); the transferee on the other side is bridged with it.
   */
  record LegReplaced(long seq, long at, Side side, Dialog dialog, String trunk, String reason) implements CallEvent {}

  /** The transfer failed with {@code status}; the transferee stays with the original party. */
  record TransferRolledBack(long seq, long at, int status, String reason) implements CallEvent {}

  /** A 3xx from {@code trunk} was followed to {@code contact} ({@code hop}-th redirect of the call). */
  record RedirectFollowed(long seq, long at, String trunk, int status, String contact, int hop)
      implements CallEvent {}
  /**
   * The session timer (RFC 4028) agreed on a leg when the call was answered: the interval, whether
   * the SBC refreshes it, and whether the peer supports timers. What a node taking the call over
   * needs to keep the timer running.
   */
  record SessionTimerAgreed(long seq, long at, Side side, long seconds, boolean sbcRefreshes,
      boolean peerSupportsTimer) implements CallEvent {}

  /**
   * Node {@code node} took the call over from {@code previousOwner} (which left the cluster) by
   * folding this log, after winning the call's ownership claim at {@code epoch} (docs/cluster.md).
   */
  record CallAdopted(long seq, long at, String node, String previousOwner, long epoch) implements CallEvent {}

  /** The call ended; {@code by} is the side that ended it (null: the SBC), {@code status} the final code. */
  record CallReleased(long seq, long at, Side by, int status, String reason) implements CallEvent {}
}
