package io.opensbc.sip.transport;

import io.opensbc.config.model.Transport;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.DatagramFramer;
import io.opensbc.sip.message.codec.SizeLimits;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One UDP listener: datagram framing, a stateless 400 for malformed requests (garbage is
 * dropped), CRLF keep-alives ignored, everything else handed to the sink.
 */
public final class UdpListenerVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(UdpListenerVerticle.class.getName());

  private final String name;
  private final String host;
  private final int port;
  private final SizeLimits limits;
  private final InboundSink sink;
  private final TransportStats stats;
  private volatile DatagramSocket socket;
  private volatile int boundPort;

  public UdpListenerVerticle(String name, String host, int port, SizeLimits limits, InboundSink sink, TransportStats stats) {
    this.name = name;
    this.host = host;
    this.port = port;
    this.limits = limits;
    this.sink = sink;
    this.stats = stats;
  }

  @Override
  public Future<?> start() {
    DatagramSocketOptions opts = new DatagramSocketOptions()
        .setReceiveBufferSize(4 * 1024 * 1024)
        .setSendBufferSize(4 * 1024 * 1024)
        .setIpV6(host.indexOf(':') >= 0);
    DatagramSocket s = vertx.createDatagramSocket(opts);
    s.handler(this::onPacket);
    s.exceptionHandler(e -> LOG.log(Level.FINE, "udp " + name + ": " + e.getMessage()));
    return s.listen(port, host).onSuccess(bound -> {
      socket = bound;
      boundPort = bound.localAddress().port();
    });
  }

  private void onPacket(DatagramPacket packet) {
    Buffer data = packet.data();
    String peerHost = packet.sender().host();
    int peerPort = packet.sender().port();
    try {
      Decoded d = DatagramFramer.decode(data, limits);
      if (d instanceof Decoded.Message m) {
        stats.received();
        sink.onMessage(m.message(), new Source(name, Transport.UDP, peerHost, peerPort, 0));
      } else if (d instanceof Decoded.Malformed bad) {
        stats.malformed();
        LOG.fine(() -> "udp " + name + " malformed from " + peerHost + ":" + peerPort + ": " + bad.reason());
        Buffer reply = MalformedReply.build(bad);
        if (reply != null) {
          socket.send(reply, peerPort, peerHost);
        }
      }
      // keep-alives over UDP need no answer
    } catch (RuntimeException e) {
      // a defect below must never stop the listener; it is counted and logged once per packet
      stats.malformed();
      LOG.log(Level.WARNING, "udp " + name + ": dropped a packet after an internal error", e);
    }
  }

  /** Sends from this listener's socket; callable from any thread. */
  public void send(Buffer bytes, String toHost, int toPort, Runnable onError) {
    DatagramSocket s = socket;
    if (s == null) {
      onError.run();
      return;
    }
    stats.sent();
    s.send(bytes, toPort, toHost).onFailure(e -> onError.run());
  }

  public ListenerAddress address() {
    return new ListenerAddress(name, Transport.UDP, host, boundPort);
  }
}
