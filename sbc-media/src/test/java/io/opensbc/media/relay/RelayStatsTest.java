package io.opensbc.media.relay;

import static io.opensbc.media.relay.UdpPeer.rtp;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.control.PacketKind;
import io.opensbc.media.control.PeerLatched;
import io.opensbc.media.control.SessionStats;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Per-leg media statistics through real sockets: loss and jitter from the relay's RTP counters,
 * and the report blocks of real RTCP SR/RR packets; latch notifications.
 */
class RelayStatsTest extends RelayHarness {
  /** An RTCP receiver report from {@code ssrc} with one report block about {@code source}. */
  static byte[] receiverReport(int ssrc, int source, int fractionLost, int cumulativeLost, int jitter) {
    return ByteBuffer.allocate(32)
        .put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(ssrc)
        .putInt(source).put((byte) fractionLost).put((byte) (cumulativeLost >> 16))
        .putShort((short) cumulativeLost).putInt(0x10064).putInt(jitter).putInt(0).putInt(0).array();
  }

  /** An SR with one report block followed by an SDES (a compound packet as RFC 3550 6.1 wants). */
  static byte[] senderReportCompound(int ssrc, int source, int fractionLost, int cumulativeLost, int jitter) {
    return ByteBuffer.allocate(52 + 12)
        .put((byte) 0x81).put((byte) 200).putShort((short) 12).putInt(ssrc)
        .putLong(0x1234567890L).putInt(8000).putInt(50).putInt(8000) // NTP, RTP ts, packets, octets
        .putInt(source).put((byte) fractionLost).put((byte) (cumulativeLost >> 16))
        .putShort((short) cumulativeLost).putInt(0x10064).putInt(jitter).putInt(0).putInt(0)
        .put((byte) 0x81).put((byte) 202).putShort((short) 2).putInt(ssrc) // SDES, one chunk
        .put((byte) 1).put((byte) 1).put((byte) 'x').put((byte) 0).array();
  }

  /** A session whose A leg sends RTCP to {@code aliceRtcp}. */
  private MediaSessionHandle call(String ref, UdpPeer alice, UdpPeer aliceRtcp, UdpPeer bob) throws Exception {
    MediaSessionHandle h = call(ref, alice, bob);
    sync(control.updateRemote(h, Leg.A, io.opensbc.media.control.RemoteEndpoint.of("127.0.0.1", alice.port(),
        aliceRtcp.port())));
    return h;
  }

  @Test
  void lossAndJitterFromSequenceNumbersAndRtcpReportBlocks() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    UdpPeer aliceRtcp = peer();
    MediaSessionHandle h = call("stats-1", alice, aliceRtcp, bob);
    List<PeerLatched> latched = new CopyOnWriteArrayList<>();
    sync(control.onPeerLatched(h, latched::add));
    int sent = 0;
    for (int seq = 1; seq <= 100; seq++) {
      if (seq % 10 == 0 && seq <= 50) {
        continue; // 10, 20, 30, 40, 50 lost on the way
      }
      alice.send(rtp(0, seq, 0xa11ce), h.a().rtpPort());
      sent++;
    }
    for (int i = 0; i < sent; i++) {
      bob.receive();
    }
    // bob reports about the stream it gets from the relay: 1/4 lost, 7 in all, jitter 80 (10 ms at 8 kHz)
    byte[] rr = receiverReport(0xb0b, 0xa11ce, 64, 7, 80);
    bob.send(rr, h.b().rtcpPort());
    assertArrayEquals(rr, aliceRtcp.receive(), "the report goes on unchanged");
    SessionStats s = sync(control.stats(h));
    SessionStats.Reception in = s.a().reception();
    assertEquals(99, in.expected(), "the first packet of a source is its probation (RFC 3550 A.1)");
    assertEquals(94, in.packets());
    assertEquals(5, in.lost());
    // sent in one burst: 20 ms of timestamp per packet arriving at once, the jitter nears 20 ms
    assertTrue(in.jitterMicros() > 5_000 && in.jitterMicros() < 40_000, "jitter " + in.jitterMicros());
    assertNull(s.a().peerReport(), "alice sent no RTCP");
    SessionStats.PeerReport report = s.b().peerReport();
    assertEquals(1, report.reports());
    assertEquals(64, report.fractionLost());
    assertEquals(7, report.cumulativeLost());
    assertEquals(10_000, report.jitterMicros());
    assertEquals(new SessionStats.Reception(0, 0, 0, 0, 0), s.b().reception(), "bob sent no RTP");

    byte[] sr = senderReportCompound(0xb0b, 0xa11ce, 0, 9, 16);
    bob.send(sr, h.b().rtcpPort());
    assertArrayEquals(sr, aliceRtcp.receive());
    report = sync(control.stats(h)).b().peerReport();
    assertEquals(2, report.reports());
    assertEquals(0, report.fractionLost());
    assertEquals(9, report.cumulativeLost());
    assertEquals(2_000, report.jitterMicros());

    await().until(() -> latched.size() == 2);
    assertEquals(new PeerLatched("stats-1", Leg.A, PacketKind.RTP, alice.address(), false), latched.get(0));
    assertEquals(new PeerLatched("stats-1", Leg.B, PacketKind.RTCP,
        new java.net.InetSocketAddress(UdpPeer.LOOPBACK, bob.port()), false), latched.get(1));
  }

  @Test
  void aNewSsrcStartsOverAndKeepsTheTotals() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("stats-2", alice, bob);
    for (int seq = 65530; seq <= 65545; seq++) { // wraps at 65535
      alice.send(rtp(0, seq & 0xffff, 1), h.a().rtpPort());
      bob.receive();
    }
    for (int seq = 100; seq <= 110; seq++) {
      if (seq != 105) {
        alice.send(rtp(0, seq, 2), h.a().rtpPort());
        bob.receive();
      }
    }
    SessionStats.Reception in = sync(control.stats(h)).a().reception();
    assertEquals(1, in.ssrcChanges());
    assertEquals(15 + 10, in.expected());
    assertEquals(1, in.lost());
    assertFalse(in.packets() == 0);
  }

  @Test
  void malformedRtcpIsRelayedAndReadsNoBlock() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    UdpPeer aliceRtcp = peer();
    MediaSessionHandle h = call("stats-3", alice, aliceRtcp, bob);
    byte[] rr = receiverReport(0xb0b, 1, 1, 1, 1);
    byte[] truncated = java.util.Arrays.copyOf(rr, 20); // claims 32 bytes
    bob.send(truncated, h.b().rtcpPort());
    assertArrayEquals(truncated, aliceRtcp.receive());
    assertNull(sync(control.stats(h)).b().peerReport());
  }
}
