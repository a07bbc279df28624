package io.opensbc.config.model.media;

/** What a trunk's leg of a call carries: plain RTP, SRTP, or whatever the other leg offered. */
public enum MediaSecurity {
  /** Plain RTP/AVP only: SRTP offered by the peer is terminated by the SBC. */
  RTP,
  /** SRTP required: RTP/SAVP with SDES crypto; a plain offer is refused with 488. */
  SRTP,
  /** The leg uses what the other leg offered. Default. */
  AS_OFFERED;

  /** {@code rtp}, {@code srtp}, {@code as-offered}. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
