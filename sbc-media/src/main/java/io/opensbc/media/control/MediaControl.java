package io.opensbc.media.control;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.time.Duration;

/**
 * The port signalling uses to anchor a call's media on this node. Thread-safe; every operation is
 * asynchronous and completes on the caller's Vert.x context when called from one. Failures are
 * {@link MediaException}s carrying the call reference.
 *
 * <p>Life of a session: {@link #allocate} when the offer arrives (the local endpoints go into the
 * SDP of each side), {@link #updateRemote} for each leg once its SDP is known (and again on
 * re-INVITE), optionally {@link #setTransform} (SRTP) and {@link #onMediaTimeout}, then
 * {@link #release} when the call ends.
 */
public interface MediaControl {
  /** A session with both legs on RTP/RTCP port pairs. */
  default Future<MediaSessionHandle> allocate(String callRef) {
    return allocate(callRef, RtcpMode.PAIR, RtcpMode.PAIR);
  }

  /**
   * Binds the local sockets of both legs and returns their endpoints. Fails with
   * {@link MediaException.Reason#PORTS_EXHAUSTED} or {@link MediaException.Reason#SESSION_LIMIT}
   * when the node is full.
   */
  Future<MediaSessionHandle> allocate(String callRef, RtcpMode a, RtcpMode b);

  /**
   * Sets where a leg's peer receives media (from its SDP). Until the peer's real source address is
   * latched, media for that leg goes to this address. If the address and ports are unchanged (a
   * re-INVITE without a media change) a latched peer is kept; otherwise the leg latches afresh.
   */
  Future<Void> updateRemote(MediaSessionHandle session, Leg leg, RemoteEndpoint remote);

  /** Installs (or with {@link PacketTransform#IDENTITY} removes) a leg's transform for one direction. */
  Future<Void> setTransform(MediaSessionHandle session, Leg leg, Direction direction, PacketTransform transform);

  /**
   * Makes the relay an ICE-lite agent on a leg (RFC 8445 §2.5): STUN Binding requests arriving on
   * the leg's ports are answered with these credentials (ours, as published in the leg's SDP), and
   * a nominated pair (USE-CANDIDATE) becomes the leg's peer. Replaces earlier credentials.
   */
  Future<Void> iceLite(MediaSessionHandle session, Leg leg, String ufrag, String pwd);

  /**
   * The {@code a=fingerprint} value of this node's DTLS certificate, e.g. {@code sha-256 AB:CD:...}:
   * what the SDP sent on a DTLS-SRTP leg carries.
   */
  String dtlsFingerprint();

  /**
   * Runs DTLS-SRTP on a leg (RFC 5763, RFC 5764): the leg's media is dropped both ways until the
   * handshake has produced keys, then protected with them. Completes once the keys are installed;
   * fails with {@link MediaException.Reason#DTLS_FAILED}. The same parameters again (a re-INVITE)
   * keep the running or established association; different ones start a new handshake.
   */
  Future<DtlsEstablished> dtls(MediaSessionHandle session, Leg leg, DtlsParameters parameters);

  /**
   * Ends DTLS-SRTP on a leg (a re-INVITE moved it to plain RTP or SDES): the association is
   * dropped and the leg's transforms return to {@link PacketTransform#IDENTITY}, for signalling to
   * install SDES ones if needed. A later {@link #dtls} starts a new handshake. Nothing happens on
   * a leg without DTLS.
   */
  Future<Void> stopDtls(MediaSessionHandle session, Leg leg);

  /** Counters per leg and direction, latched peers and drops. */
  Future<SessionStats> stats(MediaSessionHandle session);

  /**
   * Calls {@code handler} (on the caller's context) each time a leg's RTP or RTCP socket latches
   * onto a peer address: the first latching packet, and every re-latch after silence. Replaces the
   * previous handler; null removes it. What signalling records so another node can re-anchor.
   */
  Future<Void> onPeerLatched(MediaSessionHandle session, Handler<PeerLatched> handler);

  /**
   * Calls {@code callback} once when no packet has been accepted on either leg for {@code timeout}
   * (counted from now or the last packet, whichever is later). Precision is the relay's sweep
   * interval. A new call replaces the previous one; {@link Duration#ZERO} disarms it. The session
   * is not released by the relay: the callback decides (typically BYE both sides, then release).
   */
  Future<Void> onMediaTimeout(MediaSessionHandle session, Duration timeout, Handler<MediaSessionHandle> callback);

  /** Closes the session's sockets and returns its ports to the pool. Releasing twice is not an error. */
  Future<Void> release(MediaSessionHandle session);
}
