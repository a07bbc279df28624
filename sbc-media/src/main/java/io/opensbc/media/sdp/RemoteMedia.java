package io.opensbc.media.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * What the relay needs to know about one media section of the remote side's SDP.
 *
 * @param index position of the section (0-based)
 * @param m the media line as received
 * @param hold see {@link SessionDescription#isHold}
 * @param rtp where to send RTP; port 0 for a rejected stream (the address is then empty when the
 *     SDP gives none)
 * @param rtcp where to send RTCP: {@code a=rtcp}, else the RTP address and port + 1 (RFC 3550
 *     §11), or the RTP address and port when multiplexed (port 0 when RTP is on 65535)
 * @param rtcpMux whether RTCP is multiplexed on the RTP port (RFC 5761)
 * @param crypto the first {@link CryptoSuite#acceptable acceptable} {@code a=crypto}: the key the
 *     remote side encrypts with; for an answer, one whose tag and suite were offered
 * @param ice the remote ICE credentials; {@code iceLite} whether it is an ICE-lite agent
 * @param fingerprint the remote DTLS certificate hash, with its {@code setup} role
 */
public record RemoteMedia(
    int index,
    MediaLine m,
    Direction direction,
    boolean hold,
    TransportAddress rtp,
    TransportAddress rtcp,
    boolean rtcpMux,
    Optional<Crypto> crypto,
    Optional<IceCredentials> ice,
    boolean iceLite,
    Optional<Fingerprint> fingerprint,
    Optional<Setup> setup) {

  public RemoteMedia {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(rtp, "rtp");
    Objects.requireNonNull(rtcp, "rtcp");
    Objects.requireNonNull(crypto, "crypto");
    Objects.requireNonNull(ice, "ice");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(setup, "setup");
  }

  public boolean isRejected() {
    return m.port() == 0;
  }
}
