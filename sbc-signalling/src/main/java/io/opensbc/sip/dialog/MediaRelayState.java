package io.opensbc.sip.dialog;

import java.util.List;

/**
 * What a node needs to re-anchor a call's media (docs/media.md, "Relay state on the call's log"),
 * folded from the call's events: per leg the relay's local endpoint, where that leg's media goes
 * by its SDP, the latched RTP and RTCP peers, and the SRTP keys in each direction. Pure: built only
 * by {@link #evolve}; events that are not relay state leave it as it is.
 */
public record MediaRelayState(LegState a, LegState b) {
  public static final MediaRelayState EMPTY = new MediaRelayState(LegState.EMPTY, LegState.EMPTY);

  /**
   * One leg: {@code local} {@code "host:rtp/rtcp"} of the relay; {@code remote} {@code "host:rtp/rtcp"}
   * from its SDP; the latched peers ({@code "host:port"}, null until a packet latched); our SRTP
   * keys ({@code outbound}) and the peer's ({@code inbound}), null on plain RTP.
   */
  public record LegState(String local, String remote, String rtpPeer, String rtcpPeer, Keys outbound, Keys inbound) {
    public static final LegState EMPTY = new LegState(null, null, null, null, null, null);

    LegState withLocal(String l) {
      return new LegState(l, remote, rtpPeer, rtcpPeer, outbound, inbound);
    }

    LegState withRemote(String r) {
      return new LegState(local, r, rtpPeer, rtcpPeer, outbound, inbound);
    }

    LegState withPeer(String socket, String peer) {
      return socket.equals("rtcp") ? new LegState(local, remote, rtpPeer, peer, outbound, inbound)
          : new LegState(local, remote, peer, rtcpPeer, outbound, inbound);
    }

    LegState withKeys(String direction, Keys k) {
      return direction.equals("inbound") ? new LegState(local, remote, rtpPeer, rtcpPeer, outbound, k)
          : new LegState(local, remote, rtpPeer, rtcpPeer, k, inbound);
    }
  }

  /** An SDES suite and its inline key-params; {@code toString} leaves the key out. */
  public record Keys(String suite, String key) {
    @Override
    public String toString() {
      return "Keys[" + suite + ", <redacted>]";
    }
  }

  public LegState leg(Side side) {
    return side == Side.A ? a : b;
  }

  private MediaRelayState with(Side side, LegState l) {
    return side == Side.A ? new MediaRelayState(l, b) : new MediaRelayState(a, l);
  }

  /** The state after one event. */
  public static MediaRelayState evolve(MediaRelayState s, CallEvent e) {
    if (e instanceof CallEvent.MediaRelayAllocated ra) {
      // a new session: new ports, nothing latched, no keys yet
      return new MediaRelayState(LegState.EMPTY.withLocal(ra.a()), LegState.EMPTY.withLocal(ra.b()));
    } else if (e instanceof CallEvent.MediaAnchored ma) {
      LegState l = s.leg(ma.side());
      boolean moved = l.remote() != null && !l.remote().equals(ma.remote());
      // the relay forgets what it latched when a leg's SDP address changes
      LegState next = moved ? new LegState(l.local(), ma.remote(), null, null, l.outbound(), l.inbound())
          : l.withRemote(ma.remote());
      return s.with(ma.side(), next);
    } else if (e instanceof CallEvent.MediaPeerLatched pl) {
      return s.with(pl.side(), s.leg(pl.side()).withPeer(pl.socket(), pl.peer()));
    } else if (e instanceof CallEvent.MediaKeysChanged kc) {
      Keys k = kc.key() == null ? null : new Keys(kc.suite(), kc.key());
      return s.with(kc.side(), s.leg(kc.side()).withKeys(kc.direction(), k));
    }
    return s;
  }

  /** The state after a whole log, as a node taking the call over replays it. */
  public static MediaRelayState fold(List<CallEvent> events) {
    MediaRelayState s = EMPTY;
    for (CallEvent e : events) {
      s = evolve(s, e);
    }
    return s;
  }
}
