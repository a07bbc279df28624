package io.opensbc.sip.b2bua;

import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.media.MediaSecurity;
import io.opensbc.media.control.DtlsParameters;
import io.opensbc.media.control.DtlsRole;
import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaControl;
import io.opensbc.media.dtls.CertificateFingerprint;
import io.opensbc.media.sdp.Fingerprint;
import io.opensbc.media.sdp.IceCredentials;
import io.opensbc.media.sdp.RemoteMedia;
import io.opensbc.media.sdp.Security;
import io.opensbc.media.sdp.Setup;
import io.opensbc.sip.dialog.Side;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The DTLS-SRTP (RFC 5763) and ICE-lite (RFC 8445, RFC 8839) side of {@link MediaAnchoring}: which
 * legs are DTLS and with which {@code a=setup}, when the relay's handshake starts and in which
 * role, and which legs get our ICE-lite credentials (docs/media.md, "DTLS-SRTP" and "ICE-lite").
 *
 * <ul>
 *   <li>An offer goes out DTLS ({@code UDP/TLS/RTP/SAVPF}, our fingerprint, {@code
 *       a=setup:actpass}) when the leg's trunk has {@code media.dtls} and its security is {@code
 *       srtp}, or {@code as-offered} with any SRTP offered; and under {@code as-offered} (also a
 *       caller that is no trunk) whenever the offer itself was DTLS.
 *   <li>A DTLS offer is answered DTLS whatever the trunk says: {@code actpass} and {@code passive}
 *       get {@code a=setup:active} (we are the DTLS client, as RFC 5763 §5 recommends for the
 *       answerer), {@code active} gets {@code passive}. The relay starts the handshake as the
 *       answer goes out.
 *   <li>The answer to our DTLS offer sets our role: {@code passive} makes us the client, anything
 *       else the server.
 *   <li>ICE-lite: an offer carries it towards a trunk with {@code media.ice-lite}, or towards a
 *       side whose last SDP had ICE; an answer carries it only when the offer had ICE (RFC 8839
 *       §4.2.1). Credentials are made once per side and call.
 * </ul>
 */
final class DtlsIceNegotiation {
  private static final Logger LOG = Logger.getLogger(DtlsIceNegotiation.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final MediaControl control;

  DtlsIceNegotiation(MediaControl control) {
    this.control = control;
  }

  /** {@code UDP/TLS/RTP/SAVP} or {@code UDP/TLS/RTP/SAVPF} (RFC 5764 §8). */
  static boolean isDtls(RemoteMedia rm) {
    return rm != null && rm.m().proto().toUpperCase(Locale.ROOT).startsWith("UDP/TLS/RTP/SAVP");
  }

  /** Why a DTLS offer or answer cannot be used (null: it can, or it is not DTLS). */
  static String problem(RemoteMedia rm) {
    if (!isDtls(rm) || rm.isRejected()) {
      return null;
    }
    if (rm.fingerprint().isEmpty()) {
      return "DTLS-SRTP without a=fingerprint (RFC 5763 section 5)";
    }
    String hash = rm.fingerprint().get().hashFunction();
    return CertificateFingerprint.supported(hash) ? null
        : "a=fingerprint hash function " + hash + " not supported (allowed: sha-1, sha-224, sha-256, sha-384, sha-512)";
  }

  /** Whether the offer passed to the leg of {@code trunk} is DTLS (see the class comment). */
  static boolean dtlsOffer(TrunkConfig trunk, RemoteMedia offered) {
    MediaSecurity sec = trunk == null ? MediaSecurity.AS_OFFERED : trunk.media().security();
    boolean flag = trunk != null && trunk.media().dtls();
    boolean secureOffer = isDtls(offered)
        || offered.m().proto().toUpperCase(Locale.ROOT).startsWith("RTP/SAVP");
    return switch (sec) {
      case RTP -> false;
      case SRTP -> flag;
      case AS_OFFERED -> isDtls(offered) || flag && secureOffer;
    };
  }

  /**
   * Our {@code a=setup} in the answer to a DTLS offer with {@code theirs} (RFC 5763 §5): {@code
   * active} unless they are. An {@code actpass} re-offer on a side whose association exists keeps
   * our role in it ({@code current}), so that an unchanged fingerprint keeps the association
   * (RFC 5763 §6.7.1) instead of forcing a new handshake.
   */
  static Setup answerSetup(Optional<Setup> theirs, DtlsRole current) {
    Setup t = theirs.orElse(Setup.ACTPASS);
    if (t == Setup.ACTPASS && current != null) {
      return current == DtlsRole.CLIENT ? Setup.ACTIVE : Setup.PASSIVE;
    }
    return t == Setup.ACTIVE ? Setup.PASSIVE : Setup.ACTIVE;
  }

  /** Our role from our own setup in an answer, or from the peer's setup answering our actpass. */
  static DtlsRole roleFromOurSetup(Setup ours) {
    return ours == Setup.ACTIVE ? DtlsRole.CLIENT : DtlsRole.SERVER;
  }

  static DtlsRole roleFromTheirAnswer(Optional<Setup> theirs) {
    return theirs.orElse(Setup.ACTIVE) == Setup.PASSIVE ? DtlsRole.CLIENT : DtlsRole.SERVER;
  }

  /** The security of the SDP we send on a DTLS leg: our fingerprint and {@code setup}. */
  Security dtls(Setup ours) {
    return new Security.Dtls(Fingerprint.parse(control.dtlsFingerprint()).orNull(), ours);
  }

  /** Starts (or keeps) the relay's handshake with {@code side}; a failure is logged. */
  void start(Call call, Side side, DtlsRole role, RemoteMedia peer, TrunkConfig trunk) {
    Fingerprint fp = peer.fingerprint().orElseThrow();
    List<String> profiles = trunk == null ? List.of() : trunk.media().srtpProfiles();
    String ref = call.state().callRef();
    call.media.dtlsRole[side.ordinal()] = role;
    control.dtls(call.media.session, leg(side), new DtlsParameters(role, fp.hashFunction(), fp.bytes(), profiles))
        .onSuccess(d -> LOG.fine(() -> "callId=" + ref + " leg=" + side + " DTLS-SRTP " + d))
        .onFailure(e -> LOG.warning("callId=" + ref + ": DTLS-SRTP with the " + side
            + " leg failed, its media stays blocked: " + e.getMessage()));
  }

  /** {@code side} is no longer DTLS: the relay drops its association and clears its transforms. */
  void stop(Call call, Side side) {
    String ref = call.state().callRef();
    call.media.dtlsRole[side.ordinal()] = null;
    control.stopDtls(call.media.session, leg(side)).onFailure(e ->
        LOG.warning("callId=" + ref + ": relay refused to end DTLS on the " + side + " leg: " + e.getMessage()));
  }

  /** Our ICE-lite credentials for {@code side}, made (and given to the relay) on first use. */
  IceCredentials credentials(Call call, Side side) {
    IceCredentials c = call.media.ice[side.ordinal()];
    if (c == null) {
      c = new IceCredentials(random(8), random(24));
      call.media.ice[side.ordinal()] = c;
      String ref = call.state().callRef();
      control.iceLite(call.media.session, leg(side), c.ufrag(), c.pwd()).onFailure(e ->
          LOG.warning("callId=" + ref + ": relay refused ICE-lite on the " + side + " leg: " + e.getMessage()));
    }
    return c;
  }

  private static String random(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
    }
    return s.toString();
  }

  private static Leg leg(Side side) {
    return side == Side.A ? Leg.A : Leg.B;
  }
}
