package io.opensbc.config.model.signalling;

import java.time.Duration;

/**
 * Session timers (RFC 4028) on the legs of one trunk.
 *
 * @param enabled ask for (as UAC) and grant (as UAS) session timers on the trunk's legs
 * @param expires the Session-Expires the SBC asks for on a leg it opens, and the most it grants
 * @param minSe the smallest interval accepted: a request asking for less gets 422 with Min-SE
 * @param refresher who the SBC prefers to refresh the trunk's legs
 */
public record SessionTimer(boolean enabled, Duration expires, Duration minSe, Refresher refresher) {
  /** RFC 4028 §4: Min-SE is never below 90 seconds on the public network. */
  public static final Duration RFC_MIN_SE = Duration.ofSeconds(90);
  public static final SessionTimer OFF =
      new SessionTimer(false, Duration.ofSeconds(1800), RFC_MIN_SE, Refresher.SBC);

  public SessionTimer {
    refresher = refresher == null ? Refresher.SBC : refresher;
  }

  /** Who refreshes a leg when the SBC may choose. */
  public enum Refresher {
    /** The SBC sends the refreshes (UPDATE, else re-INVITE). Default. */
    SBC,
    /** The peer refreshes; the SBC ends the call when a refresh is missed. */
    PEER;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
