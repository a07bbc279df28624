package io.opensbc.media.control;

/**
 * What a packet is, told apart as RFC 5761 section 4 does for a multiplexed port: the second byte
 * in 192..223 is an RTCP packet type, anything else is RTP.
 */
public enum PacketKind {
  RTP,
  RTCP
}
