package io.opensbc.media.relay;

import io.netty.buffer.ByteBuf;
import io.opensbc.media.control.PacketKind;
import io.opensbc.media.control.PacketTransform;
import io.opensbc.media.srtp.SdesKeys;
import io.opensbc.media.srtp.SrtpContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * SRTP on one leg and direction of a session: {@link #protect} for the packets leaving towards a
 * peer that expects SRTP (our SDES keys), {@link #unprotect} for the packets an SRTP peer sends
 * (its keys). One {@link SrtpContext} per SSRC, RTP and RTCP apart, from the one master key, as
 * RFC 3711 asks; at most {@link #MAX_SSRCS} of each, then packets of a new SSRC are dropped.
 *
 * <p>The contexts work on arrays, the relay on a direct buffer: the packet is copied into a
 * scratch array and back (a couple of hundred bytes, far cheaper than the cipher). Used on the
 * session's relay event loop only, like every transform.
 */
public final class SrtpTransform implements PacketTransform {
  /** Streams per direction and kind; an SBC leg normally carries one or two. */
  public static final int MAX_SSRCS = 16;
  private static final int REPLAY_WINDOW = 128;

  private final SdesKeys keys;
  private final boolean protect;
  private final Map<Integer, SrtpContext> rtp = new HashMap<>();
  private final Map<Integer, SrtpContext> rtcp = new HashMap<>();
  private byte[] scratch = new byte[1600];

  private SrtpTransform(SdesKeys keys, boolean protect) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.protect = protect;
  }

  /** Encrypts and tags RTP/RTCP with our keys (OUTBOUND on an SRTP leg). */
  public static SrtpTransform protect(SdesKeys keys) {
    return new SrtpTransform(keys, true);
  }

  /** Authenticates and decrypts the peer's SRTP/SRTCP with its keys (INBOUND on an SRTP leg). */
  public static SrtpTransform unprotect(SdesKeys keys) {
    return new SrtpTransform(keys, false);
  }

  @Override
  public int apply(ByteBuf packet, PacketKind kind) {
    int off = packet.readerIndex();
    int len = packet.readableBytes();
    boolean isRtcp = kind == PacketKind.RTCP;
    if (len < (isRtcp ? 8 : 12)) {
      return DROP;
    }
    int ssrc = packet.getInt(off + (isRtcp ? 4 : 8));
    Map<Integer, SrtpContext> contexts = isRtcp ? rtcp : rtp;
    SrtpContext c = contexts.get(ssrc);
    if (c == null) {
      if (contexts.size() >= MAX_SSRCS) {
        return DROP;
      }
      c = keys.newContext(REPLAY_WINDOW);
      contexts.put(ssrc, c);
    }
    if (scratch.length < len + TAILROOM) {
      scratch = new byte[len + TAILROOM];
    }
    packet.getBytes(off, scratch, 0, len);
    int n;
    if (protect) {
      n = isRtcp ? c.protectRtcp(scratch, 0, len) : c.protect(scratch, 0, len);
    } else {
      n = isRtcp ? c.unprotectRtcp(scratch, 0, len) : c.unprotect(scratch, 0, len);
    }
    if (n < 0 || n > len + TAILROOM) {
      return DROP;
    }
    packet.setBytes(off, scratch, 0, n);
    return n;
  }
}
