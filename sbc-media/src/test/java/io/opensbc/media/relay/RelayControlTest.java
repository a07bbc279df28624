package io.opensbc.media.relay;

import static io.opensbc.media.relay.UdpPeer.rtp;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaException;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.control.RemoteEndpoint;
import io.opensbc.media.control.RtcpMode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The control port's life cycle: allocation, limits, release, media timeout, threads and contexts. */
class RelayControlTest extends RelayHarness {
  @Test
  void allocationBindsTwoPairsAndReleaseFreesThem() throws Exception {
    int capacity = control.ports().capacity();
    MediaSessionHandle h = sync(control.allocate("call-1"));
    assertEquals(capacity - 2, control.ports().available());
    assertEquals(1, control.sessions());
    assertEquals("127.0.0.1", h.a().host());
    assertEquals(0, h.a().rtpPort() % 2);
    assertEquals(h.a().rtpPort() + 1, h.a().rtcpPort());
    assertNotEquals(h.a().rtpPort(), h.b().rtpPort());

    sync(control.release(h));
    await().until(() -> control.ports().available() == capacity);
    assertEquals(0, control.sessions());
    for (int port : new int[] {h.a().rtpPort(), h.a().rtcpPort(), h.b().rtpPort(), h.b().rtcpPort()}) {
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
        assertTrue(s.isBound(), "port " + port + " is free again");
      }
    }
    assertEquals(MediaException.Reason.NO_SUCH_SESSION, failure(control.stats(h)).reason());
    assertEquals("call-1", failure(control.stats(h)).callRef());
    sync(control.release(h)); // twice is fine
  }

  @Test
  void rtcpMuxLegsUseOnePort() throws Exception {
    MediaSessionHandle h = sync(control.allocate("mux", RtcpMode.MUX, RtcpMode.PAIR));
    assertTrue(h.a().rtcpMux());
    assertFalse(h.b().rtcpMux());
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    sync(control.updateRemote(h, Leg.A, RemoteEndpoint.mux("127.0.0.1", alice.port())));
    sync(control.updateRemote(h, Leg.B, RemoteEndpoint.of("127.0.0.1", bob.port(), bob.port() + 1)));
    alice.send(UdpPeer.rtcpReceiverReport(7), h.a().rtpPort());
    alice.send(rtp(0, 1, 7), h.a().rtpPort());
    assertEquals(1, UdpPeer.seq(bob.receive()), "the RTCP went to bob's RTCP port, not here");
  }

  @Test
  void exhaustedPortsAreATypedFailureAndLeakNothing() throws Exception {
    RelayControl small = deploy(config().withPorts(28000, 28005)); // three pairs
    sync(small.allocate("first"));
    MediaException e = failure(small.allocate("second")); // gets one pair for A, none for B
    assertEquals(MediaException.Reason.PORTS_EXHAUSTED, e.reason());
    assertEquals("second", e.callRef());
    await().until(() -> small.ports().available() == 1);
    assertEquals(1, small.sessions());
  }

  @Test
  void theSessionLimitIsATypedFailure() throws Exception {
    RelayControl one = deploy(config().withMaxSessions(1));
    MediaSessionHandle h = sync(one.allocate("first"));
    assertEquals(MediaException.Reason.SESSION_LIMIT, failure(one.allocate("second")).reason());
    sync(one.release(h));
    assertNotNull(sync(one.allocate("third")));
  }

  @Test
  void portsTakenByAnotherProcessAreSkipped() throws Exception {
    int base = 28100 + 2 * java.util.concurrent.ThreadLocalRandom.current().nextInt(400);
    List<DatagramSocket> squatters = new ArrayList<>();
    try {
      // two of four pairs are taken: one on its RTP port, one on its RTCP port
      squatters.add(new DatagramSocket(new InetSocketAddress("127.0.0.1", base)));
      squatters.add(new DatagramSocket(new InetSocketAddress("127.0.0.1", base + 3)));
      RelayControl relay = deploy(config().withPorts(base, base + 7));
      MediaSessionHandle h = sync(relay.allocate("squatted"));
      assertEquals(Set.of(base + 4, base + 6), Set.of(h.a().rtpPort(), h.b().rtpPort()));
      assertEquals(2, relay.ports().available(), "the taken pairs went back to the pool");
      sync(relay.release(h));
    } finally {
      squatters.forEach(DatagramSocket::close);
    }
  }

  @Test
  void mediaTimeoutFiresOnceWhenNeitherLegReceivesAnything() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("timeout", alice, bob);
    CompletableFuture<MediaSessionHandle> fired = new CompletableFuture<>();
    List<Long> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    sync(control.onMediaTimeout(h, Duration.ofMillis(300), handle -> {
      calls.add(System.nanoTime());
      fired.complete(handle);
    }));
    for (int i = 0; i < 16; i++) { // 800 ms of media, one packet each 50 ms, alternating legs
      if (i % 2 == 0) {
        alice.send(rtp(0, i, 7), h.a().rtpPort());
      } else {
        bob.send(rtp(0, i, 9), h.b().rtpPort());
      }
      Thread.sleep(50);
    }
    assertFalse(fired.isDone(), "media kept flowing");
    long silentSince = System.nanoTime();
    assertEquals(h, fired.get(3, TimeUnit.SECONDS));
    long afterMs = (calls.get(0) - silentSince) / 1_000_000;
    assertTrue(afterMs >= 200 && afterMs < 1_500, "fired " + afterMs + " ms after the last packet");
    Thread.sleep(300);
    assertEquals(1, calls.size(), "once");
  }

  @Test
  void aDisarmedMediaTimeoutDoesNotFire() throws Exception {
    MediaSessionHandle h = sync(control.allocate("disarm"));
    CompletableFuture<MediaSessionHandle> fired = new CompletableFuture<>();
    sync(control.onMediaTimeout(h, Duration.ofMillis(100), fired::complete));
    sync(control.onMediaTimeout(h, Duration.ZERO, fired::complete));
    Thread.sleep(400);
    assertFalse(fired.isDone());
  }

  @Test
  void completionsAndTimeoutsRunOnTheCallersContext() throws Exception {
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Boolean> allocatedOnCaller = new CompletableFuture<>();
    CompletableFuture<Boolean> timeoutOnCaller = new CompletableFuture<>();
    caller.runOnContext(v -> control.allocate("ctx").onComplete(ar -> {
      allocatedOnCaller.complete(Vertx.currentContext() == caller);
      control.onMediaTimeout(ar.result(), Duration.ofMillis(100),
          h -> timeoutOnCaller.complete(Vertx.currentContext() == caller));
    }));
    assertTrue(allocatedOnCaller.get(5, TimeUnit.SECONDS));
    assertTrue(timeoutOnCaller.get(5, TimeUnit.SECONDS));
  }

  @Test
  void manyThreadsAllocateAndReleaseConcurrentlyAcrossShards() throws Exception {
    RelayControl sharded = deploy(config().withShards(3).withPorts(29000, 29799));
    Set<Integer> ports = ConcurrentHashMap.newKeySet();
    List<MediaSessionHandle> handles = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(threads.submit(() -> {
          for (int i = 0; i < 25; i++) {
            MediaSessionHandle h = sync(sharded.allocate("t" + thread + "-" + i));
            assertTrue(ports.add(h.a().rtpPort()) && ports.add(h.b().rtpPort()), "a port handed out twice");
            handles.add(h);
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(100, sharded.sessions());
    Set<Integer> shardsUsed = new HashSet<>();
    for (MediaSessionHandle h : handles) {
      shardsUsed.add(RelayControl.shardOf(h.callRef(), 3));
    }
    assertEquals(3, shardsUsed.size());
    List<Future<Void>> released = new ArrayList<>();
    handles.forEach(h -> released.add(sharded.release(h)));
    sync(Future.all(released));
    assertEquals(0, sharded.sessions());
    await().until(() -> sharded.ports().available() == sharded.ports().capacity());
  }

  @Test
  void aHostNameIsNotAnSdpAddress() throws Exception {
    MediaSessionHandle h = sync(control.allocate("dns"));
    assertEquals(MediaException.Reason.INVALID_ADDRESS,
        failure(control.updateRemote(h, Leg.A, RemoteEndpoint.of("sip.example.com", 4000, 4001))).reason());
    assertEquals(MediaException.Reason.INVALID_ADDRESS,
        failure(control.updateRemote(h, Leg.A, RemoteEndpoint.of("::1", 4000, 4001))).reason());
  }

  @Test
  void afterCloseNothingIsAllocated() throws Exception {
    RelayControl closing = deploy(config());
    sync(closing.allocate("before"));
    sync(closing.close());
    assertEquals(MediaException.Reason.STOPPED, failure(closing.allocate("after")).reason());
  }
}
