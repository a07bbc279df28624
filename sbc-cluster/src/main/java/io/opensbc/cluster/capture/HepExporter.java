package io.opensbc.cluster.capture;

import io.opensbc.config.model.operations.HepConfig;
import io.opensbc.sip.transport.WireMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends every captured SIP message to a HEP collector: one UDP datagram per message, or a stream
 * of HEP packets over one TCP connection (reconnected at most once a second while the collector
 * is away; messages captured while there is no connection, or beyond {@value #MAX_PENDING_BYTES}
 * bytes of unsent data, are dropped and counted: capture never holds up signalling).
 */
public final class HepExporter {
  static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;

  private final HepConfig config;
  private final HepEncoder encoder;
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final Vertx vertx;
  private DatagramSocket udp;
  private NetClient tcpClient;
  private final AtomicReference<NetSocket> tcp = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicLong pending = new java.util.concurrent.atomic.AtomicLong();
  private volatile long nextConnectAt;
  private volatile boolean connecting;
  private volatile boolean closed;

  public HepExporter(Vertx vertx, HepConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.encoder = new HepEncoder(config.agentId(), config.password());
  }

  public Future<Void> start() {
    if (config.tcp()) {
      tcpClient = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(2000));
      connect();
    } else {
      udp = vertx.createDatagramSocket();
    }
    return Future.succeededFuture();
  }

  /** Encodes and sends one message (any thread). */
  public void export(WireMessage m) {
    Buffer packet = encoder.encode(m);
    if (packet == null || closed) {
      dropped.increment();
      return;
    }
    if (udp != null) {
      udp.send(packet, config.port(), config.host()).onComplete(ar -> count(ar.succeeded()));
      return;
    }
    NetSocket s = tcp.get();
    int size = packet.length();
    if (s == null || pending.get() + size > MAX_PENDING_BYTES) {
      dropped.increment();
      if (s == null) {
        connect();
      }
      return;
    }
    // our own count of bytes not yet written: Vert.x's writeQueueFull() counts queued writes from
    // other threads (the listeners') against a small message limit
    pending.addAndGet(size);
    s.write(packet).onComplete(ar -> {
      pending.addAndGet(-size);
      count(ar.succeeded());
    });
  }

  private void count(boolean ok) {
    (ok ? sent : dropped).increment();
  }

  private void connect() {
    long now = System.nanoTime();
    if (closed || connecting || now - nextConnectAt < 0) {
      return;
    }
    connecting = true;
    nextConnectAt = now + 1_000_000_000L;
    tcpClient.connect(config.port(), config.host()).onComplete(ar -> {
      connecting = false;
      if (ar.succeeded()) {
        NetSocket s = ar.result();
        s.handler(b -> { }); // a collector sends nothing back
        s.closeHandler(v -> tcp.compareAndSet(s, null));
        tcp.set(s);
      }
    });
  }

  /** Whether the TCP connection to the collector is up (always true over UDP). */
  public boolean connected() {
    return udp != null || tcp.get() != null;
  }

  public long sentCount() {
    return sent.sum();
  }

  public long droppedCount() {
    return dropped.sum();
  }

  public Future<Void> close() {
    closed = true;
    Future<Void> a = udp == null ? Future.succeededFuture() : udp.close();
    NetSocket s = tcp.getAndSet(null);
    Future<Void> b = s == null ? Future.succeededFuture() : s.close();
    Future<Void> c = tcpClient == null ? Future.succeededFuture() : tcpClient.close();
    return Future.join(a, b, c).mapEmpty();
  }
}
