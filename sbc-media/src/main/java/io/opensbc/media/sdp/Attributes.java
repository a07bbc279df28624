package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Attribute look-ups shared by the session level and media sections. */
final class Attributes {
  private Attributes() {}

  static List<String> values(List<SdpLine> lines, String name) {
    List<String> out = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l.isAttribute(name)) {
        out.add(l.attributeValue());
      }
    }
    return out;
  }

  static Optional<String> first(List<SdpLine> lines, String name) {
    for (SdpLine l : lines) {
      if (l.isAttribute(name)) {
        return Optional.of(l.attributeValue());
      }
    }
    return Optional.empty();
  }

  static boolean has(List<SdpLine> lines, String name) {
    return first(lines, name).isPresent();
  }

  static Optional<Direction> direction(List<SdpLine> lines) {
    for (SdpLine l : lines) {
      if (l.isAttribute() && l.value().indexOf(':') < 0) {
        Optional<Direction> d = Direction.ofAttribute(l.value());
        if (d.isPresent()) {
          return d;
        }
      }
    }
    return Optional.empty();
  }

  /** The first {@code c=} line parsed; ok and empty when there is none. */
  static SdpParse<Optional<Connection>> connection(List<SdpLine> lines) {
    for (SdpLine l : lines) {
      if (l.type() == 'c') {
        return Connection.parse(l.value()).map(Optional::of);
      }
    }
    return SdpParse.ok(Optional.empty());
  }
}
