package io.opensbc.sip.transport;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.SipLimits;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.tls.TrunkTls;
import io.opensbc.sip.message.codec.SizeLimits;
import io.opensbc.sip.transport.tls.ListenerTlsContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The node's listeners, deployed as verticles; the one {@link SipSender} of the node. */
public final class Transports implements SipSender {
  private final Map<String, UdpListenerVerticle> udp = new LinkedHashMap<>();
  private final Map<String, TcpListenerVerticle> tcp = new LinkedHashMap<>();
  private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** UDP listeners bound after start on failed nodes' addresses (docs/cluster.md), by address. */
  private final Map<String, UdpListenerVerticle> takenOver = new java.util.concurrent.ConcurrentHashMap<>();
  private final TransportStats stats = new TransportStats();
  private final WireTaps taps = new WireTaps();

  /** Deploys one verticle per listener; completes when all are bound. */
  public Future<Void> start(Vertx vertx, List<ListenerConfig> listeners, SipLimits limits, InboundSink sink) {
    return start(vertx, listeners, limits, sink, Map.of());
  }

  /**
   * Deploys one verticle per listener, TLS listeners with the trunks' TLS client settings
   * ({@code trunkTls} by trunk name); completes when all are bound, or fails with the first
   * certificate problem.
   */
  public Future<Void> start(Vertx vertx, List<ListenerConfig> listeners, SipLimits limits, InboundSink sink,
      Map<String, TrunkTls> trunkTls) {
    SizeLimits size = sizeLimits(limits);
    List<Future<String>> all = new ArrayList<>();
    for (ListenerConfig l : listeners) {
      if (l.transport() == Transport.UDP) {
        UdpListenerVerticle v = new UdpListenerVerticle(l.name(), l.host(), l.port(), size, sink, stats, taps);
        udp.put(l.name(), v);
        all.add(vertx.deployVerticle(v));
      } else {
        ListenerTlsContext tls = l.transport() == Transport.TLS && l.tls() != null
            ? new ListenerTlsContext(l.name(), l.tls(), trunkTls) : null;
        TcpListenerVerticle v = new TcpListenerVerticle(l.name(), l.transport(), tls, l.host(), l.port(), size,
            limits.maxConnections(), limits.tcpIdleTimeout().toSeconds(), sink, stats, taps);
        v.messageTimeout(limits.tcpMessageTimeout().toMillis());
        tcp.put(l.name(), v);
        all.add(vertx.deployVerticle(v));
      }
    }
    return Future.all(all).onSuccess(cf -> {
      for (Future<String> f : all) {
        deployments.add(f.result());
      }
    }).mapEmpty();
  }

  /**
   * Binds a UDP listener after start on the address of a cluster node that failed, so peers that
   * keep sending there reach this node (docs/cluster.md, "Service addresses"). What it receives
   * is handled as received on this node's listener of the same name ({@code l.name()}), and
   * answered from that one.
   */
  public Future<Void> takeOver(Vertx vertx, ListenerConfig l, SipLimits limits, InboundSink sink) {
    String address = l.host() + ":" + l.port();
    if (l.transport() != Transport.UDP || !udp.containsKey(l.name()) || takenOver.containsKey(address)) {
      return Future.failedFuture(new IllegalArgumentException("cannot take over " + address + " as " + l.name()));
    }
    UdpListenerVerticle v = new UdpListenerVerticle(l.name(), l.host(), l.port(), sizeLimits(limits), sink, stats,
        taps);
    takenOver.put(address, v);
    return vertx.deployVerticle(v).onSuccess(deployments::add).onFailure(e -> takenOver.remove(address)).mapEmpty();
  }

  private static SizeLimits sizeLimits(SipLimits limits) {
    return new SizeLimits(limits.maxMessageBytes(), limits.maxHeaders(),
        Math.min(limits.maxHeaderBytes(), limits.maxMessageBytes()), limits.maxMessageBytes(), limits.maxUriBytes(),
        limits.maxVias());
  }

  public Future<Void> stop(Vertx vertx) {
    List<Future<Void>> all = new ArrayList<>();
    for (String id : deployments) {
      all.add(vertx.undeploy(id));
    }
    deployments.clear();
    return Future.join(all).mapEmpty();
  }

  @Override
  public void send(Buffer bytes, Destination d, Runnable onError) {
    if (d.transport() == Transport.UDP) {
      UdpListenerVerticle v = udp.get(d.listener());
      if (v == null) {
        onError.run();
        return;
      }
      v.send(bytes, d.host(), d.port(), onError);
    } else {
      TcpListenerVerticle v = tcp.get(d.listener());
      if (v == null) {
        onError.run();
        return;
      }
      v.send(bytes, d, onError);
    }
  }

  @Override
  public ListenerAddress address(String listener) {
    UdpListenerVerticle u = udp.get(listener);
    if (u != null) {
      return u.address();
    }
    TcpListenerVerticle t = tcp.get(listener);
    return t == null ? null : t.address();
  }

  /** The first listener with the given transport, or null. */
  public String firstListener(Transport transport) {
    if (transport == Transport.UDP) {
      return udp.isEmpty() ? null : udp.keySet().iterator().next();
    }
    for (var e : tcp.entrySet()) {
      if (e.getValue().transport() == transport) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The TLS state of a listener (its certificate in use), or null when it is not TLS. */
  public ListenerTlsContext tls(String listener) {
    TcpListenerVerticle t = tcp.get(listener);
    return t == null ? null : t.tls();
  }

  /** Installs the SIP capture tap on every listener (null removes it); see {@link WireTap}. */
  public void tap(WireTap tap) {
    taps.set(tap);
  }

  public TransportStats stats() {
    return stats;
  }

  public int openTcpConnections() {
    int n = 0;
    for (TcpListenerVerticle t : tcp.values()) {
      n += t.openConnections();
    }
    return n;
  }
}
