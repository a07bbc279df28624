package io.opensbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.relay.Latch.Verdict;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Symmetric RTP latching, rule by rule (see {@link Latch}); time is a plain nanosecond count. */
class LatchTest {
  private static final long MS = 1_000_000L;
  private static final long SILENCE = 2_000 * MS;
  private static final InetSocketAddress SDP = new InetSocketAddress("192.0.2.10", 4000);
  private static final InetSocketAddress NATTED = new InetSocketAddress("198.51.100.7", 61000);
  private static final InetSocketAddress MALLORY = new InetSocketAddress("203.0.113.66", 5000);
  private static final InetSocketAddress MOVED = new InetSocketAddress("198.51.100.7", 61002);

  private Latch latch;

  @BeforeEach
  void sdpOffered() {
    latch = new Latch(3, SILENCE);
    latch.reset(SDP);
  }

  @Test
  void untilMediaArrivesTheSdpAddressIsThePeer() {
    assertEquals(SDP, latch.peer());
    assertFalse(latch.latched());
  }

  @Test
  void theFirstLatchingPacketFromAnySourceLearnsThePeer() {
    // RFC 4961: the peer sends from where it receives; behind a NAT that is not the SDP address
    assertEquals(Verdict.LATCHED, latch.offer(NATTED, 1, true, 0));
    assertEquals(NATTED, latch.peer());
    assertTrue(latch.latched());
    assertEquals(Verdict.ACCEPT, latch.offer(NATTED, 1, true, 20 * MS));
  }

  @Test
  void aPacketThatMayNotLatchIsTakenOnlyFromThePeer() {
    // e.g. an unexpected payload type, or RTCP on a multiplexed RTP port
    assertEquals(Verdict.DROP, latch.offer(NATTED, 1, false, 0));
    assertEquals(Verdict.ACCEPT, latch.offer(SDP, 1, false, 0));
    assertFalse(latch.latched());
    assertEquals(Verdict.LATCHED, latch.offer(SDP, 1, true, 0));
  }

  @Test
  void whileThePeerSpeaksEveryOtherSourceIsDropped() {
    latch.offer(NATTED, 1, true, 0);
    for (int i = 1; i <= 50; i++) {
      assertEquals(Verdict.DROP, latch.offer(MALLORY, 1, true, i * 20 * MS));
      assertEquals(Verdict.ACCEPT, latch.offer(NATTED, 1, true, i * 20 * MS + MS));
    }
    assertEquals(NATTED, latch.peer());
    assertEquals(0, latch.relatches());
  }

  @Test
  void justBeforeTheSilenceIsOverNoTakeoverStarts() {
    latch.offer(NATTED, 1, true, 0);
    for (int i = 0; i < 10; i++) {
      assertEquals(Verdict.DROP, latch.offer(MOVED, 9, true, SILENCE - MS));
    }
    assertEquals(NATTED, latch.peer());
  }

  @Test
  void afterSilenceANewSourceTakesOverWithConsecutivePacketsOfOneSsrc() {
    latch.offer(NATTED, 1, true, 0);
    long t = SILENCE;
    assertEquals(Verdict.DROP, latch.offer(MOVED, 9, true, t));
    assertEquals(Verdict.DROP, latch.offer(MOVED, 9, true, t + 20 * MS));
    assertEquals(Verdict.RELATCHED, latch.offer(MOVED, 9, true, t + 40 * MS));
    assertEquals(MOVED, latch.peer());
    assertEquals(1, latch.relatches());
    // and now the old address is the stranger
    assertEquals(Verdict.DROP, latch.offer(NATTED, 1, true, t + 60 * MS));
  }

  @Test
  void anotherSsrcOrAnotherSourceRestartsTheCount() {
    latch.offer(NATTED, 1, true, 0);
    long t = SILENCE;
    latch.offer(MOVED, 9, true, t);
    latch.offer(MOVED, 9, true, t + 1);
    assertEquals(Verdict.DROP, latch.offer(MOVED, 10, true, t + 2), "SSRC changed: count is 1 again");
    latch.offer(MOVED, 10, true, t + 3);
    assertEquals(Verdict.DROP, latch.offer(MALLORY, 10, true, t + 4), "another source: count is 1 again");
    latch.offer(MOVED, 10, true, t + 5);
    latch.offer(MOVED, 10, true, t + 6);
    assertEquals(Verdict.RELATCHED, latch.offer(MOVED, 10, true, t + 7));
  }

  @Test
  void theOldPeerSpeakingAgainCancelsATakeover() {
    latch.offer(NATTED, 1, true, 0);
    long t = SILENCE;
    latch.offer(MOVED, 9, true, t);
    latch.offer(MOVED, 9, true, t + 1);
    assertEquals(Verdict.ACCEPT, latch.offer(NATTED, 1, true, t + 2));
    assertEquals(Verdict.DROP, latch.offer(MOVED, 9, true, t + 3), "the peer is no longer silent");
    assertEquals(NATTED, latch.peer());
  }

  @Test
  void packetsThatMayNotLatchNeverTakeOver() {
    latch.offer(NATTED, 1, true, 0);
    for (int i = 0; i < 10; i++) {
      assertEquals(Verdict.DROP, latch.offer(MOVED, 9, false, SILENCE + i));
    }
    assertEquals(NATTED, latch.peer());
  }

  @Test
  void resetStartsOverFromTheNewSdpAddress() {
    latch.offer(NATTED, 1, true, 0);
    latch.reset(MOVED);
    assertFalse(latch.latched());
    assertEquals(MOVED, latch.peer());
    assertEquals(Verdict.LATCHED, latch.offer(MALLORY, 1, true, MS));
  }

  @Test
  void withoutAnSdpAddressThereIsNoPeerUntilMediaArrives() {
    Latch fresh = new Latch(3, SILENCE);
    assertEquals(null, fresh.peer());
    assertEquals(Verdict.LATCHED, fresh.offer(NATTED, 1, true, 0));
  }
}
