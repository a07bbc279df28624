package io.opensbc.config.model.media;

import io.opensbc.config.model.Defaults;

/**
 * The UDP ports media is relayed on, both ends included: RTP on an even port, its RTCP on the odd
 * port above. The loader holds {@code min} even, {@code max > min + 1}, both within 1024-65535.
 */
public record PortRange(int min, int max) {
  public static final PortRange DEFAULT = new PortRange(Defaults.MEDIA_PORT_MIN, Defaults.MEDIA_PORT_MAX);

  /** The RTP/RTCP port pairs in the range: (min, min + 1), (min + 2, min + 3)... */
  public int pairs() {
    return (max - min + 1) / 2;
  }
}
