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
 * probe sees how long datagrams keep waiting (the measure that lets admission refuse new calls
 * when the timer lag reads nothing) and reads 0 again once the backlog is gone; a burst that
 * drains is not overload. The listener's sink spends 1 ms per message (a slow node).
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
  void aSocketThatStaysBehindIsMeasuredAndForgottenOnceDrained() throws Exception {
    Thread.sleep(300);
    assertTrue(stats.receiveDelayMillis() < 50, "idle delay " + stats.receiveDelayMillis());
    AtomicLong worst = new AtomicLong();
    int sent = 0;
    try (DatagramSocket s = socket()) {
      // 2 000 requests a second for 1.2 s into a listener that handles 1 000: the backlog grows
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1200);
      while (System.nanoTime() < end) {
        for (int k = 0; k < 20; k++) {
          send(s, sent++);
        }
        worst.accumulateAndGet(stats.receiveDelayMillis(), Math::max);
        Thread.sleep(10);
      }
      int total = sent;
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5)).until(() -> {
        worst.accumulateAndGet(stats.receiveDelayMillis(), Math::max);
        return handled.get() == total;
      });
    }
    assertTrue(worst.get() >= 100, "a socket behind by up to a second should be seen, saw at most " + worst.get());
    await().atMost(Duration.ofSeconds(3)).until(() -> stats.receiveDelayMillis() < 50);
    assertEquals(sent, stats.receivedCount(), "probes are not read as SIP");
    assertEquals(0, stats.malformedCount(), "probes are not read as SIP");
  }

  @Test
  void aBurstThatDrainsIsNotOverload() throws Exception {
    Thread.sleep(300);
    AtomicLong worst = new AtomicLong();
    try (DatagramSocket s = socket()) {
      for (int i = 0; i < 300; i++) {
        send(s, i); // 300 at once: 300 ms of work, then nothing
      }
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      while (System.nanoTime() < until) {
        worst.accumulateAndGet(stats.receiveDelayMillis(), Math::max);
        Thread.sleep(2);
      }
    }
    assertEquals(300, handled.get());
    assertTrue(worst.get() < 100, "a burst that drains is not overload, read " + worst.get() + " ms");
  }

  private DatagramSocket socket() throws Exception {
    DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    s.setSendBufferSize(1 << 20);
    return s;
  }

  private void send(DatagramSocket s, int i) throws Exception {
    byte[] b = options(i, s.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
    s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), listener.address().port()));
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
