package io.opensbc.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a session description (RFC 8866 §5, §9) into a {@link SessionDescription}: lines ending
 * in CRLF or LF, each {@code <type>=<value>} with a known type letter in a place the grammar
 * allows, {@code v=0} first, one {@code o=} and one {@code s=}, well-formed {@code m=} lines,
 * attribute names that are tokens. Bounded by {@link SdpLimits}. Everything else (the other
 * fields, attribute values) is kept verbatim and parsed on demand by the typed views.
 *
 * <p>Bytes are kept one per char (ISO-8859-1), so any body round-trips byte for byte through
 * {@link SdpWriter#bytes}, UTF-8 included.
 */
public final class SdpParser {
  private static final String SESSION_TYPES = "vosiuepcbtrzka";
  private static final String MEDIA_TYPES = "icbka";

  private SdpParser() {}

  public static SdpParse<SessionDescription> parse(byte[] body) {
    return parse(body, SdpLimits.DEFAULT);
  }

  public static SdpParse<SessionDescription> parse(byte[] body, SdpLimits limits) {
    if (body.length > limits.maxBytes()) {
      return SdpParse.malformed("SDP larger than " + limits.maxBytes() + " bytes");
    }
    return parseText(new String(body, StandardCharsets.ISO_8859_1), limits);
  }

  /** Parses text, taken as its UTF-8 bytes. */
  public static SdpParse<SessionDescription> parse(String body) {
    return parse(body.getBytes(StandardCharsets.UTF_8), SdpLimits.DEFAULT);
  }

  private static SdpParse<SessionDescription> parseText(String text, SdpLimits limits) {
    List<String> raw = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int lf = text.indexOf('\n', start);
      int end = lf < 0 ? text.length() : lf;
      if (raw.size() == limits.maxLines()) {
        return SdpParse.malformed("SDP has more than " + limits.maxLines() + " lines");
      }
      raw.add(text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end));
      start = end + 1;
    }
    while (!raw.isEmpty() && raw.get(raw.size() - 1).isEmpty()) {
      raw.remove(raw.size() - 1); // blank lines after the last line
    }
    if (raw.isEmpty()) {
      return SdpParse.malformed("empty SDP");
    }
    return new Builder(limits).build(raw);
  }

  /** Collects lines into the session level and media sections. */
  private static final class Builder {
    private final SdpLimits limits;
    private final List<SdpLine> session = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();
    private MediaLine currentM;
    private List<SdpLine> current;
    private int origins;
    private int names;

    Builder(SdpLimits limits) {
      this.limits = limits;
    }

    SdpParse<SessionDescription> build(List<String> raw) {
      for (int i = 0; i < raw.size(); i++) {
        String problem = add(raw.get(i), i == 0);
        if (problem != null) {
          return SdpParse.malformed("line " + (i + 1) + ": " + problem);
        }
      }
      closeMedia();
      if (origins != 1) {
        return SdpParse.malformed("missing o= line");
      }
      if (names != 1) {
        return SdpParse.malformed("missing s= line");
      }
      return SdpParse.ok(new SessionDescription(session, media));
    }

    /** Adds one line; the reason it is malformed, or null. */
    private String add(String line, boolean first) {
      if (line.length() > limits.maxLineLength()) {
        return "longer than " + limits.maxLineLength() + " characters";
      }
      for (int j = 0; j < line.length(); j++) {
        char c = line.charAt(j);
        if (c == '\r' || c == 0) {
          return c == 0 ? "NUL character" : "CR without LF";
        }
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        return "expected <type>=<value>";
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      if (first != (type == 'v')) {
        return first ? "SDP must start with v=" : "v= is only allowed on the first line";
      }
      if (first && !value.equals("0")) {
        return "unsupported SDP version";
      }
      if (type == 'm') {
        return addMedia(value);
      }
      boolean known = (current == null ? SESSION_TYPES : MEDIA_TYPES).indexOf(type) >= 0;
      if (!known) {
        return SESSION_TYPES.indexOf(type) >= 0
            ? type + "= is not allowed in a media section"
            : "unknown line type";
      }
      if (type == 'a' && !Syntax.isToken(new SdpLine(type, value).attributeName())) {
        return "attribute name is not a token";
      }
      if (type == 'o' && ++origins > 1 || type == 's' && ++names > 1) {
        return "second " + type + "= line";
      }
      (current == null ? session : current).add(new SdpLine(type, value));
      return null;
    }

    private String addMedia(String value) {
      if (media.size() + (current == null ? 0 : 1) == limits.maxMedia()) {
        return "more than " + limits.maxMedia() + " media sections";
      }
      SdpParse<MediaLine> m = MediaLine.parse(value);
      if (!m.isOk()) {
        return m.reason();
      }
      closeMedia();
      currentM = m.orNull();
      current = new ArrayList<>();
      return null;
    }

    private void closeMedia() {
      if (current != null) {
        media.add(new MediaDescription(currentM, current));
      }
    }
  }
}
