package io.opensbc.media.sdp;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where the relay receives one stream on one leg: the address and RTP port to publish in {@code
 * c=} and {@code m=}, and the RTCP port, or none when RTCP is multiplexed on the RTP port (RFC
 * 5761).
 */
public record MediaEndpoint(String address, int rtpPort, OptionalInt rtcpPort) {

  public MediaEndpoint {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(rtcpPort, "rtcpPort");
    if (rtpPort < 1 || rtpPort > 65535 || rtcpPort.orElse(1) < 1 || rtcpPort.orElse(1) > 65535) {
      throw new IllegalArgumentException("ports must be 1 to 65535");
    }
  }

  /** RTP and RTCP on separate ports. */
  public static MediaEndpoint of(String address, int rtpPort, int rtcpPort) {
    return new MediaEndpoint(address, rtpPort, OptionalInt.of(rtcpPort));
  }

  /** RTCP multiplexed on the RTP port only. */
  public static MediaEndpoint muxed(String address, int rtpPort) {
    return new MediaEndpoint(address, rtpPort, OptionalInt.empty());
  }

  /** Whether the endpoint has no separate RTCP port, so {@code a=rtcp-mux} is required. */
  public boolean muxOnly() {
    return rtcpPort.isEmpty();
  }
}
