package io.opensbc.media.control;

import io.netty.buffer.ByteBuf;

/**
 * A per-leg, per-direction hook that rewrites a packet in place on its way through the relay: SRTP
 * protect/unprotect, header rewriting, or a filter. Installed with
 * {@link MediaControl#setTransform}; without one the relay forwards the received buffer untouched.
 *
 * <p>Contract (the relay's hot path, so no allocation is expected):
 *
 * <ul>
 *   <li>The packet is {@code packet}'s readable bytes. At least {@link #HEADROOM} bytes before the
 *       reader index and {@link #TAILROOM} bytes after the writer index are free to use, so a
 *       transform can grow the packet (an SRTP auth tag, an SRTCP index) or prepend a header
 *       (move the reader index back) without copying.
 *   <li>Return the new length counted from the (possibly moved) reader index, or {@link #DROP}.
 *       The relay sets the writer index from it. A length past the buffer's capacity, a negative
 *       value or a thrown exception counts as a drop.
 *   <li>Do not retain, release or keep the buffer after returning; it is forwarded or freed by the
 *       relay.
 *   <li>Called on the session's relay event loop, one packet at a time; the transform's own state
 *       needs no locking as long as it is used by one session leg only.
 * </ul>
 */
@FunctionalInterface
public interface PacketTransform {
  /** Returned to drop the packet (counted in the leg's drops). */
  int DROP = -1;
  /** Free bytes guaranteed before the packet. */
  int HEADROOM = 32;
  /** Free bytes guaranteed after the packet. */
  int TAILROOM = 64;

  /** Forwards the packet unchanged; the relay skips the call. */
  PacketTransform IDENTITY = (packet, kind) -> packet.readableBytes();

  /** Drops every packet (a DTLS-SRTP leg before its keys are known). */
  PacketTransform DROP_ALL = (packet, kind) -> DROP;

  int apply(ByteBuf packet, PacketKind kind);
}
