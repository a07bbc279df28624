package io.opensbc.media.relay;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.opensbc.media.control.Direction;
import io.opensbc.media.control.DtlsEstablished;
import io.opensbc.media.control.DtlsParameters;
import io.opensbc.media.dtls.DtlsIdentity;
import io.opensbc.media.ice.IceLiteResponder;
import java.security.SecureRandom;
import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaControl;
import io.opensbc.media.control.MediaException;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.control.PacketTransform;
import io.opensbc.media.control.PeerLatched;
import io.opensbc.media.control.RemoteEndpoint;
import io.opensbc.media.control.RtcpMode;
import io.opensbc.media.control.SessionStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The relay behind the {@link MediaControl} port: N {@link RelayVerticle} shards sharing one
 * {@link PortPool}, a session routed to the shard its call reference hashes to, every operation
 * run on that shard's event loop and completed on the caller's context.
 */
public final class RelayControl implements MediaControl {
  private final Vertx vertx;
  private final RelayConfig config;
  private final PortPool pool;
  private final List<RelayVerticle> shards;
  private final List<String> deployments;
  private final DtlsService dtls;
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean closed;
  private Future<Void> closing;

  private RelayControl(Vertx vertx, RelayConfig config, PortPool pool, List<RelayVerticle> shards,
      List<String> deployments, DtlsService dtls) {
    this.dtls = dtls;
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.shards = shards;
    this.deployments = deployments;
  }

  /** Deploys the shards with pooled direct buffers and the system clock. */
  public static Future<RelayControl> deploy(Vertx vertx, RelayConfig config) {
    return deploy(vertx, config, PooledByteBufAllocator.DEFAULT, System::nanoTime);
  }

  /** Deploys the shards with the given receive-buffer allocator and monotonic nanosecond clock. */
  public static Future<RelayControl> deploy(Vertx vertx, RelayConfig config, ByteBufAllocator allocator,
      LongSupplier clock) {
    return deploy(vertx, config, allocator, clock, DtlsSettings.DEFAULT);
  }

  /**
   * Deploys the shards, and generates the node's DTLS certificate on a worker thread (an ECDSA key
   * pair and a signature: milliseconds, but not on an event loop).
   */
  public static Future<RelayControl> deploy(Vertx vertx, RelayConfig config, ByteBufAllocator allocator,
      LongSupplier clock, DtlsSettings dtlsSettings) {
    return vertx.executeBlocking(() -> DtlsIdentity.generate(new SecureRandom()), false)
        .compose(identity -> deployShards(vertx, config, allocator, clock,
            new DtlsService(vertx, identity, dtlsSettings, "opensbc-dtls")));
  }

  private static Future<RelayControl> deployShards(Vertx vertx, RelayConfig config, ByteBufAllocator allocator,
      LongSupplier clock, DtlsService dtls) {
    PortPool pool = new PortPool(config.portMin(), config.portMax());
    List<RelayVerticle> shards = new ArrayList<>();
    List<Future<String>> deployed = new ArrayList<>();
    for (int i = 0; i < config.shards(); i++) {
      RelayVerticle shard = new RelayVerticle(i, config, pool, allocator, clock);
      shards.add(shard);
      deployed.add(vertx.deployVerticle(shard));
    }
    return Future.all(deployed).map(all -> {
      List<String> ids = new ArrayList<>();
      for (Future<String> f : deployed) {
        ids.add(f.result());
      }
      return new RelayControl(vertx, config, pool, List.copyOf(shards), ids, dtls);
    });
  }

  /**
   * Undeploys the shards: every session's sockets close and its ports return to the pool. Calling
   * it again returns the same future.
   */
  public synchronized Future<Void> close() {
    if (closing == null) {
      closed = true;
      List<Future<Void>> undeployed = new ArrayList<>();
      for (String id : deployments) {
        undeployed.add(vertx.undeploy(id));
      }
      closing = Future.all(undeployed).compose(x -> dtls.worker.close());
    }
    return closing;
  }

  /** The node's port pool (for monitoring). */
  public PortPool ports() {
    return pool;
  }

  /** Sessions open on this node. */
  public int sessions() {
    return sessions.get();
  }

  @Override
  public Future<MediaSessionHandle> allocate(String callRef, RtcpMode a, RtcpMode b) {
    if (closed) {
      return Future.failedFuture(new MediaException(callRef, MediaException.Reason.STOPPED, null));
    }
    if (sessions.incrementAndGet() > config.maxSessions()) {
      sessions.decrementAndGet();
      return Future.failedFuture(new MediaException(callRef, MediaException.Reason.SESSION_LIMIT,
          config.maxSessions() + " sessions open"));
    }
    long id = ids.incrementAndGet();
    Future<MediaSessionHandle> opened = onShard(callRef, shard -> {
      MediaSession s = shard.open(id, callRef, a, b);
      String host = config.advertised();
      s.handle = new MediaSessionHandle(callRef, id, s.a.local(host), s.b.local(host));
      return s.handle;
    });
    return opened.onFailure(e -> sessions.decrementAndGet());
  }

  @Override
  public Future<Void> updateRemote(MediaSessionHandle session, Leg leg, RemoteEndpoint remote) {
    return onShard(session.callRef(), shard -> {
      MediaSession s = shard.session(session.id(), session.callRef());
      s.leg(leg).updateRemote(remote, shard.remoteAddress(remote.host(), session.callRef()));
      return null;
    });
  }

  @Override
  public Future<Void> setTransform(MediaSessionHandle session, Leg leg, Direction direction,
      PacketTransform transform) {
    return onShard(session.callRef(), shard -> {
      shard.session(session.id(), session.callRef()).leg(leg).setTransform(direction, transform);
      return null;
    });
  }

  @Override
  public Future<Void> iceLite(MediaSessionHandle session, Leg leg, String ufrag, String pwd) {
    IceLiteResponder responder;
    try {
      responder = new IceLiteResponder(ufrag, pwd);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(e);
    }
    return onShard(session.callRef(), shard -> {
      shard.session(session.id(), session.callRef()).leg(leg).ice = responder;
      return null;
    });
  }

  @Override
  public String dtlsFingerprint() {
    return dtls.identity.fingerprintAttribute();
  }

  @Override
  public Future<DtlsEstablished> dtls(MediaSessionHandle session, Leg leg, DtlsParameters parameters) {
    return onShard(session.callRef(), shard -> {
      RelayLeg l = shard.session(session.id(), session.callRef()).leg(leg);
      LegDtls current = l.dtls;
      if (current != null && current.parameters.sameAs(parameters)
          && current.state() != LegDtls.State.FAILED && current.state() != LegDtls.State.CLOSED) {
        return current.outcome();
      }
      if (current != null) {
        current.close();
      }
      l.dtls = new LegDtls(l, parameters, dtls);
      return l.dtls.start();
    }).compose(f -> f);
  }

  @Override
  public Future<Void> stopDtls(MediaSessionHandle session, Leg leg) {
    return onShard(session.callRef(), shard -> {
      RelayLeg l = shard.session(session.id(), session.callRef()).leg(leg);
      if (l.dtls != null) {
        l.dtls.close();
        l.dtls = null;
        l.setTransform(Direction.INBOUND, PacketTransform.IDENTITY);
        l.setTransform(Direction.OUTBOUND, PacketTransform.IDENTITY);
      }
      return null;
    });
  }

  /** DTLS handshakes running (or lingering) on the node's workers now. */
  public int dtlsHandshakes() {
    return dtls.running();
  }

  @Override
  public Future<SessionStats> stats(MediaSessionHandle session) {
    return onShard(session.callRef(), shard -> shard.session(session.id(), session.callRef()).stats());
  }

  @Override
  public Future<Void> onPeerLatched(MediaSessionHandle session, Handler<PeerLatched> handler) {
    Context caller = Vertx.currentContext();
    return onShard(session.callRef(), shard -> {
      shard.session(session.id(), session.callRef()).onLatched(handler, caller);
      return null;
    });
  }

  @Override
  public Future<Void> onMediaTimeout(MediaSessionHandle session, Duration timeout,
      Handler<MediaSessionHandle> callback) {
    Context caller = Vertx.currentContext();
    return onShard(session.callRef(), shard -> {
      shard.session(session.id(), session.callRef()).armTimeout(timeout.toNanos(), callback, caller);
      return null;
    });
  }

  @Override
  public Future<Void> release(MediaSessionHandle session) {
    return onShard(session.callRef(), shard -> {
      if (shard.close(session.id())) {
        sessions.decrementAndGet();
      }
      return null;
    });
  }

  private <T> Future<T> onShard(String callRef, Function<RelayVerticle, T> operation) {
    ContextInternal caller = ContextInternal.current();
    Promise<T> promise = caller != null ? caller.promise() : Promise.promise();
    RelayVerticle shard = shards.get(shardOf(callRef, shards.size()));
    shard.execute(() -> {
      try {
        promise.complete(operation.apply(shard));
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  /** The shard of a call: its reference's hash, spread so that similar references scatter. */
  static int shardOf(String callRef, int shards) {
    int h = callRef.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), shards);
  }
}
