package io.opensbc.media.sdp;

import java.util.Objects;

/** How media is protected on a leg, which sets the RTP profile in {@code m=}. */
public sealed interface Security permits Security.Plain, Security.Sdes, Security.Dtls {

  /** RTP/AVP, no keys in SDP. */
  record Plain() implements Security {}

  /** RTP/SAVP with keys in {@code a=crypto} (RFC 4568). */
  record Sdes() implements Security {}

  /** UDP/TLS/RTP/SAVPF with our certificate's fingerprint and role (RFC 5763, RFC 8842). */
  record Dtls(Fingerprint fingerprint, Setup setup) implements Security {
    public Dtls {
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(setup, "setup");
    }
  }

  static Security plain() {
    return new Plain();
  }

  static Security sdes() {
    return new Sdes();
  }

  /** The transport protocol of an RTP media line on this leg. */
  default String rtpProto() {
    if (this instanceof Sdes) {
      return "RTP/SAVP";
    }
    return this instanceof Dtls ? "UDP/TLS/RTP/SAVPF" : "RTP/AVP";
  }
}
