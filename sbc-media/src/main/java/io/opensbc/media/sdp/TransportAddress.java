package io.opensbc.media.sdp;

import java.util.Objects;

/** An address (IP literal or domain name as written in SDP) and a UDP port. */
public record TransportAddress(String address, int port) {
  public TransportAddress {
    Objects.requireNonNull(address, "address");
  }
}
