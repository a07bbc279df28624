package io.opensbc.media.relay;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import io.opensbc.media.control.MediaException;
import io.opensbc.media.control.RtcpMode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One relay shard: the sessions routed to it (by call reference), their sockets as Netty channels
 * on this verticle's own event loop (see ADR 0005 for why not Vert.x's DatagramSocket), and one
 * periodic sweep for the media timeouts of all of them.
 *
 * <p>Everything here runs on the shard's event loop; {@link RelayControl} hops onto it with
 * {@link #execute} and no field needs a lock.
 */
public final class RelayVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RelayVerticle.class.getName());

  private final int shard;
  private final RelayConfig config;
  private final PortPool pool;
  private final ByteBufAllocator allocator;
  private final LongSupplier clock;
  private final HeadroomRecvAllocator receive;
  private final Map<Long, MediaSession> sessions = new HashMap<>();
  private InetAddress bindAddress;
  private ContextInternal ctx;
  private EventLoop loop;
  private long sweepTimer = -1;
  private boolean stopped;
  private long bindFailures;

  RelayVerticle(int shard, RelayConfig config, PortPool pool, ByteBufAllocator allocator, LongSupplier clock) {
    this.shard = shard;
    this.config = config;
    this.pool = pool;
    this.allocator = allocator;
    this.clock = clock;
    this.receive = new HeadroomRecvAllocator(config.maxPacketBytes());
  }

  @Override
  public Future<?> start() {
    bindAddress = NetUtil.createInetAddressFromIpAddressString(config.bindHost());
    if (bindAddress == null) {
      return Future.failedFuture(new IllegalArgumentException(
          "relay bindHost: " + config.bindHost() + " (allowed: an IPv4 or IPv6 literal)"));
    }
    ctx = (ContextInternal) context;
    loop = ctx.nettyEventLoop();
    sweepTimer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(sweepTimer);
    for (MediaSession s : new ArrayList<>(sessions.values())) {
      close(s.id);
    }
    return Future.succeededFuture();
  }

  /** Runs {@code task} on this shard's event loop (later, even when called from it). */
  void execute(Runnable task) {
    ctx.runOnContext(v -> task.run());
  }

  int shard() {
    return shard;
  }

  /** Binds both legs; on any failure nothing stays bound. */
  MediaSession open(long id, String callRef, RtcpMode modeA, RtcpMode modeB) {
    if (stopped) {
      throw new MediaException(callRef, MediaException.Reason.STOPPED, "relay shard " + shard + " stopped");
    }
    MediaSession s = new MediaSession(id, callRef, config, clock);
    try {
      bindLeg(s.a, modeA, callRef);
      bindLeg(s.b, modeB, callRef);
    } catch (MediaException e) {
      closeLeg(s.a);
      closeLeg(s.b);
      throw e;
    }
    s.a.rtp.register(loop, allocator, receive, config.writeQueueBytes());
    s.b.rtp.register(loop, allocator, receive, config.writeQueueBytes());
    if (s.a.rtcp != null) {
      s.a.rtcp.register(loop, allocator, receive, config.writeQueueBytes());
    }
    if (s.b.rtcp != null) {
      s.b.rtcp.register(loop, allocator, receive, config.writeQueueBytes());
    }
    sessions.put(id, s);
    return s;
  }

  /** The session, or a {@link MediaException.Reason#NO_SUCH_SESSION} failure. */
  MediaSession session(long id, String callRef) {
    MediaSession s = sessions.get(id);
    if (s == null) {
      throw new MediaException(callRef, MediaException.Reason.NO_SUCH_SESSION, "session " + id);
    }
    return s;
  }

  /** Resolves an SDP address without DNS: IP literals of a family this shard can send to. */
  InetAddress remoteAddress(String host, String callRef) {
    InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
    if (address == null || (address instanceof Inet6Address && bindAddress instanceof Inet4Address)) {
      throw new MediaException(callRef, MediaException.Reason.INVALID_ADDRESS, host);
    }
    return address;
  }

  /** Closes the session's sockets; its ports go back to the pool once closed. False if unknown. */
  boolean close(long id) {
    MediaSession s = sessions.remove(id);
    if (s == null) {
      return false;
    }
    closeLeg(s.a);
    closeLeg(s.b);
    return true;
  }

  int sessionCount() {
    return sessions.size();
  }

  long bindFailures() {
    return bindFailures;
  }

  private void bindLeg(RelayLeg leg, RtcpMode mode, String callRef) {
    for (int attempt = 0; attempt < config.bindAttempts(); attempt++) {
      PortPool.Allocation allocation = pool.allocate();
      if (allocation instanceof PortPool.Exhausted exhausted) {
        throw new MediaException(callRef, MediaException.Reason.PORTS_EXHAUSTED,
            "all " + exhausted.capacity() + " port pairs in use");
      }
      int port = ((PortPool.Granted) allocation).rtpPort();
      RelaySocket rtp = null;
      try {
        rtp = RelaySocket.bind(leg, false, bindAddress, port, config.socketBufferBytes());
        RelaySocket rtcp = mode == RtcpMode.PAIR
            ? RelaySocket.bind(leg, true, bindAddress, port + 1, config.socketBufferBytes())
            : null;
        leg.attach(port, rtp, rtcp);
        return;
      } catch (IOException e) {
        bindFailures++;
        LOG.log(Level.FINE, () -> "callRef=" + callRef + " port " + port + " not bindable: " + e.getMessage());
        if (rtp != null) {
          rtp.close(() -> { });
        }
        pool.release(port);
      }
    }
    throw new MediaException(callRef, MediaException.Reason.PORTS_EXHAUSTED,
        "no bindable port pair in " + config.bindAttempts() + " attempts");
  }

  private void closeLeg(RelayLeg leg) {
    if (leg.rtp == null || leg.closed) {
      return;
    }
    leg.closed = true;
    if (leg.dtls != null) {
      leg.dtls.close();
    }
    int port = leg.rtpPort;
    RelaySocket rtcp = leg.rtcp;
    RelaySocket rtp = leg.rtp;
    if (rtcp == null) {
      rtp.close(() -> pool.release(port));
    } else {
      rtp.close(() -> rtcp.close(() -> pool.release(port)));
    }
  }

  private void sweep() {
    long now = clock.getAsLong();
    for (MediaSession s : sessions.values()) {
      s.checkTimeout(now);
    }
  }
}
