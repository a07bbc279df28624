package io.opensbc.media.sdp;

import java.util.Objects;

/** The SDP to send on a leg and the origin state to keep for that leg's next SDP. */
public record Rewritten(SessionDescription sdp, OriginState origin) {
  public Rewritten {
    Objects.requireNonNull(sdp, "sdp");
    Objects.requireNonNull(origin, "origin");
  }
}
