package io.opensbc.media.relay;

import static io.opensbc.media.relay.UdpPeer.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.control.Direction;
import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.control.PacketKind;
import io.opensbc.media.control.PacketTransform;
import io.opensbc.media.control.RemoteEndpoint;
import io.opensbc.media.control.SessionStats;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Packets through a real relay between real sockets: forwarding, latching, transforms, RTCP, limits. */
class RelayForwardingTest extends RelayHarness {
  private static final int WINDOW = 100;

  @Test
  void relaysTenThousandPacketsEachWayByteForByte() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("both-ways", alice, bob);
    Random random = new Random(42);
    long bytes = pump(alice, h.a().rtpPort(), bob, 0x1111, random);
    assertEquals(h.b().rtpPort(), bob.lastSender().getPort(), "symmetric: B's media leaves from B's port");
    long back = pump(bob, h.b().rtpPort(), alice, 0x2222, random);
    assertEquals(h.a().rtpPort(), alice.lastSender().getPort());

    SessionStats.LegStats a = stats(h, Leg.A);
    SessionStats.LegStats b = stats(h, Leg.B);
    assertEquals(new SessionStats.Traffic(10_000, bytes), a.received());
    assertEquals(new SessionStats.Traffic(10_000, bytes), b.sent());
    assertEquals(new SessionStats.Traffic(10_000, back), b.received());
    assertEquals(new SessionStats.Traffic(10_000, back), a.sent());
    assertEquals(0, a.drops().total() + b.drops().total());
    assertTrue(a.rtpLatched());
    assertEquals(alice.address(), a.rtpPeer());
    assertTrue(a.sinceLastPacket().toMillis() < 5_000);
  }

  /** Sends 10 000 RTP packets of random size and content in windows, checking each on arrival. */
  private static long pump(UdpPeer from, int toPort, UdpPeer to, int ssrc, Random random) {
    long bytes = 0;
    byte[][] window = new byte[WINDOW][];
    for (int seq = 0; seq < 10_000; seq += WINDOW) {
      for (int i = 0; i < WINDOW; i++) {
        byte[] payload = new byte[random.nextInt(1_400)];
        random.nextBytes(payload);
        window[i] = rtp(0, seq + i, ssrc, payload);
        bytes += window[i].length;
        from.send(window[i], toPort);
      }
      for (int i = 0; i < WINDOW; i++) {
        byte[] got = to.receive();
        assertArrayEquals(window[UdpPeer.seq(got) - seq], got, "packet " + UdpPeer.seq(got));
      }
    }
    return bytes;
  }

  @Test
  void mediaGoesToTheSdpAddressUntilTheRealSourceIsLatched() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    UdpPeer bobSdp = peer(); // what bob's SDP said; bob really sends from elsewhere (NAT)
    MediaSessionHandle h = call("nat", alice, bobSdp);

    alice.send(rtp(0, 1, 7), h.a().rtpPort());
    assertEquals(1, UdpPeer.seq(bobSdp.receive()));

    bob.send(rtp(0, 100, 9), h.b().rtpPort());
    assertEquals(100, UdpPeer.seq(alice.receive()));
    alice.send(rtp(0, 2, 7), h.a().rtpPort());
    assertEquals(2, UdpPeer.seq(bob.receive()));
    assertNull(bobSdp.receive(200));

    SessionStats.LegStats b = stats(h, Leg.B);
    assertTrue(b.rtpLatched());
    assertEquals(bob.address(), b.rtpPeer());
  }

  @Test
  void onlyAnExpectedPayloadTypeLatches() throws Exception {
    UdpPeer alice = peer();
    UdpPeer aliceSdp = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("pt", aliceSdp, bob);
    sync(control.updateRemote(h, Leg.A,
        RemoteEndpoint.of("127.0.0.1", aliceSdp.port(), aliceSdp.port() + 1).withPayloadTypes(Set.of(0, 101))));

    alice.send(rtp(8, 1, 7), h.a().rtpPort());
    assertNull(bob.receive(200), "PCMA was not offered: no latching on it");
    alice.send(rtp(0, 2, 7), h.a().rtpPort());
    assertEquals(2, UdpPeer.seq(bob.receive()));
    alice.send(rtp(8, 3, 7), h.a().rtpPort());
    assertEquals(3, UdpPeer.seq(bob.receive()), "once latched the peer's packets all pass");

    SessionStats.LegStats a = stats(h, Leg.A);
    assertEquals(1, a.drops().foreignSource());
    assertEquals(alice.address(), a.rtpPeer());
  }

  @Test
  void aThirdSourceCannotHijackALatchedStream() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    UdpPeer mallory = peer();
    MediaSessionHandle h = call("hijack", alice, bob);
    alice.send(rtp(0, 1, 7), h.a().rtpPort());
    assertEquals(1, UdpPeer.seq(bob.receive()));

    for (int i = 0; i < 5; i++) {
      mallory.send(rtp(0, 1000 + i, 7), h.a().rtpPort());
    }
    alice.send(rtp(0, 2, 7), h.a().rtpPort());
    assertEquals(2, UdpPeer.seq(bob.receive()), "mallory's packets never reached bob");
    bob.send(rtp(0, 50, 9), h.b().rtpPort());
    assertEquals(50, UdpPeer.seq(alice.receive()));
    assertNull(mallory.receive(200), "and bob's media still goes to alice");

    SessionStats.LegStats a = stats(h, Leg.A);
    assertEquals(5, a.drops().foreignSource());
    assertEquals(alice.address(), a.rtpPeer());
    assertEquals(0, a.relatches());
  }

  @Test
  void aNewSourceTakesOverAfterThePeerFellSilent() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    UdpPeer aliceMoved = peer(); // alice after a NAT rebinding: new source port, same SSRC
    MediaSessionHandle h = call("relatch", alice, bob);
    alice.send(rtp(0, 1, 7), h.a().rtpPort());
    assertEquals(1, UdpPeer.seq(bob.receive()));

    Thread.sleep(400); // > 300 ms of silence from the latched source
    for (int seq = 2; seq <= 5; seq++) {
      aliceMoved.send(rtp(0, seq, 7), h.a().rtpPort());
    }
    assertEquals(4, UdpPeer.seq(bob.receive()), "packets 2 and 3 confirm the new source, 4 is the first relayed");
    assertEquals(5, UdpPeer.seq(bob.receive()));
    bob.send(rtp(0, 60, 9), h.b().rtpPort());
    assertEquals(60, UdpPeer.seq(aliceMoved.receive()));
    assertNull(alice.receive(200));

    SessionStats.LegStats a = stats(h, Leg.A);
    assertEquals(aliceMoved.address(), a.rtpPeer());
    assertEquals(1, a.relatches());
    assertEquals(2, a.drops().foreignSource());
  }

  @Test
  void rtcpFollowsTheLegsPortsPairedOrMultiplexed() throws Exception {
    UdpPeer alice = peer();
    UdpPeer aliceRtcp = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = sync(control.allocate("rtcp"));
    sync(control.updateRemote(h, Leg.A, RemoteEndpoint.of("127.0.0.1", alice.port(), aliceRtcp.port())));
    sync(control.updateRemote(h, Leg.B, RemoteEndpoint.mux("127.0.0.1", bob.port())));
    assertEquals(h.a().rtpPort() + 1, h.a().rtcpPort());
    assertFalse(h.a().rtcpMux());

    aliceRtcp.send(UdpPeer.rtcpReceiverReport(7), h.a().rtcpPort());
    assertArrayEquals(UdpPeer.rtcpReceiverReport(7), bob.receive(), "to bob's multiplexed port");
    assertEquals(h.b().rtpPort(), bob.lastSender().getPort());

    bob.send(UdpPeer.rtcpReceiverReport(9), h.b().rtpPort());
    assertArrayEquals(UdpPeer.rtcpReceiverReport(9), aliceRtcp.receive(), "to alice's RTCP port");
    assertEquals(h.a().rtcpPort(), aliceRtcp.lastSender().getPort());
    assertNull(alice.receive(100));

    SessionStats.LegStats a = stats(h, Leg.A);
    assertTrue(a.rtcpLatched());
    assertEquals(aliceRtcp.address(), a.rtcpPeer());
  }

  @Test
  void transformsRewriteInPlaceUsingHeadroomAndTailroom() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("transform", alice, bob);
    AtomicBoolean roomGuaranteed = new AtomicBoolean(true);
    byte[] tag = "TAG-TAG-TA".getBytes(StandardCharsets.US_ASCII);
    // an SRTP-like protect on the way out to bob: a 4-byte header in front, a 10-byte tag behind
    sync(control.setTransform(h, Leg.B, Direction.OUTBOUND, (packet, kind) -> {
      roomGuaranteed.compareAndSet(true, packet.readerIndex() >= PacketTransform.HEADROOM
          && packet.writableBytes() >= PacketTransform.TAILROOM && kind == PacketKind.RTP);
      int length = packet.readableBytes();
      packet.setBytes(packet.writerIndex(), tag);
      packet.readerIndex(packet.readerIndex() - 4);
      packet.setBytes(packet.readerIndex(), "HDR!".getBytes(StandardCharsets.US_ASCII));
      return length + 4 + tag.length;
    }));
    // a filter on the way in from alice: payload type 99 is dropped
    sync(control.setTransform(h, Leg.A, Direction.INBOUND, (packet, kind) ->
        RtpPackets.payloadType(packet) == 99 ? PacketTransform.DROP : packet.readableBytes()));

    byte[] sent = rtp(0, 1, 7);
    alice.send(sent, h.a().rtpPort());
    byte[] got = bob.receive();
    assertEquals("HDR!", new String(got, 0, 4, StandardCharsets.US_ASCII));
    assertArrayEquals(sent, Arrays.copyOfRange(got, 4, 4 + sent.length));
    assertArrayEquals(tag, Arrays.copyOfRange(got, 4 + sent.length, got.length));
    assertTrue(roomGuaranteed.get());

    alice.send(rtp(99, 2, 7), h.a().rtpPort());
    alice.send(rtp(0, 3, 7), h.a().rtpPort());
    assertEquals(3, UdpPeer.seq(Arrays.copyOfRange(bob.receive(), 4, 16)));
    assertEquals(1, stats(h, Leg.A).drops().transform());

    sync(control.setTransform(h, Leg.B, Direction.OUTBOUND, PacketTransform.IDENTITY));
    sync(control.setTransform(h, Leg.A, Direction.INBOUND, (packet, kind) -> {
      throw new IllegalStateException("a broken transform");
    }));
    alice.send(rtp(0, 4, 7), h.a().rtpPort());
    assertNull(bob.receive(200));
    assertEquals(2, stats(h, Leg.A).drops().transform());
  }

  @Test
  void oversizeAndNonRtpDatagramsAreDroppedAndCounted() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("limits", alice, bob);
    alice.send(rtp(0, 1, 7, new byte[1500 - 12]), h.a().rtpPort());
    assertEquals(1500, bob.receive().length);
    alice.send(rtp(0, 2, 7, new byte[1501 - 12]), h.a().rtpPort());
    alice.send(rtp(0, 3, 7, new byte[4000]), h.a().rtpPort());
    alice.send(new byte[] {0, 1, 0, 0, 0x21, 0x12, (byte) 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, h.a().rtpPort());
    alice.send(rtp(0, 4, 7), h.a().rtcpPort()); // RTP on the RTCP port
    alice.send(rtp(0, 5, 7), h.a().rtpPort());
    assertEquals(5, UdpPeer.seq(bob.receive()));

    // the RTCP socket's drop may be counted after packet 5 crossed the RTP socket: wait for it
    org.awaitility.Awaitility.await().untilAsserted(() -> {
      SessionStats.Drops drops = stats(h, Leg.A).drops();
      assertEquals(2, drops.oversize());
      assertEquals(2, drops.malformed());
    });
  }

  @Test
  void withoutAnAddressForTheOtherLegPacketsAreDroppedAndCounted() throws Exception {
    UdpPeer alice = peer();
    MediaSessionHandle h = sync(control.allocate("no-answer-yet"));
    alice.send(rtp(0, 1, 7), h.a().rtpPort());
    org.awaitility.Awaitility.await().until(() -> stats(h, Leg.B).drops().noDestination() == 1);
    assertEquals(alice.address(), stats(h, Leg.A).rtpPeer(), "latched without any SDP");
  }

  @Test
  void aReInviteWithTheSameAddressKeepsTheLatchedPeer() throws Exception {
    UdpPeer alice = peer();
    UdpPeer aliceSdp = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("reinvite", aliceSdp, bob);
    alice.send(rtp(0, 1, 7), h.a().rtpPort());
    bob.receive();
    sync(control.updateRemote(h, Leg.A, RemoteEndpoint.of("127.0.0.1", aliceSdp.port(), aliceSdp.port() + 1)));
    bob.send(rtp(0, 2, 9), h.b().rtpPort());
    assertEquals(2, UdpPeer.seq(alice.receive()));

    UdpPeer aliceNew = peer();
    sync(control.updateRemote(h, Leg.A, RemoteEndpoint.of("127.0.0.1", aliceNew.port(), aliceNew.port() + 1)));
    bob.send(rtp(0, 3, 9), h.b().rtpPort());
    assertEquals(3, UdpPeer.seq(aliceNew.receive()), "a new SDP address starts latching afresh");
    assertFalse(stats(h, Leg.A).rtpLatched());
  }

  @Test
  void eachSessionKeepsItsOwnStreams() throws Exception {
    List<UdpPeer[]> calls = new java.util.ArrayList<>();
    List<MediaSessionHandle> handles = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      UdpPeer[] pair = {peer(), peer()};
      calls.add(pair);
      handles.add(call("call-" + i, pair[0], pair[1]));
    }
    for (int i = 0; i < 8; i++) {
      calls.get(i)[0].send(rtp(0, i, i, ByteBuffer.allocate(4).putInt(i).array()), handles.get(i).a().rtpPort());
    }
    for (int i = 0; i < 8; i++) {
      assertEquals(i, UdpPeer.seq(calls.get(i)[1].receive()));
    }
  }
}
