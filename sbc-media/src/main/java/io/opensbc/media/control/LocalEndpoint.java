package io.opensbc.media.control;

/**
 * Where the relay receives one leg's media: the address to put in that leg's SDP. With rtcp-mux the
 * RTCP port equals the RTP port.
 */
public record LocalEndpoint(String host, int rtpPort, int rtcpPort) {
  public boolean rtcpMux() {
    return rtcpPort == rtpPort;
  }
}
