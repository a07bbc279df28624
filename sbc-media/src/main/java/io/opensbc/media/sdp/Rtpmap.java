package io.opensbc.media.sdp;

import java.util.Objects;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866
 * §6.6).
 *
 * @param encodingParameters the channel count for audio; empty when absent
 */
public record Rtpmap(int payloadType, String encodingName, int clockRate, String encodingParameters) {

  public Rtpmap {
    Objects.requireNonNull(encodingName, "encodingName");
    Objects.requireNonNull(encodingParameters, "encodingParameters");
  }

  /** Parses the attribute value (after {@code rtpmap:}). */
  public static SdpParse<Rtpmap> parse(String value) {
    int sp = value.indexOf(' ');
    if (sp <= 0) {
      return SdpParse.malformed("rtpmap: expected <payload type> <encoding>/<clock rate>");
    }
    int pt = Syntax.parseInt(value.substring(0, sp), 0, 127);
    if (pt < 0) {
      return SdpParse.malformed("rtpmap: payload type is not a number from 0 to 127");
    }
    String[] parts = value.substring(sp + 1).trim().split("/", -1);
    if (parts.length < 2 || parts.length > 3 || !Syntax.isToken(parts[0])) {
      return SdpParse.malformed("rtpmap: expected <encoding>/<clock rate>[/<parameters>]");
    }
    int rate = Syntax.parseInt(parts[1], 1, Integer.MAX_VALUE);
    if (rate < 0) {
      return SdpParse.malformed("rtpmap: clock rate is not a positive number");
    }
    String params = parts.length == 3 ? parts[2] : "";
    if (parts.length == 3 && !Syntax.isToken(params)) {
      return SdpParse.malformed("rtpmap: encoding parameters are not a token");
    }
    return SdpParse.ok(new Rtpmap(pt, parts[0], rate, params));
  }

  /** The attribute value (after {@code rtpmap:}). */
  public String value() {
    String v = payloadType + " " + encodingName + "/" + clockRate;
    return encodingParameters.isEmpty() ? v : v + "/" + encodingParameters;
  }
}
