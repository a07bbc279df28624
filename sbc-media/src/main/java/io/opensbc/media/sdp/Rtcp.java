package io.opensbc.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * {@code a=rtcp:<port> [<nettype> <addrtype> <connection-address>]} (RFC 3605 §2.1): where the
 * stream's RTCP goes when that is not the RTP port + 1 or not the RTP address.
 */
public record Rtcp(int port, Optional<Connection> connection) {

  public static Rtcp of(int port) {
    return new Rtcp(port, Optional.empty());
  }

  /** Parses the attribute value (after {@code rtcp:}). */
  public static SdpParse<Rtcp> parse(String value) {
    List<String> f = Syntax.fields(value);
    if (f.size() != 1 && f.size() != 4) {
      return SdpParse.malformed("rtcp: expected <port> [<nettype> <addrtype> <address>]");
    }
    int port = Syntax.parseInt(f.get(0), 0, 65535);
    if (port < 0) {
      return SdpParse.malformed("rtcp: port is not a number from 0 to 65535");
    }
    if (f.size() == 1) {
      return SdpParse.ok(of(port));
    }
    return Connection.parse(f.get(1), f.get(2), f.get(3))
        .map(c -> new Rtcp(port, Optional.of(c)))
        .in("rtcp");
  }

  /** The attribute value (after {@code rtcp:}). */
  public String value() {
    return connection.map(c -> port + " " + c.value()).orElse(Integer.toString(port));
  }
}
