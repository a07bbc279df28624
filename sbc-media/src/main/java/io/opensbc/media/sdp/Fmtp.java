package io.opensbc.media.sdp;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15). The parameters are kept
 * as one opaque string: their syntax belongs to each payload format.
 */
public record Fmtp(String format, String parameters) {

  /** Parses the attribute value (after {@code fmtp:}). */
  public static SdpParse<Fmtp> parse(String value) {
    int sp = value.indexOf(' ');
    String format = sp < 0 ? value : value.substring(0, sp);
    if (!Syntax.isToken(format)) {
      return SdpParse.malformed("fmtp: format is not a token");
    }
    return SdpParse.ok(new Fmtp(format, sp < 0 ? "" : value.substring(sp + 1).trim()));
  }

  /** The attribute value (after {@code fmtp:}). */
  public String value() {
    return parameters.isEmpty() ? format : format + " " + parameters;
  }
}
