package io.opensbc.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * How long a datagram waits in a UDP listener's socket buffer before the listener reads it
 * (docs/flood-control.md, "Overload"). The event-loop lag monitor times the loop's timers, and the
 * loop runs its timers between batches of reads, so a listener can keep its timers on time while
 * it falls seconds behind on the socket: the kernel buffer (4 MiB) holds thousands of requests,
 * each retransmitted by its sender while it waits. Measured on a cold node at 200 calls/s: timer
 * lag under 40 ms while 1.7 MB of datagrams waited and INVITE->200 took 1.4 s.
 *
 * <p>The probe sends an 8-byte datagram (its send time) to the listener's own address every
 * {@link #INTERVAL_MS} ms from a socket of its own on the listener's event loop, and the listener
 * hands back every datagram from that socket ({@link #isProbe}) instead of reading it as SIP. The
 * delay is the <em>shortest</em> wait of the probes read in the last complete window of
 * {@link #WINDOW_MS} ms: a burst that drains (20 INVITEs at once on a cold node) leaves probes
 * that waited little among those read when it ends and is not overload, while a socket that stays
 * behind delays every probe of the window. It reads 0 once probes stop coming back (a probe lost
 * or the socket gone never leaves the node refusing calls).
 */
final class ReceiveProbe {
  static final long INTERVAL_MS = 20;
  /** The window over which the shortest wait is taken. */
  static final long WINDOW_MS = 250;
  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MS);
  /** A delay older than this is forgotten. */
  private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Channel channel;
  private final InetSocketAddress target;
  private final InetAddress localAddress;
  private final int localPort;
  private final ScheduledFuture<?> ticks;
  /** The window being filled (listener thread only). */
  private long windowStart;
  private long windowMin = Long.MAX_VALUE;
  /** The shortest wait of the last complete window, and when the last probe was read. */
  private volatile long delayNanos;
  private volatile long readAt;

  private ReceiveProbe(Channel channel, InetSocketAddress target, EventLoop loop) {
    this.channel = channel;
    this.target = target;
    InetSocketAddress local = (InetSocketAddress) channel.localAddress();
    this.localAddress = local.getAddress();
    this.localPort = local.getPort();
    this.ticks = loop.scheduleAtFixedRate(this::send, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens a probe towards a listener bound at {@code bound} (a wildcard address is probed on
   * loopback); completes with null when no probe socket can be opened (the node then runs
   * without the measure, as before).
   */
  static io.vertx.core.Future<ReceiveProbe> open(EventLoop loop, InetSocketAddress bound) {
    InetAddress a = bound.getAddress();
    InetAddress to = !a.isAnyLocalAddress() ? a
        : a instanceof java.net.Inet6Address ? InetAddress.getLoopbackAddress() : loopback4();
    InetSocketAddress target = new InetSocketAddress(to, bound.getPort());
    io.vertx.core.Promise<ReceiveProbe> p = io.vertx.core.Promise.promise();
    new Bootstrap().group(loop).channel(NioDatagramChannel.class)
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            // nothing is sent to the probe's socket
          }
        })
        .bind(new InetSocketAddress(to, 0)).addListener(f -> {
          if (f.isSuccess()) {
            p.complete(new ReceiveProbe(((io.netty.channel.ChannelFuture) f).channel(), target, loop));
          } else {
            p.complete(null);
          }
        });
    return p.future();
  }

  private static InetAddress loopback4() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private void send() {
    channel.writeAndFlush(new DatagramPacket(Unpooled.buffer(8).writeLong(System.nanoTime()), target));
  }

  /** True when a datagram came from the probe's socket. */
  boolean isProbe(InetSocketAddress from) {
    return from.getPort() == localPort && localAddress.equals(from.getAddress());
  }

  /** A probe datagram was read by the listener: its wait is the delay now. */
  void read(io.netty.buffer.ByteBuf content) {
    if (content.readableBytes() == 8) {
      long now = System.nanoTime();
      long delay = Math.max(0, now - content.readLong());
      if (now - windowStart >= WINDOW_NANOS) {
        if (windowMin != Long.MAX_VALUE) {
          delayNanos = windowMin;
        }
        windowStart = now;
        windowMin = delay;
      } else {
        windowMin = Math.min(windowMin, delay);
      }
      readAt = now;
    }
  }

  /** How long probes kept waiting before the listener read them, ms; 0 when none came back lately. */
  long delayMillis() {
    long at = readAt;
    if (at == 0 || System.nanoTime() - at > STALE_NANOS) {
      return 0;
    }
    return TimeUnit.NANOSECONDS.toMillis(delayNanos);
  }

  void close() {
    ticks.cancel(false);
    channel.close();
  }
}
