package io.opensbc.media.control;

import java.net.InetSocketAddress;

/**
 * A leg's socket latched onto a peer (symmetric RTP): {@code socket} is which of the leg's
 * sockets (RTP, or the separate RTCP one), {@code peer} the source address now used as the
 * destination, {@code relatch} whether it replaced an earlier latched peer.
 */
public record PeerLatched(String callRef, Leg leg, PacketKind socket, InetSocketAddress peer, boolean relatch) {}
