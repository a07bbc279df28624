package io.opensbc.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.opensbc.config.model.Transport;
import io.opensbc.sip.message.codec.DatagramFramer;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SizeLimits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One UDP listener: datagram framing, a stateless 400 for malformed requests (garbage is
 * dropped), CRLF keep-alives ignored, everything else handed to the sink.
 *
 * <p>The socket is a Netty channel on this verticle's own event loop rather than a Vert.x
 * {@code DatagramSocket}: Vert.x sizes the per-datagram read buffer from SO_RCVBUF, so a kernel
 * buffer large enough to ride out a pause would cost an allocation of that size per packet. Here
 * SO_RCVBUF is 4 MiB and each read uses a pooled buffer of the largest datagram accepted.
 */
public final class UdpListenerVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(UdpListenerVerticle.class.getName());
  private static final int SOCKET_BUFFER = 4 * 1024 * 1024;
  private static final int MAX_CACHED_PEERS = 4096;

  private final String name;
  private final String host;
  private final int port;
  private final SizeLimits limits;
  private final InboundSink sink;
  private final TransportStats stats;
  private final WireTaps taps;
  /** Resolved peer addresses (configuration names resolve once; literals cost nothing). */
  private final Map<String, InetSocketAddress> peers = new ConcurrentHashMap<>();
  private volatile Channel channel;
  private volatile int boundPort;
  /** Times the wait of datagrams in this socket's buffer; null until bound, or without one. */
  private volatile ReceiveProbe probe;

  public UdpListenerVerticle(String name, String host, int port, SizeLimits limits, InboundSink sink,
      TransportStats stats) {
    this(name, host, port, limits, sink, stats, new WireTaps());
  }

  public UdpListenerVerticle(String name, String host, int port, SizeLimits limits, InboundSink sink,
      TransportStats stats, WireTaps taps) {
    this.taps = taps;
    this.name = name;
    this.host = host;
    this.port = port;
    this.limits = limits;
    this.sink = sink;
    this.stats = stats;
  }

  @Override
  public Future<?> start() {
    Bootstrap b = new Bootstrap()
        .group(((ContextInternal) context).nettyEventLoop())
        .channel(NioDatagramChannel.class)
        .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
        .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .option(ChannelOption.RCVBUF_ALLOCATOR,
            new FixedRecvByteBufAllocator(Math.min(65536, limits.maxMessageBytes() + 1)))
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            onPacket(packet);
          }

          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(Level.FINE, "udp " + name + ": " + cause.getMessage());
          }
        });
    Promise<Void> bound = Promise.promise();
    b.bind(host, port).addListener(f -> {
      if (f.isSuccess()) {
        Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
        channel = ch;
        boundPort = ((InetSocketAddress) ch.localAddress()).getPort();
        ReceiveProbe.open(ch.eventLoop(), (InetSocketAddress) ch.localAddress()).onComplete(r -> {
          ReceiveProbe p = r.result();
          if (p != null) {
            probe = p;
            stats.addProbe(p);
          }
          bound.complete();
        });
      } else {
        bound.fail(f.cause());
      }
    });
    return bound.future();
  }

  @Override
  public Future<?> stop() {
    ReceiveProbe p = probe;
    if (p != null) {
      probe = null;
      stats.removeProbe(p);
      p.close();
    }
    Channel ch = channel;
    if (ch == null) {
      return Future.succeededFuture();
    }
    Promise<Void> closed = Promise.promise();
    ch.close().addListener(f -> closed.complete());
    return closed.future();
  }

  private void onPacket(DatagramPacket packet) {
    InetSocketAddress from = packet.sender();
    ReceiveProbe p = probe;
    if (p != null && p.isProbe(from)) {
      p.read(packet.content());
      return;
    }
    String peerHost = from.getAddress().getHostAddress();
    int peerPort = from.getPort();
    if (sink.shed(name, peerHost, peerPort)) {
      return;
    }
    ByteBuf content = packet.content();
    byte[] bytes = new byte[content.readableBytes()];
    content.readBytes(bytes);
    try {
      Decoded d = DatagramFramer.decode(Buffer.buffer(bytes), limits);
      if (d instanceof Decoded.Message m) {
        stats.received();
        if (m.message() instanceof io.opensbc.sip.message.SipResponse r) {
          stats.responseReceived(r.status());
        }
        WireTap tap = taps.current();
        if (tap != null) {
          WireTaps.emit(tap, false, Transport.UDP, host, boundPort, peerHost, peerPort, bytes);
        }
        sink.onMessage(m.message(), new Source(name, Transport.UDP, peerHost, peerPort, 0));
      } else if (d instanceof Decoded.Malformed bad) {
        stats.malformed();
        LOG.fine(() -> "udp " + name + " malformed from " + peerHost + ":" + peerPort + ": " + bad.reason());
        Buffer reply = MalformedReply.build(bad);
        if (reply != null) {
          channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply.getBytes()), from));
        }
      }
      // keep-alives over UDP need no answer
    } catch (RuntimeException e) {
      // a defect below must never stop the listener; it is counted and logged with the packet's source
      stats.malformed();
      LOG.log(Level.WARNING, "udp " + name + ": dropped a packet from " + peerHost + ":" + peerPort
          + " after an internal error", e);
    }
  }

  /** Sends from this listener's socket; callable from any thread. */
  public void send(Buffer bytes, String toHost, int toPort, Runnable onError) {
    Channel ch = channel;
    if (ch == null) {
      onError.run();
      return;
    }
    String key = toHost + ':' + toPort;
    InetSocketAddress to = peers.get(key);
    if (to == null) {
      to = new InetSocketAddress(toHost, toPort);
      if (to.isUnresolved()) {
        onError.run();
        return;
      }
      if (peers.size() < MAX_CACHED_PEERS) {
        peers.put(key, to);
      }
    }
    stats.sent();
    stats.maybeResponseSent(bytes);
    byte[] raw = bytes.getBytes();
    WireTap tap = taps.current();
    if (tap != null) {
      WireTaps.emit(tap, true, Transport.UDP, host, boundPort, toHost, toPort, raw);
    }
    ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(raw), to)).addListener(f -> {
      if (!f.isSuccess()) {
        onError.run();
      }
    });
  }

  public ListenerAddress address() {
    return new ListenerAddress(name, Transport.UDP, host, boundPort);
  }
}
