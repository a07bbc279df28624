package io.opensbc.media.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The direction attributes {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly}, {@code
 * a=inactive} (RFC 8866 §6.7, RFC 3264 §5.1). A media-level attribute overrides the session level;
 * without either a stream is {@link #SENDRECV}.
 */
public enum Direction {
  SENDRECV,
  SENDONLY,
  RECVONLY,
  INACTIVE;

  /** The direction named by an attribute name, if it is one. */
  public static Optional<Direction> ofAttribute(String attributeName) {
    for (Direction d : values()) {
      if (d.attributeName().equalsIgnoreCase(attributeName)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The direction as seen from the other side: sendonly becomes recvonly and back. */
  public Direction reverse() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      default -> this;
    };
  }

  public String attributeName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
