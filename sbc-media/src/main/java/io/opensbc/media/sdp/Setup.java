package io.opensbc.media.sdp;

import java.util.Locale;

/** {@code a=setup} (RFC 4145 §4, RFC 8842 §5.1): which side opens the DTLS/TCP connection. */
public enum Setup {
  ACTIVE,
  PASSIVE,
  ACTPASS,
  HOLDCONN;

  /** Parses the attribute value (after {@code setup:}). */
  public static SdpParse<Setup> parse(String value) {
    for (Setup s : values()) {
      if (s.value().equalsIgnoreCase(value.trim())) {
        return SdpParse.ok(s);
      }
    }
    return SdpParse.malformed("setup: expected active, passive, actpass or holdconn");
  }

  /** The attribute value (after {@code setup:}). */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
