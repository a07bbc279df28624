package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A media section: its {@code m=} line and the lines that follow it ({@code i=}, {@code c=},
 * {@code b=}, {@code k=}, {@code a=}) in their original order. The typed views parse on demand.
 */
public record MediaDescription(MediaLine m, List<SdpLine> lines) {

  public MediaDescription {
    Objects.requireNonNull(m, "m");
    lines = List.copyOf(lines);
  }

  public String media() {
    return m.media();
  }

  public int port() {
    return m.port();
  }

  public String proto() {
    return m.proto();
  }

  public List<String> formats() {
    return m.formats();
  }

  /** Port 0: a stream rejected in an answer or disabled in an offer (RFC 3264 §6, §8.2). */
  public boolean isRejected() {
    return m.port() == 0;
  }

  public MediaDescription withM(MediaLine newM) {
    return new MediaDescription(newM, lines);
  }

  public MediaDescription withLines(List<SdpLine> newLines) {
    return new MediaDescription(m, newLines);
  }

  /** The values of every {@code a=<name>[:value]} of this section, in order. */
  public List<String> attributes(String name) {
    return Attributes.values(lines, name);
  }

  public Optional<String> attribute(String name) {
    return Attributes.first(lines, name);
  }

  public boolean hasAttribute(String name) {
    return Attributes.has(lines, name);
  }

  /** The media-level {@code c=}; ok and empty when the section has none. */
  public SdpParse<Optional<Connection>> connection() {
    return Attributes.connection(lines);
  }

  /** The media-level direction attribute, if any; see {@link SessionDescription#direction}. */
  public Optional<Direction> direction() {
    return Attributes.direction(lines);
  }

  /**
   * The encoding of an RTP payload format: its well-formed {@code a=rtpmap}, else the static
   * payload type of RFC 3551 (0 to 95).
   */
  public Optional<Rtpmap> rtpmap(String format) {
    return Optional.ofNullable(rtpmaps().get(format))
        .or(() -> m.isRtp() ? StaticPayloadTypes.rtpmap(format) : Optional.empty());
  }

  /** The first well-formed {@code a=rtpmap} of each payload type, by format, in order. */
  public Map<String, Rtpmap> rtpmaps() {
    Map<String, Rtpmap> out = new LinkedHashMap<>();
    for (SdpLine l : lines) {
      if (l.isAttribute("rtpmap")) {
        Rtpmap r = Rtpmap.parse(l.attributeValue()).orNull();
        if (r != null) {
          out.putIfAbsent(Integer.toString(r.payloadType()), r);
        }
      }
    }
    return out;
  }

  public Optional<String> encodingName(String format) {
    return rtpmap(format).map(Rtpmap::encodingName);
  }

  /** The {@code a=fmtp} of a format, if any. */
  public Optional<Fmtp> fmtp(String format) {
    for (String v : attributes("fmtp")) {
      Fmtp f = Fmtp.parse(v).orNull();
      if (f != null && f.format().equals(format)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** {@code a=rtcp} (RFC 3605); ok and empty when absent. */
  public SdpParse<Optional<Rtcp>> rtcp() {
    return attribute("rtcp").map(v -> Rtcp.parse(v).map(Optional::of))
        .orElse(SdpParse.ok(Optional.empty()));
  }

  /** {@code a=rtcp-mux} (RFC 5761 §5.1.1): RTP and RTCP share the RTP port. */
  public boolean rtcpMux() {
    return hasAttribute("rtcp-mux");
  }

  /** Every {@code a=crypto} (RFC 4568), each parsed, in order of preference. */
  public List<SdpParse<Crypto>> cryptos() {
    List<SdpParse<Crypto>> out = new ArrayList<>();
    for (String v : attributes("crypto")) {
      out.add(Crypto.parse(v));
    }
    return out;
  }

  /** Every {@code a=candidate} (RFC 8839), each parsed. */
  public List<SdpParse<Candidate>> candidates() {
    List<SdpParse<Candidate>> out = new ArrayList<>();
    for (String v : attributes("candidate")) {
      out.add(Candidate.parse(v));
    }
    return out;
  }

  /**
   * {@code a=ptime} in milliseconds (RFC 8866 §6.4: an integer or a decimal, rounded here); ok
   * and empty when absent.
   */
  public SdpParse<OptionalInt> ptime() {
    Optional<String> v = attribute("ptime");
    if (v.isEmpty()) {
      return SdpParse.ok(OptionalInt.empty());
    }
    String s = v.get().trim();
    int dot = s.indexOf('.');
    int whole = Syntax.parseInt(dot < 0 ? s : s.substring(0, dot), 0, 100_000);
    boolean fractionOk = dot < 0 || Syntax.isDigits(s.substring(dot + 1));
    if (whole < 0 || !fractionOk) {
      return SdpParse.malformed("ptime: not a number of milliseconds");
    }
    int ms = dot >= 0 && s.charAt(dot + 1) >= '5' ? whole + 1 : whole;
    return ms > 0 ? SdpParse.ok(OptionalInt.of(ms)) : SdpParse.malformed("ptime: zero");
  }

  /** {@code a=mid} (RFC 5888 §4). */
  public Optional<String> mid() {
    return attribute("mid");
  }
}
