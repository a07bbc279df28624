package io.opensbc.media.sdp;

import java.util.List;

/**
 * Origin {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>} (RFC
 * 8866 §5.2). Session id and version are kept as digit strings: they may exceed 64 bits.
 */
public record Origin(
    String username,
    String sessionId,
    String sessionVersion,
    String netType,
    String addrType,
    String address) {

  public static SdpParse<Origin> parse(String value) {
    List<String> f = Syntax.fields(value);
    if (f.size() != 6) {
      return SdpParse.malformed("o=: expected 6 fields");
    }
    if (!Syntax.isDigits(f.get(1)) || !Syntax.isDigits(f.get(2))) {
      return SdpParse.malformed("o=: session id and version must be numbers");
    }
    if (!Syntax.isToken(f.get(3)) || !Syntax.isToken(f.get(4))) {
      return SdpParse.malformed("o=: network or address type is not a token");
    }
    return SdpParse.ok(new Origin(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5)));
  }

  /** The value after {@code o=}. */
  public String value() {
    return String.join(" ", username, sessionId, sessionVersion, netType, addrType, address);
  }
}
