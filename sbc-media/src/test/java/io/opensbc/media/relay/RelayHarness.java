package io.opensbc.media.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaException;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.control.RemoteEndpoint;
import io.opensbc.media.control.SessionStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real relay on 127.0.0.1 under real Vert.x for each test, with leak checks after it: every
 * receive buffer comes from an unpooled allocator whose live direct memory must be back to zero
 * once the sessions are released, and Netty's leak detector runs PARANOID (every buffer tracked)
 * with its reports collected and asserted empty after the class.
 */
abstract class RelayHarness {
  private static final Logger LEAK_LOG = Logger.getLogger(ResourceLeakDetector.class.getName());
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
  private static final Handler LEAK_HANDLER = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getMessage() != null && record.getMessage().contains("LEAK")) {
        LEAKS.add(record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  protected Vertx vertx;
  protected UnpooledByteBufAllocator allocator;
  protected RelayControl control;
  private final List<UdpPeer> peers = new ArrayList<>();
  private final List<RelayControl> controls = new ArrayList<>();

  @BeforeAll
  static void paranoidLeakDetection() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    LEAK_LOG.addHandler(LEAK_HANDLER);
  }

  @AfterAll
  static void noLeakReported() {
    // the detector reports a leaked buffer when it is collected and another buffer is tracked
    for (int i = 0; i < 3; i++) {
      System.gc();
      for (int j = 0; j < 64; j++) {
        ByteBuf b = UnpooledByteBufAllocator.DEFAULT.directBuffer(64);
        b.release();
      }
    }
    LEAK_LOG.removeHandler(LEAK_HANDLER);
    assertEquals(List.of(), LEAKS, "Netty reported leaked buffers");
  }

  @BeforeEach
  void startRelay() throws Exception {
    vertx = Vertx.vertx();
    allocator = new UnpooledByteBufAllocator(true, false, false);
    control = deploy(config());
  }

  @AfterEach
  void stopRelay() throws Exception {
    peers.forEach(UdpPeer::close);
    for (RelayControl c : controls) {
      sync(c.close());
      await().atMost(Duration.ofSeconds(5)).until(() -> c.ports().available() == c.ports().capacity());
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> allocator.metric().usedDirectMemory() == 0);
    sync(vertx.close());
  }

  /** The relay every test gets: 200 ports somewhere in 21000-31199, 300 ms / 3 packets latching. */
  protected RelayConfig config() {
    int base = 21000 + 2 * ThreadLocalRandom.current().nextInt(5000);
    return RelayConfig.defaults()
        .withPorts(base, base + 199)
        .withLatching(Duration.ofMillis(300), 3)
        .withSweepInterval(Duration.ofMillis(50));
  }

  /** Another relay on the same Vert.x and allocator, stopped and leak-checked after the test. */
  protected RelayControl deploy(RelayConfig config) throws Exception {
    RelayControl c = sync(RelayControl.deploy(vertx, config, allocator, System::nanoTime));
    controls.add(c);
    return c;
  }

  /** Another relay with its own DTLS settings, stopped and leak-checked after the test. */
  protected RelayControl deploy(RelayConfig config, DtlsSettings dtls) throws Exception {
    RelayControl c = sync(RelayControl.deploy(vertx, config, allocator, System::nanoTime, dtls));
    controls.add(c);
    return c;
  }

  protected UdpPeer peer() {
    UdpPeer p = new UdpPeer();
    peers.add(p);
    return p;
  }

  /** A session whose legs' SDP point at {@code alice} and {@code bob} (RTCP on port + 1). */
  protected MediaSessionHandle call(String callRef, UdpPeer alice, UdpPeer bob) throws Exception {
    MediaSessionHandle h = sync(control.allocate(callRef));
    sync(control.updateRemote(h, Leg.A, RemoteEndpoint.of("127.0.0.1", alice.port(), alice.port() + 1)));
    sync(control.updateRemote(h, Leg.B, RemoteEndpoint.of("127.0.0.1", bob.port(), bob.port() + 1)));
    return h;
  }

  protected SessionStats.LegStats stats(MediaSessionHandle h, Leg leg) throws Exception {
    return sync(control.stats(h)).leg(leg);
  }

  static <T> T sync(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  static MediaException failure(Future<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> sync(f));
    return assertInstanceOf(MediaException.class, e.getCause());
  }
}
