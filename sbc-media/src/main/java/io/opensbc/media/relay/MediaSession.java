package io.opensbc.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.control.PacketKind;
import io.opensbc.media.control.PacketTransform;
import io.opensbc.media.control.PeerLatched;
import io.opensbc.media.control.SessionStats;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Two legs on one shard, and the forwarding rule between them: a packet accepted on one leg
 * leaves from the other leg's socket towards that leg's peer.
 *
 * <p>The received buffer itself is forwarded: ownership passes from the read to the write (which
 * releases it once sent), or the packet is released where it is dropped; exactly one of the two
 * happens on every path of {@link #relay}. Both legs live on the same event loop, so the write runs
 * inline with the read, without a thread hop.
 */
final class MediaSession {
  private static final Logger LOG = Logger.getLogger(MediaSession.class.getName());

  final long id;
  final String callRef;
  final RelayLeg a;
  final RelayLeg b;
  private final int maxPacketBytes;
  private final LongSupplier clock;
  MediaSessionHandle handle;
  private long lastActivity;
  private long timeoutNanos;
  private long timeoutFrom;
  private Handler<MediaSessionHandle> onTimeout;
  private Context timeoutContext;
  private Handler<PeerLatched> onLatched;
  private Context latchContext;

  MediaSession(long id, String callRef, RelayConfig config, LongSupplier clock) {
    this.id = id;
    this.callRef = callRef;
    this.maxPacketBytes = config.maxPacketBytes();
    this.clock = clock;
    long silence = config.latchSilence().toNanos();
    this.a = new RelayLeg(Leg.A, this, config.latchConfirmPackets(), silence);
    this.b = new RelayLeg(Leg.B, this, config.latchConfirmPackets(), silence);
    a.other = b;
    b.other = a;
    this.lastActivity = clock.getAsLong();
  }

  RelayLeg leg(Leg leg) {
    return leg == Leg.A ? a : b;
  }

  /** The session's monotonic clock, in nanoseconds. */
  long now() {
    return clock.getAsLong();
  }

  /** A datagram arrived on one of {@code from}'s sockets; consumes it. */
  void relay(RelayLeg from, boolean onRtcpSocket, DatagramPacket packet) {
    ByteBuf buf = packet.content();
    int length = buf.readableBytes();
    if (length > maxPacketBytes) {
      from.dropOversize++;
      packet.release();
      return;
    }
    PacketKind kind = RtpPackets.classify(buf);
    if (kind == null || (onRtcpSocket && kind == PacketKind.RTP)) {
      from.dropMalformed++;
      packet.release();
      return;
    }
    long now = clock.getAsLong();
    boolean mayLatch = kind == PacketKind.RTCP ? onRtcpSocket : from.expects(RtpPackets.payloadType(buf));
    Latch latch = onRtcpSocket ? from.rtcpLatch : from.rtpLatch;
    Latch.Verdict verdict = latch.offer(packet.sender(), RtpPackets.ssrc(buf, kind), mayLatch, now);
    if (verdict == Latch.Verdict.DROP) {
      from.dropForeign++;
      packet.release();
      return;
    }
    if (verdict != Latch.Verdict.ACCEPT && onLatched != null) {
      latched(from, onRtcpSocket, packet.sender(), verdict == Latch.Verdict.RELATCHED);
    }
    from.packetsIn++;
    from.bytesIn += length;
    from.lastPacketNanos = now;
    from.anyPacket = true;
    lastActivity = now;
    if (transform(from.inbound, buf, kind) < 0) {
      from.dropTransform++;
      packet.release();
      return;
    }
    if (kind == PacketKind.RTP) {
      from.reception.packet(buf, now);
    } else {
      from.reports.read(buf);
    }
    RelayLeg to = from.other;
    int out = transform(to.outbound, buf, kind);
    if (out < 0) {
      to.dropTransform++;
      packet.release();
      return;
    }
    NioDatagramChannel channel;
    InetSocketAddress destination;
    if (kind == PacketKind.RTP || to.remoteMux) {
      channel = to.rtp.channel();
      destination = to.rtpLatch.peer();
    } else {
      channel = (to.rtcp != null ? to.rtcp : to.rtp).channel();
      destination = to.rtcpLatch.peer();
    }
    if (destination == null) {
      to.dropNoDestination++;
      packet.release();
      return;
    }
    if (!channel.isWritable()) {
      to.dropCongested++;
      packet.release();
      return;
    }
    to.packetsOut++;
    to.bytesOut += out;
    channel.writeAndFlush(new DatagramPacket(buf, destination), channel.voidPromise());
  }

  /** Runs a transform; the new length, or a negative value to drop. */
  private int transform(PacketTransform transform, ByteBuf buf, PacketKind kind) {
    if (transform == PacketTransform.IDENTITY) {
      return buf.readableBytes();
    }
    int length;
    try {
      length = transform.apply(buf, kind);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "callRef=" + callRef + " transform failed; packet dropped", e);
      return PacketTransform.DROP;
    }
    if (length < 0 || length > buf.capacity() - buf.readerIndex()) {
      return PacketTransform.DROP;
    }
    buf.writerIndex(buf.readerIndex() + length);
    return length;
  }

  void onLatched(Handler<PeerLatched> handler, Context context) {
    onLatched = handler;
    latchContext = context;
  }

  private void latched(RelayLeg leg, boolean rtcpSocket, InetSocketAddress peer, boolean relatch) {
    Handler<PeerLatched> handler = onLatched;
    PeerLatched event = new PeerLatched(callRef, leg.leg(), rtcpSocket ? PacketKind.RTCP : PacketKind.RTP, peer,
        relatch);
    Context context = latchContext;
    if (context != null) {
      context.runOnContext(v -> handler.handle(event));
      return;
    }
    try {
      handler.handle(event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "callRef=" + callRef + " latch handler failed", e);
    }
  }

  void armTimeout(long nanos, Handler<MediaSessionHandle> callback, Context context) {
    timeoutNanos = nanos;
    timeoutFrom = clock.getAsLong();
    onTimeout = nanos > 0 ? callback : null;
    timeoutContext = context;
  }

  /** Called by the shard's sweep: fires the media timeout once if it is due. */
  void checkTimeout(long now) {
    Handler<MediaSessionHandle> callback = onTimeout;
    if (callback == null || now - Math.max(lastActivity, timeoutFrom) < timeoutNanos) {
      return;
    }
    onTimeout = null;
    Context context = timeoutContext;
    MediaSessionHandle h = handle;
    if (context != null) {
      context.runOnContext(v -> callback.handle(h));
      return;
    }
    try {
      callback.handle(h);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "callRef=" + callRef + " media timeout callback failed", e);
    }
  }

  SessionStats stats() {
    long now = clock.getAsLong();
    return new SessionStats(callRef, a.stats(now), b.stats(now));
  }
}
