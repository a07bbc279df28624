package io.opensbc.sip.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.message.codec.SizeLimits;
import io.vertx.core.Vertx;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A UDP listener that falls behind its socket while its event loop stays on time: the receive
 * probe sees how long datagrams wait (the measure that lets admission refuse new calls when the
 * timer lag reads nothing), and it reads 0 again once the backlog is gone. The listener's sink
 * spends 1 ms per message (a slow node), and 300 OPTIONS arrive at once: a 300 ms backlog.
 */
class ReceiveProbeTest {
  private Vertx vertx;
  private UdpListenerVerticle listener;
  private final TransportStats stats = new TransportStats();
  private final AtomicInteger handled = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    InboundSink slow = (message, source) -> {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
      while (System.nanoTime() < until) {
        Thread.onSpinWait(); // a node too slow for its load (test only: never in product code)
      }
      handled.incrementAndGet();
    };
    listener = new UdpListenerVerticle("udp", "127.0.0.1", 0, SizeLimits.DEFAULTS, slow, stats);
    vertx.deployVerticle(listener).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aBacklogInTheSocketIsMeasuredAndForgottenOnceDrained() throws Exception {
    // idle: probes come back at once
    Thread.sleep(300);
    assertTrue(stats.receiveDelayMillis() < 50, "idle delay " + stats.receiveDelayMillis());
    int port = listener.address().port();
    AtomicLong worst = new AtomicLong();
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      s.setSendBufferSize(1 << 20);
      for (int i = 0; i < 300; i++) {
        byte[] b = options(i, s.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
        s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
      }
      // a probe sent while the backlog drains is read after the datagrams ahead of it
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
          .until(() -> worst.accumulateAndGet(stats.receiveDelayMillis(), Math::max) >= 100);
    }
    await().atMost(Duration.ofSeconds(3)).until(() -> stats.receiveDelayMillis() < 50);
    assertEquals(300, handled.get());
    assertEquals(300, stats.receivedCount(), "probes are not read as SIP");
    assertEquals(0, stats.malformedCount(), "probes are not read as SIP");
  }

  private static String options(int i, int fromPort) {
    return "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=z9hG4bK-probe-" + i + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:t@127.0.0.1>;tag=" + i + "\r\n"
        + "To: <sip:127.0.0.1>\r\n"
        + "Call-ID: probe-" + i + "\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";
  }
}
