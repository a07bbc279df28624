package io.opensbc.media.control;

import java.util.Collection;
import java.util.Set;

/**
 * Where one leg's peer said (in its SDP) that it receives media: an IP literal, the RTP port, the
 * RTCP port ({@code a=rtcp} or RTP + 1; equal to the RTP port when rtcp-mux was negotiated) and the
 * payload types of its m-line. An empty payload-type set accepts any type for latching.
 *
 * <p>This is where media is sent until the peer's real source is learnt (symmetric RTP latching).
 */
public record RemoteEndpoint(String host, int rtpPort, int rtcpPort, Set<Integer> payloadTypes) {
  public RemoteEndpoint {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host: missing");
    }
    checkPort("rtpPort", rtpPort);
    checkPort("rtcpPort", rtcpPort);
    payloadTypes = Set.copyOf(payloadTypes);
    for (int pt : payloadTypes) {
      if (pt < 0 || pt > 127) {
        throw new IllegalArgumentException("payloadTypes: " + pt + " (allowed: 0..127)");
      }
    }
  }

  /** RTP and RTCP on separate ports, any payload type. */
  public static RemoteEndpoint of(String host, int rtpPort, int rtcpPort) {
    return new RemoteEndpoint(host, rtpPort, rtcpPort, Set.of());
  }

  /** RTP and RTCP on one port (rtcp-mux), any payload type. */
  public static RemoteEndpoint mux(String host, int rtpPort) {
    return new RemoteEndpoint(host, rtpPort, rtpPort, Set.of());
  }

  public RemoteEndpoint withPayloadTypes(Collection<Integer> types) {
    return new RemoteEndpoint(host, rtpPort, rtcpPort, Set.copyOf(types));
  }

  public boolean rtcpMux() {
    return rtcpPort == rtpPort;
  }

  private static void checkPort(String name, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + ": " + port + " (allowed: 1..65535)");
    }
  }
}
