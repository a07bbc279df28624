package io.opensbc.media.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How SDP sent on one leg looks, the same for every media section.
 *
 * @param security plain RTP, SDES-SRTP or DTLS-SRTP: sets the profile and the key attributes
 * @param rtcpMux what to do with {@code a=rtcp-mux}
 * @param iceLite our ICE-lite credentials: publish {@code a=ice-lite} and one host candidate per
 *     component; empty to remove ICE altogether
 * @param allowedCodecs encoding names to keep (case-insensitive, e.g. PCMU, PCMA,
 *     telephone-event); empty keeps every format
 */
public record LegPolicy(
    Security security,
    RtcpMuxPolicy rtcpMux,
    Optional<IceCredentials> iceLite,
    List<String> allowedCodecs) {

  public LegPolicy {
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(rtcpMux, "rtcpMux");
    Objects.requireNonNull(iceLite, "iceLite");
    allowedCodecs = List.copyOf(allowedCodecs);
  }

  /** Plain RTP, {@code a=rtcp-mux} kept as it comes, no ICE, every codec. */
  public static LegPolicy plain() {
    return new LegPolicy(Security.plain(), RtcpMuxPolicy.KEEP, Optional.empty(), List.of());
  }

  public LegPolicy withSecurity(Security s) {
    return new LegPolicy(s, rtcpMux, iceLite, allowedCodecs);
  }

  public LegPolicy withRtcpMux(RtcpMuxPolicy p) {
    return new LegPolicy(security, p, iceLite, allowedCodecs);
  }

  public LegPolicy withIceLite(IceCredentials credentials) {
    return new LegPolicy(security, rtcpMux, Optional.of(credentials), allowedCodecs);
  }

  public LegPolicy withAllowedCodecs(List<String> codecs) {
    return new LegPolicy(security, rtcpMux, iceLite, codecs);
  }
}
