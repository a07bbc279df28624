package io.opensbc.sip.b2bua;

import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.sdp.OriginState;
import io.opensbc.media.sdp.SessionDescription;
import io.opensbc.sip.dialog.Side;

/**
 * The media of one call as anchored on this node (see {@link MediaAnchoring}): the relay session,
 * our SDP origin on each leg and the offer waiting for its answer. Runtime state of the shard, not
 * on the call's log (a call that moves to another node gets a new session there:
 * {@link MediaReanchoring}).
 */
final class CallMedia {
  /** The relay session; null until allocated (or when the call's media is not anchored). */
  MediaSessionHandle session;
  /** Whether the SDP of the current B-leg attempt is rewritten (false: bypass, or no relay). */
  boolean anchored;
  /** Our {@code o=} line and last SDP sent, per side (index {@link Side#ordinal()}). */
  final OriginState[] origin = new OriginState[2];
  /** The side whose offer we passed on last, and the offer as we sent it to the other side. */
  Side offerer;
  SessionDescription sentOffer;
  /** The media section the relay carries (one stream per call), -1 before the first offer. */
  int stream = -1;
  /** Per side: whether its last SDP put the stream on hold (sendonly, inactive, c=0.0.0.0). */
  final boolean[] hold = new boolean[2];
  /** Per side: the relay ports and remote last recorded on the call's log ({@code local -> remote}). */
  final String[] recorded = new String[2];
  /** SDES: our keys per side (what the relay protects with towards it), null on a plain leg. */
  final io.opensbc.media.srtp.SdesKeys[] ourKeys = new io.opensbc.media.srtp.SdesKeys[2];
  /** SDES: the peer's key per side as installed for unprotect ({@code suite keyParam}), null: plain. */
  final String[] peerKey = new String[2];
  /** The crypto the pending offer's relayed stream came with (our answer to it takes its tag and suite). */
  java.util.Optional<io.opensbc.media.sdp.Crypto> offerCrypto = java.util.Optional.empty();
  /** DTLS-SRTP: our {@code a=setup} in the SDP last sent to each side, null on a leg that is not DTLS. */
  final io.opensbc.media.sdp.Setup[] dtlsSetup = new io.opensbc.media.sdp.Setup[2];
  /** DTLS-SRTP: the relay's role in each side's current association, null when none was started. */
  final io.opensbc.media.control.DtlsRole[] dtlsRole = new io.opensbc.media.control.DtlsRole[2];
  /** The relayed stream of the offer waiting for its answer (its DTLS fingerprint and setup). */
  io.opensbc.media.sdp.RemoteMedia offered;
  /** ICE-lite: our credentials per side (made on first use), and whether the side's last SDP had ICE. */
  final io.opensbc.media.sdp.IceCredentials[] ice = new io.opensbc.media.sdp.IceCredentials[2];
  final boolean[] peerIce = new boolean[2];
  /** ICE-lite in the SDP being sent to each side now. */
  final boolean[] iceOut = new boolean[2];
  /** The media timeout is armed (from the answer on); the value it was armed for hold or not. */
  boolean timeoutArmed;
  boolean timeoutForHold;
  /** The call ended and its final media statistics are on their way to its log. */
  boolean finalStatsPending;

  boolean onHold() {
    return hold[0] || hold[1];
  }
}
