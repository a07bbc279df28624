package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A session description (RFC 8866): the session-level lines from {@code v=} up to the first
 * {@code m=} in their original order, then the media sections. Immutable; the typed views parse on
 * demand, and the look-ups that RFC 8866 lets the session level supply (connection, direction,
 * ICE credentials, fingerprint, setup) take a media section and fall back to the session level.
 */
public record SessionDescription(List<SdpLine> lines, List<MediaDescription> media) {

  public SessionDescription {
    lines = List.copyOf(lines);
    media = List.copyOf(media);
  }

  public SessionDescription withLines(List<SdpLine> newLines) {
    return new SessionDescription(newLines, media);
  }

  public SessionDescription withMedia(List<MediaDescription> newMedia) {
    return new SessionDescription(lines, newMedia);
  }

  public SessionDescription withMedia(int index, MediaDescription section) {
    List<MediaDescription> copy = new ArrayList<>(media);
    copy.set(index, section);
    return new SessionDescription(lines, copy);
  }

  /** The {@code o=} line (the parser guarantees there is one). */
  public SdpParse<Origin> origin() {
    for (SdpLine l : lines) {
      if (l.type() == 'o') {
        return Origin.parse(l.value());
      }
    }
    return SdpParse.malformed("no o= line");
  }

  /** The values of every session-level {@code a=<name>[:value]}, in order. */
  public List<String> attributes(String name) {
    return Attributes.values(lines, name);
  }

  public Optional<String> attribute(String name) {
    return Attributes.first(lines, name);
  }

  public boolean hasAttribute(String name) {
    return Attributes.has(lines, name);
  }

  /** The session-level {@code c=}; ok and empty when there is none. */
  public SdpParse<Optional<Connection>> connection() {
    return Attributes.connection(lines);
  }

  /** The connection of a media section: its own {@code c=}, else the session's (RFC 8866 §5.7). */
  public SdpParse<Connection> connection(MediaDescription m) {
    return m.connection().flatMap(own -> own.isPresent() ? SdpParse.ok(own.get())
        : connection().flatMap(session -> session.<SdpParse<Connection>>map(SdpParse::ok)
            .orElse(SdpParse.malformed("no c= line for m=" + m.media()))));
  }

  /** The stream's direction: media-level attribute, else session-level, else sendrecv. */
  public Direction direction(MediaDescription m) {
    return m.direction().or(() -> Attributes.direction(lines)).orElse(Direction.SENDRECV);
  }

  /**
   * Whether the stream is put on hold: {@code sendonly} or {@code inactive} (RFC 3264 §8.4), or
   * the RFC 2543 {@code c=0.0.0.0} (unless ICE is in use, where 0.0.0.0 only means "see the
   * candidates", RFC 8839 §4.2.2).
   */
  public boolean isHold(MediaDescription m) {
    Direction d = direction(m);
    if (d == Direction.SENDONLY || d == Direction.INACTIVE) {
      return true;
    }
    Connection c = connection(m).orNull();
    boolean ice = m.hasAttribute("ice-ufrag") || hasAttribute("ice-ufrag");
    return c != null && c.isUnspecified() && !ice;
  }

  /** {@code a=ice-lite} at session level (RFC 8839 §5.3). */
  public boolean iceLite() {
    return hasAttribute("ice-lite");
  }

  /** The ICE credentials of a media section, media level first; ok and empty without ICE. */
  public SdpParse<Optional<IceCredentials>> ice(MediaDescription m) {
    Optional<String> ufrag = inherited(m, "ice-ufrag");
    Optional<String> pwd = inherited(m, "ice-pwd");
    if (ufrag.isEmpty() && pwd.isEmpty()) {
      return SdpParse.ok(Optional.empty());
    }
    if (ufrag.isEmpty() || pwd.isEmpty()) {
      return SdpParse.malformed("ice-ufrag and ice-pwd must come together");
    }
    return IceCredentials.parse(ufrag.get(), pwd.get()).map(Optional::of);
  }

  /** The DTLS fingerprint of a media section, media level first (RFC 8122 §5). */
  public SdpParse<Optional<Fingerprint>> fingerprint(MediaDescription m) {
    return optional(inherited(m, "fingerprint"), Fingerprint::parse);
  }

  /** The {@code a=setup} of a media section, media level first (RFC 4145 §4). */
  public SdpParse<Optional<Setup>> setup(MediaDescription m) {
    return optional(inherited(m, "setup"), Setup::parse);
  }

  private Optional<String> inherited(MediaDescription m, String name) {
    return m.attribute(name).or(() -> attribute(name));
  }

  private static <T> SdpParse<Optional<T>> optional(
      Optional<String> value, Function<String, SdpParse<T>> parser) {
    return value.map(v -> parser.apply(v).map(Optional::of)).orElse(SdpParse.ok(Optional.empty()));
  }
}
