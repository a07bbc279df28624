package io.opensbc.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.opensbc.media.control.Direction;
import io.opensbc.media.control.DtlsEstablished;
import io.opensbc.media.control.DtlsParameters;
import io.opensbc.media.control.MediaException;
import io.opensbc.media.control.PacketTransform;
import io.opensbc.media.dtls.DtlsHandshake;
import io.opensbc.media.dtls.DtlsSrtpKeys;
import io.opensbc.media.dtls.QueuedDatagramTransport;
import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * DTLS-SRTP on one leg (ADR 0010). The leg's media is dropped both ways from {@link #start} until
 * the handshake has produced keys; then the leg's transforms become SRTP with them (our write key
 * outbound, the peer's inbound).
 *
 * <p>Threads: the handshake runs on a worker of {@link DtlsService}, reading records from a bounded
 * queue that {@link #receive} fills on the shard's event loop; the handshake's own datagrams are
 * written from the event loop to the source of the last DTLS record (or the leg's peer before
 * one arrived). Every field except the transport's queue is touched on the event loop only.
 */
final class LegDtls {
  private static final Logger LOG = Logger.getLogger(LegDtls.class.getName());

  /** Where the association is. */
  enum State {
    HANDSHAKING,
    ESTABLISHED,
    FAILED,
    CLOSED
  }

  final DtlsParameters parameters;
  private final RelayLeg leg;
  private final DtlsService service;
  private final QueuedDatagramTransport transport;
  private final AtomicBoolean confirmed = new AtomicBoolean();
  private InetSocketAddress peer;
  private State state = State.HANDSHAKING;
  private Future<DtlsEstablished> outcome;

  LegDtls(RelayLeg leg, DtlsParameters parameters, DtlsService service) {
    this.leg = leg;
    this.parameters = parameters;
    this.service = service;
    this.transport = new QueuedDatagramTransport(service.settings.queueRecords(), this::send);
  }

  State state() {
    return state;
  }

  Future<DtlsEstablished> outcome() {
    return outcome;
  }

  /**
   * Blocks the leg's media and starts the handshake on a worker; the future completes on the
   * shard's event loop (the caller's context) once the keys are installed, or fails with {@link
   * MediaException.Reason#DTLS_FAILED}.
   */
  Future<DtlsEstablished> start() {
    String callRef = leg.session().callRef;
    leg.setTransform(Direction.INBOUND, PacketTransform.DROP_ALL);
    leg.setTransform(Direction.OUTBOUND, PacketTransform.DROP_ALL);
    if (!service.acquire()) {
      state = State.FAILED;
      outcome = Future.failedFuture(new MediaException(callRef, MediaException.Reason.DTLS_FAILED,
          service.settings.maxHandshakes() + " DTLS handshakes in progress"));
      return outcome;
    }
    long started = System.nanoTime();
    Future<DtlsHandshake.Result> handshake = service.worker.executeBlocking(() -> DtlsHandshake.run(
        service.identity, parameters, transport, service.settings.handshakeTimeout(), service.random), false);
    outcome = handshake.transform(done -> {
      if (done.failed() || state != State.HANDSHAKING) {
        service.release();
        transport.close();
        if (state == State.HANDSHAKING) {
          state = State.FAILED;
        }
        String why = done.failed() ? String.valueOf(done.cause().getMessage()) : "leg closed";
        LOG.log(Level.FINE, () -> "callRef=" + callRef + " leg=" + leg.leg() + " DTLS failed: " + why);
        return Future.failedFuture(new MediaException(callRef, MediaException.Reason.DTLS_FAILED, why));
      }
      DtlsHandshake.Result r = done.result();
      install(r.keys());
      state = State.ESTABLISHED;
      service.worker.executeBlocking(() -> {
        DtlsHandshake.linger(r.transport(), confirmed::get, service.settings.linger());
        return null;
      }, false).onComplete(x -> service.release());
      long millis = (System.nanoTime() - started) / 1_000_000;
      return Future.succeededFuture(new DtlsEstablished(parameters.role(), r.keys().profile().sdesName(), millis));
    });
    return outcome;
  }

  private void install(DtlsSrtpKeys keys) {
    SrtpTransform unprotect = SrtpTransform.unprotect(keys.remote());
    leg.setTransform(Direction.INBOUND, (packet, kind) -> {
      int n = unprotect.apply(packet, kind);
      if (n >= 0 && !confirmed.get()) {
        confirmed.set(true); // the peer has our last flight: it protects with the new keys
      }
      return n;
    });
    leg.setTransform(Direction.OUTBOUND, SrtpTransform.protect(keys.local()));
  }

  /** A DTLS record from {@code source} accepted on the leg (event loop); the buffer stays the caller's. */
  void receive(InetSocketAddress source, ByteBuf record) {
    if (state == State.CLOSED || state == State.FAILED) {
      leg.dropMalformed++;
      return;
    }
    byte[] d = new byte[record.readableBytes()];
    record.getBytes(record.readerIndex(), d);
    peer = source;
    if (!transport.offer(d)) {
      leg.dropCongested++;
    }
  }

  /** Sends one of the handshake's datagrams (any thread): written from the event loop. */
  private void send(byte[] datagram) {
    NioDatagramChannel ch = leg.rtp.channel();
    ch.eventLoop().execute(() -> {
      InetSocketAddress to = peer != null ? peer : leg.rtpLatch.peer();
      if (state == State.CLOSED || to == null || !ch.isActive() || !ch.isWritable()) {
        return;
      }
      ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to), ch.voidPromise());
    });
  }

  /** The leg closes or renegotiates: a running handshake fails, a worker waiting for records wakes. */
  void close() {
    state = State.CLOSED;
    transport.close();
  }
}
