package io.opensbc.media.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A media line {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...} (RFC 8866 §5.14).
 * Written back in canonical form (fields separated by one space).
 *
 * @param portCount the {@code /<number of ports>} suffix, or 0 when the line has none
 * @param proto the transport protocol: {@code RTP/AVP}, {@code RTP/SAVP}, {@code RTP/AVPF},
 *     {@code RTP/SAVPF}, {@code UDP/TLS/RTP/SAVP(F)}, {@code udptl}, ...
 * @param formats payload type numbers for RTP, other format names otherwise, in preference order
 */
public record MediaLine(String media, int port, int portCount, String proto, List<String> formats) {

  public MediaLine {
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(proto, "proto");
    formats = List.copyOf(formats);
  }

  public static SdpParse<MediaLine> parse(String value) {
    List<String> f = Syntax.fields(value);
    if (f.size() < 3) {
      return SdpParse.malformed("m=: expected <media> <port> <proto> <fmt> ...");
    }
    if (!Syntax.isToken(f.get(0))) {
      return SdpParse.malformed("m=: media type is not a token");
    }
    String portField = f.get(1);
    int slash = portField.indexOf('/');
    int port = Syntax.parseInt(slash < 0 ? portField : portField.substring(0, slash), 0, 65535);
    int count = slash < 0 ? 0 : Syntax.parseInt(portField.substring(slash + 1), 1, 65535);
    if (port < 0 || count < 0) {
      return SdpParse.malformed("m=: port is not a number from 0 to 65535");
    }
    String proto = f.get(2);
    for (String part : proto.split("/", -1)) {
      if (!Syntax.isToken(part)) {
        return SdpParse.malformed("m=: transport protocol is not a token list");
      }
    }
    List<String> formats = f.subList(3, f.size());
    if (formats.isEmpty() && port != 0) {
      return SdpParse.malformed("m=: no media formats");
    }
    for (String fmt : formats) {
      if (!Syntax.isToken(fmt)) {
        return SdpParse.malformed("m=: media format is not a token");
      }
    }
    return SdpParse.ok(new MediaLine(f.get(0), port, count, proto, formats));
  }

  /** Whether the media is carried in RTP ({@code RTP/...}, {@code UDP/TLS/RTP/...}, ...). */
  public boolean isRtp() {
    return proto.toUpperCase(Locale.ROOT).contains("RTP/");
  }

  public MediaLine withPort(int newPort) {
    return new MediaLine(media, newPort, 0, proto, formats);
  }

  public MediaLine withProto(String newProto) {
    return new MediaLine(media, port, portCount, newProto, formats);
  }

  public MediaLine withFormats(List<String> newFormats) {
    return new MediaLine(media, port, portCount, proto, newFormats);
  }

  /** The value after {@code m=}. */
  public String value() {
    StringBuilder b = new StringBuilder(media).append(' ').append(port);
    if (portCount > 0) {
      b.append('/').append(portCount);
    }
    b.append(' ').append(proto);
    for (String fmt : formats) {
      b.append(' ').append(fmt);
    }
    return b.toString();
  }
}
