package io.opensbc.sip.transport;

import io.opensbc.config.model.Transport;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SizeLimits;
import io.opensbc.sip.message.codec.StreamFramer;
import io.opensbc.sip.transport.tls.CertificateProblem;
import io.opensbc.sip.transport.tls.ListenerTlsContext;
import io.opensbc.sip.transport.tls.SubjectNames;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One TCP or TLS listener (RFC 3261 §18, §26.2): Content-Length stream framing per connection, a
 * 400 then a close when framing is lost, RFC 5626 CRLF keep-alive answered, a bounded number of
 * connections, an idle timeout, and connection reuse: responses go back on the connection the
 * request came on, and requests to a peer reuse any open connection with it (for TLS: per server
 * name and port, so the calls to one FQDN share one connection).
 *
 * <p>TLS: the listener's certificate is checked at start (a problem fails the start with the file
 * and what is wrong) and watched; a changed certificate is swapped in for new connections while
 * established ones go on ({@link ListenerTlsContext}). Outbound connections send SNI and check
 * that the peer's certificate covers the server name.
 */
public final class TcpListenerVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(TcpListenerVerticle.class.getName());
  private static final Buffer PONG = Buffer.buffer("\r\n");
  private final AtomicLong ids = new AtomicLong(1);

  private static final int MAX_REMEMBERED_NAMES = 4096;
  private final String name;
  private final Transport transport;
  private final ListenerTlsContext tls;
  /** The TLS peer name last used for an address, for reconnecting in-dialog requests. */
  private final Map<String, Destination.PeerName> names = new ConcurrentHashMap<>();
  private final String host;
  private final int port;
  private final SizeLimits limits;
  private final int maxConnections;
  private final long idleTimeoutSeconds;
  private final InboundSink sink;
  private final TransportStats stats;
  private final WireTaps taps;
  private final Map<Long, NetSocket> byId = new ConcurrentHashMap<>();
  private final Map<String, Future<NetSocket>> byPeer = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private volatile NetServer server;
  private volatile NetClient client;
  private volatile int boundPort;
  private volatile long messageTimeoutMillis = 10_000;

  /**
   * Slowloris guard: an inbound connection must send its first complete message, and every
   * message it starts, within this time, or it is closed; set before deployment.
   */
  public void messageTimeout(long millis) {
    this.messageTimeoutMillis = millis;
  }

  public TcpListenerVerticle(String name, String host, int port, SizeLimits limits, int maxConnections,
      long idleTimeoutSeconds, InboundSink sink, TransportStats stats) {
    this(name, Transport.TCP, null, host, port, limits, maxConnections, idleTimeoutSeconds, sink, stats,
        new WireTaps());
  }

  /** A TLS listener when {@code tls} is given (transport TLS), else TCP. */
  public TcpListenerVerticle(String name, Transport transport, ListenerTlsContext tls, String host, int port,
      SizeLimits limits, int maxConnections, long idleTimeoutSeconds, InboundSink sink, TransportStats stats) {
    this(name, transport, tls, host, port, limits, maxConnections, idleTimeoutSeconds, sink, stats, new WireTaps());
  }

  /** A TLS listener when {@code tls} is given (transport TLS), else TCP; {@code taps} see every message. */
  public TcpListenerVerticle(String name, Transport transport, ListenerTlsContext tls, String host, int port,
      SizeLimits limits, int maxConnections, long idleTimeoutSeconds, InboundSink sink, TransportStats stats,
      WireTaps taps) {
    this.taps = taps;
    this.name = name;
    this.transport = tls == null ? Transport.TCP : transport;
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.limits = limits;
    this.maxConnections = maxConnections;
    this.idleTimeoutSeconds = idleTimeoutSeconds;
    this.sink = sink;
    this.stats = stats;
  }

  @Override
  public Future<?> start() {
    if (tls == null) {
      return listen();
    }
    return tls.load(vertx).compose(v -> listen()).onSuccess(v ->
        tls.watch(vertx, options -> {
          NetServer s = server;
          if (s != null) {
            s.updateSSLOptions(options, true);
          }
        }));
  }

  @Override
  public Future<?> stop() {
    if (tls != null) {
      tls.stop(vertx);
    }
    return Future.succeededFuture();
  }

  private Future<?> listen() {
    NetServerOptions opts = new NetServerOptions()
        .setHost(host).setPort(port)
        .setTcpNoDelay(true)
        .setIdleTimeout((int) idleTimeoutSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS);
    if (tls != null) {
      try {
        io.vertx.core.net.ServerSSLOptions so = tls.serverOptions();
        opts.setSsl(true);
        opts.setKeyCertOptions(so.getKeyCertOptions()).setTrustOptions(so.getTrustOptions())
            .setClientAuth(so.getClientAuth()).setEnabledSecureTransportProtocols(so.getEnabledSecureTransportProtocols())
            .setSslHandshakeTimeout(so.getSslHandshakeTimeout()).setSslHandshakeTimeoutUnit(so.getSslHandshakeTimeoutUnit());
        so.getEnabledCipherSuites().forEach(opts::addEnabledCipherSuite);
      } catch (CertificateProblem e) {
        return Future.failedFuture(e);
      }
    }
    client = vertx.createNetClient(new NetClientOptions()
        .setTcpNoDelay(true)
        .setConnectTimeout(3000)
        .setIdleTimeout((int) idleTimeoutSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS));
    NetServer s = vertx.createNetServer(opts);
    s.connectHandler(this::accept);
    return s.listen().onSuccess(bound -> {
      server = bound;
      boundPort = bound.actualPort();
    });
  }

  private void accept(NetSocket socket) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      stats.connectionRefused();
      LOG.fine(() -> "tcp " + name + ": connection limit " + maxConnections + " reached, closing");
      socket.close();
      return;
    }
    attach(socket, false, null);
  }

  /** {@code nameKey}: the server-name key an outbound TLS connection is also known by, or null. */
  private long attach(NetSocket socket, boolean outbound, String nameKey) {
    long id = ids.getAndIncrement();
    String peerHost = socket.remoteAddress().host();
    int peerPort = socket.remoteAddress().port();
    String peerKey = peerKey(peerHost, peerPort);
    byId.put(id, socket);
    if (!outbound) {
      byPeer.putIfAbsent(peerKey, Future.succeededFuture(socket));
    }
    StreamFramer framer = new StreamFramer(limits);
    Source source = new Source(name, transport, peerHost, peerPort, id);
    SlowSender slow = outbound ? null : new SlowSender(socket, peerHost + ":" + peerPort);
    socket.handler(chunk -> {
      try {
        framer.feed(chunk, d -> {
          if (slow != null && d instanceof Decoded.Message) {
            slow.completed();
          }
          onDecoded(d, socket, source);
        });
        if (slow != null) {
          slow.after(framer.partial());
        }
      } catch (RuntimeException e) {
        stats.malformed();
        LOG.log(Level.WARNING, "tcp " + name + ": closing a connection after an internal error", e);
        socket.close();
      }
    });
    socket.closeHandler(v -> {
      if (slow != null) {
        slow.cancel();
      }
      byId.remove(id);
      byPeer.computeIfPresent(peerKey, (k, f) -> f.succeeded() && f.result() == socket ? null : f);
      if (nameKey != null) {
        byPeer.computeIfPresent(nameKey, (k, f) -> f.succeeded() && f.result() == socket ? null : f);
      }
      if (!outbound) {
        open.decrementAndGet();
      }
    });
    socket.exceptionHandler(e -> LOG.log(Level.FINE, "tcp " + name + ": " + e.getMessage()));
    return id;
  }

  private void onDecoded(Decoded d, NetSocket socket, Source source) {
    if (d instanceof Decoded.Message m) {
      stats.received();
      if (m.message() instanceof io.opensbc.sip.message.SipResponse r) {
        stats.responseReceived(r.status());
      }
      WireTap tap = taps.current();
      if (tap != null) {
        WireTaps.emit(tap, false, Transport.TCP, host, boundPort, source.host(), source.port(),
            io.opensbc.sip.message.codec.SipWriter.encode(m.message()).getBytes());
      }
      sink.onMessage(m.message(), source);
    } else if (d instanceof Decoded.KeepAlive k) {
      if (k.doubleCrlf()) {
        socket.write(PONG);
      }
    } else if (d instanceof Decoded.Malformed bad) {
      stats.malformed();
      LOG.fine(() -> "tcp " + name + " malformed from " + source.host() + ":" + source.port() + ": " + bad.reason());
      Buffer reply = MalformedReply.build(bad);
      if (reply != null) {
        socket.write(reply);
      }
      if (bad.fatal()) {
        socket.end();
      }
    }
  }

  /**
   * The deadline of one inbound connection (on its event loop): armed at accept for the first
   * message and whenever a message starts; a message that completes disarms it; when it fires the
   * connection is closed. A generation number makes a timer of an earlier message harmless.
   */
  private final class SlowSender {
    private final NetSocket socket;
    private final String peer;
    private long generation;
    private long timer = -1;
    private boolean seenMessage;

    SlowSender(NetSocket socket, String peer) {
      this.socket = socket;
      this.peer = peer;
      arm();
    }

    void completed() {
      seenMessage = true;
      disarm();
    }

    void after(boolean partial) {
      if (partial && timer < 0) {
        arm();
      }
    }

    private void arm() {
      long g = ++generation;
      timer = vertx.setTimer(messageTimeoutMillis, t -> {
        if (g == generation && timer >= 0) {
          stats.slowClosed();
          LOG.fine(() -> "tcp " + name + ": closing " + peer + ", no complete message in " + messageTimeoutMillis
              + " ms" + (seenMessage ? "" : " (none since connect)"));
          socket.close();
        }
      });
    }

    private void disarm() {
      generation++;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    void cancel() {
      disarm();
    }
  }

  /** Sends on the given connection if open, else on any connection with the peer, else connects. */
  public void send(Buffer bytes, Destination d, Runnable onError) {
    stats.maybeResponseSent(bytes);
    WireTap tap = taps.current();
    if (tap != null) {
      WireTaps.emit(tap, true, Transport.TCP, host, boundPort, d.host(), d.port(), bytes.getBytes());
    }
    NetSocket known = d.connectionId() != 0 ? byId.get(d.connectionId()) : null;
    if (known != null) {
      stats.sent();
      known.write(bytes).onFailure(e -> onError.run());
      return;
    }
    Destination.PeerName peer = tls == null ? null : peerOf(d);
    // a named TLS peer has its own connection (checked for that name with that trunk's trust);
    // anything else goes by address (an inbound connection, a plain TCP peer)
    String key = peer != null && peer.serverName() != null
        ? (peer.trunk() == null ? "" : peer.trunk() + "|") + peerKey(peer.serverName(), d.port())
        : peerKey(d.host(), d.port());
    Future<NetSocket> conn = byPeer.get(key);
    if (conn == null) {
      conn = byPeer.computeIfAbsent(key, k -> connect(d.host(), d.port(), peer, k));
    }
    conn.onComplete(ar -> {
      if (ar.succeeded()) {
        stats.sent();
        ar.result().write(bytes).onFailure(e -> onError.run());
      } else {
        onError.run();
      }
    });
  }

  /** The TLS name for a destination: its own, else the one last used for its address. */
  private Destination.PeerName peerOf(Destination d) {
    String addr = peerKey(d.host(), d.port());
    if (d.peer() != null) {
      if (names.size() < MAX_REMEMBERED_NAMES || names.containsKey(addr)) {
        names.put(addr, d.peer());
      }
      return d.peer();
    }
    return names.get(addr);
  }

  private Future<NetSocket> connect(String toHost, int toPort, Destination.PeerName peer, String key) {
    NetClient c = client;
    if (c == null) {
      return Future.failedFuture("listener " + name + " is not started");
    }
    Future<NetSocket> f;
    if (tls == null) {
      f = c.connect(toPort, toHost);
    } else {
      ConnectOptions co = new ConnectOptions().setHost(toHost).setPort(toPort).setSsl(true);
      try {
        co.setSslOptions(tls.clientOptions(peer == null ? null : peer.trunk()));
      } catch (CertificateProblem e) {
        LOG.severe("tls " + name + ": cannot connect to " + toHost + ":" + toPort + ": " + e.getMessage());
        byPeer.remove(key);
        return Future.failedFuture(e);
      }
      if (peer != null && peer.serverName() != null) {
        co.setSniServerName(peer.serverName());
      }
      f = c.connect(co).compose(s -> checkName(s, peer, toHost, toPort));
    }
    return f.onSuccess(s -> {
      String addr = peerKey(toHost, toPort);
      attach(s, true, addr.equals(key) ? null : key);
      if (!addr.equals(key)) {
        byPeer.putIfAbsent(addr, Future.succeededFuture(s)); // in-dialog requests know only the address
      }
    }).onFailure(e -> {
      byPeer.remove(key);
      LOG.warning(transport.yamlName() + " " + name + ": connection to " + toHost + ":" + toPort
          + (peer != null && peer.serverName() != null ? " (" + peer.serverName() + ")" : "") + " failed: "
          + causes(e));
    });
  }

  /**
   * RFC 5922 §7.2: the peer's certificate must cover the name we connected to (when the trunk
   * verifies and a name is known); else the connection is closed.
   */
  private Future<NetSocket> checkName(NetSocket s, Destination.PeerName peer, String toHost, int toPort) {
    if (peer == null || peer.serverName() == null || !tls.trunk(peer.trunk()).verify()) {
      return Future.succeededFuture(s);
    }
    try {
      List<Certificate> certs = s.peerCertificates();
      if (!certs.isEmpty() && certs.get(0) instanceof X509Certificate leaf
          && SubjectNames.covers(leaf, peer.serverName())) {
        return Future.succeededFuture(s);
      }
      String sans = certs.isEmpty() || !(certs.get(0) instanceof X509Certificate leaf)
          ? "none" : String.join(", ", SubjectNames.dnsNames(leaf));
      s.close();
      return Future.failedFuture(new CertificateProblem(toHost + ":" + toPort,
          "the peer's certificate does not cover " + peer.serverName() + " (its SAN DNS names: " + sans + ")"));
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      s.close();
      return Future.failedFuture(e);
    }
  }

  /** The messages of an exception and its causes ("Failed to create SSL connection: PKIX path ..."). */
  private static String causes(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    int depth = 0;
    for (Throwable c = e.getCause(); c != null && depth < 4; c = c.getCause(), depth++) {
      if (c.getMessage() != null && sb.indexOf(c.getMessage()) < 0) {
        sb.append(": ").append(c.getMessage());
      }
    }
    return sb.toString();
  }

  private static String peerKey(String h, int p) {
    return h + ":" + p;
  }

  public ListenerAddress address() {
    return new ListenerAddress(name, transport, host, boundPort);
  }

  public Transport transport() {
    return transport;
  }

  /** The listener's TLS state (certificate in use), or null for TCP. */
  public ListenerTlsContext tls() {
    return tls;
  }

  public int openConnections() {
    return byId.size();
  }
}
