package io.opensbc.media.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The static RTP payload types of the RTP/AVP profile (RFC 3551 §6, tables 4 and 5), which an
 * offer may list in {@code m=} without an {@code a=rtpmap}.
 */
final class StaticPayloadTypes {
  private static final Map<Integer, Rtpmap> TABLE =
      List.of(
              new Rtpmap(0, "PCMU", 8000, ""),
              new Rtpmap(3, "GSM", 8000, ""),
              new Rtpmap(4, "G723", 8000, ""),
              new Rtpmap(5, "DVI4", 8000, ""),
              new Rtpmap(6, "DVI4", 16000, ""),
              new Rtpmap(7, "LPC", 8000, ""),
              new Rtpmap(8, "PCMA", 8000, ""),
              new Rtpmap(9, "G722", 8000, ""),
              new Rtpmap(10, "L16", 44100, "2"),
              new Rtpmap(11, "L16", 44100, ""),
              new Rtpmap(12, "QCELP", 8000, ""),
              new Rtpmap(13, "CN", 8000, ""),
              new Rtpmap(14, "MPA", 90000, ""),
              new Rtpmap(15, "G728", 8000, ""),
              new Rtpmap(16, "DVI4", 11025, ""),
              new Rtpmap(17, "DVI4", 22050, ""),
              new Rtpmap(18, "G729", 8000, ""),
              new Rtpmap(25, "CelB", 90000, ""),
              new Rtpmap(26, "JPEG", 90000, ""),
              new Rtpmap(28, "nv", 90000, ""),
              new Rtpmap(31, "H261", 90000, ""),
              new Rtpmap(32, "MPV", 90000, ""),
              new Rtpmap(33, "MP2T", 90000, ""),
              new Rtpmap(34, "H263", 90000, ""))
          .stream()
          .collect(Collectors.toUnmodifiableMap(Rtpmap::payloadType, Function.identity()));

  private StaticPayloadTypes() {}

  static Optional<Rtpmap> rtpmap(String format) {
    return Optional.ofNullable(TABLE.get(Syntax.parseInt(format, 0, 95)));
  }
}
