package io.opensbc.media.relay;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One media socket (a leg's RTP, RTCP or multiplexed port): a Netty datagram channel on its
 * shard's event loop, and the handler that hands each datagram to the session.
 *
 * <p>The port is bound with a plain NIO channel first, so a port taken by another process fails
 * at once and synchronously (the pool skips it); only then is the channel registered with Netty.
 */
final class RelaySocket extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(RelaySocket.class.getName());

  private final RelayLeg leg;
  private final boolean rtcp;
  private final DatagramChannel bound;
  private NioDatagramChannel channel;

  private RelaySocket(RelayLeg leg, boolean rtcp, DatagramChannel bound) {
    this.leg = leg;
    this.rtcp = rtcp;
    this.bound = bound;
  }

  /** Binds {@code address:port}; throws if the port is taken. Nothing is registered yet. */
  static RelaySocket bind(RelayLeg leg, boolean rtcp, InetAddress address, int port, int bufferBytes)
      throws IOException {
    DatagramChannel ch = DatagramChannel.open(
        address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    try {
      ch.setOption(StandardSocketOptions.SO_RCVBUF, bufferBytes);
      ch.setOption(StandardSocketOptions.SO_SNDBUF, bufferBytes);
      ch.bind(new InetSocketAddress(address, port));
      return new RelaySocket(leg, rtcp, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Wraps the bound port in a Netty channel reading on {@code loop}. */
  void register(EventLoop loop, ByteBufAllocator allocator, HeadroomRecvAllocator receive, int writeQueueBytes) {
    NioDatagramChannel ch = new NioDatagramChannel(bound);
    ch.config()
        .setAllocator(allocator)
        .setRecvByteBufAllocator(receive)
        .setWriteBufferWaterMark(new WriteBufferWaterMark(writeQueueBytes / 2, writeQueueBytes));
    ch.pipeline().addLast(this);
    channel = ch;
    loop.register(ch).addListener(f -> {
      if (!f.isSuccess()) {
        LOG.log(Level.WARNING, "media socket " + bound.socket().getLocalPort() + " not registered", f.cause());
      }
    });
  }

  NioDatagramChannel channel() {
    return channel;
  }

  /**
   * Closes the socket; {@code closed} runs once the port is free again (at once for a socket never
   * registered).
   */
  void close(Runnable closed) {
    NioDatagramChannel ch = channel;
    if (ch != null && ch.isRegistered()) {
      ChannelFuture f = ch.close();
      f.addListener(done -> closed.run());
      return;
    }
    try {
      bound.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing media socket", e);
    }
    closed.run();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet) {
      MediaDemux.receive(leg, this, rtcp, packet);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // writes use the void promise, so a refused send surfaces here
    leg.sendFailed();
    LOG.log(Level.FINE, "media socket " + leg.leg() + (rtcp ? " rtcp" : " rtp") + ": " + cause);
  }
}
