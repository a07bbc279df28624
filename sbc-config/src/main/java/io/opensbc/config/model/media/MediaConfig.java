package io.opensbc.config.model.media;

import io.opensbc.config.model.Defaults;
import java.time.Duration;

/**
 * The media relay of a node (docs/media.md): where and how RTP/RTCP is anchored.
 *
 * @param ports the UDP ports relayed on (default 20000-39999)
 * @param workers media event loops; 0 = one per event loop (default)
 * @param timeout a call whose media sends no packet for this long is released (default 60 s;
 *     1 s-1 h)
 * @param holdTimeout the same while the call is on hold, i.e. sendonly or inactive (default 2 h;
 *     1 s-24 h)
 * @param maxSessions relay sessions at once on this node; beyond it new calls are refused (default
 *     10000)
 * @param relatchSilence re-latching to a new source address needs the latched one silent at least
 *     this long (default 2 s; 0 = at once)
 * @param relatchPackets ...and this many packets from the new address (default 5)
 * @param address the IP address published in SDP ({@code c=}); null = the host of the listener
 *     the leg uses (default)
 * @param maxPacketBytes larger datagrams are dropped (default 1500)
 */
public record MediaConfig(
    PortRange ports,
    int workers,
    Duration timeout,
    Duration holdTimeout,
    int maxSessions,
    Duration relatchSilence,
    int relatchPackets,
    String address,
    int maxPacketBytes) {
  public static final MediaConfig DEFAULT =
      new MediaConfig(
          PortRange.DEFAULT,
          Defaults.MEDIA_WORKERS,
          Defaults.MEDIA_TIMEOUT,
          Defaults.MEDIA_HOLD_TIMEOUT,
          Defaults.MEDIA_MAX_SESSIONS,
          Defaults.RELATCH_SILENCE,
          Defaults.RELATCH_PACKETS,
          Defaults.MEDIA_ADDRESS,
          Defaults.MAX_PACKET_BYTES);

  public MediaConfig {
    ports = ports == null ? PortRange.DEFAULT : ports;
  }
}
