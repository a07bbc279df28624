package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Our {@code o=} line on one leg and the last SDP sent there. RFC 3264 §8: every SDP of the
 * session carries the same origin and a version one higher than the previous one when anything
 * changed, the same version when nothing did. Keep one per leg, replaced by the one each {@link
 * #stamp} returns.
 *
 * @param version the version of {@code lastSent}, or of the first SDP when nothing was sent yet
 */
public record OriginState(
    String username,
    long sessionId,
    long version,
    String address,
    Optional<SessionDescription> lastSent) {

  public OriginState {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(lastSent, "lastSent");
    if (username.isEmpty() || username.indexOf(' ') >= 0 || sessionId < 0 || version < 0) {
      throw new IllegalArgumentException("o= username must be a non-empty word, numbers >= 0");
    }
  }

  /** A leg that has sent no SDP yet; its first SDP gets version 1. */
  public static OriginState start(String username, long sessionId, String address) {
    return new OriginState(username, sessionId, 1, address, Optional.empty());
  }

  /** The {@code o=} value for a version. */
  public String originValue(long v) {
    Connection c = Connection.of(address);
    return username + " " + sessionId + " " + v + " IN " + c.addrType() + " " + address;
  }

  /**
   * Puts our {@code o=} line into {@code sdp} (replacing its own) with the version that RFC 3264
   * §8 asks for, and returns it with the state to keep.
   */
  public Rewritten stamp(SessionDescription sdp) {
    long v = lastSent.isEmpty() || sameBody(sdp, lastSent.get())
        ? version
        : version + 1;
    SessionDescription out = withOrigin(sdp, v);
    return new Rewritten(out, new OriginState(username, sessionId, v, address, Optional.of(out)));
  }

  private SessionDescription withOrigin(SessionDescription sdp, long v) {
    List<SdpLine> lines = new ArrayList<>(sdp.lines().size());
    boolean done = false;
    for (SdpLine l : sdp.lines()) {
      if (l.type() == 'o') {
        if (!done) {
          lines.add(new SdpLine('o', originValue(v)));
          done = true;
        }
      } else {
        lines.add(l);
      }
    }
    if (!done) {
      lines.add(Math.min(1, lines.size()), new SdpLine('o', originValue(v)));
    }
    return sdp.withLines(lines);
  }

  private static boolean sameBody(SessionDescription a, SessionDescription b) {
    return a.media().equals(b.media()) && withoutOrigin(a).equals(withoutOrigin(b));
  }

  private static List<SdpLine> withoutOrigin(SessionDescription s) {
    return s.lines().stream().filter(l -> l.type() != 'o').toList();
  }
}
