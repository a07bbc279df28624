package io.opensbc.sip.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opensbc.config.model.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given the relay events of a call, replay gives the relay state; the codec carries them (format 3). */
class MediaRelayStateTest {
  private static final Dialog A = new Dialog("a-call", "ours", "theirs", "<sip:a@x>", "<sip:b@y>",
      "sip:a@10.0.0.1", List.of(), 0, 1, "udp", Transport.UDP, "10.0.0.1", 5060);
  private static final String KEY_A = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
  private static final String KEY_B = "inline:d0RmdmcmVLnU0NqTo6QqdlLwTmMD8kF7cLf0q4QA";

  private static List<CallEvent> call() {
    return List.of(
        new CallEvent.CallOffered(1, 10, "b-call", A, "udp", "pbx"),
        new CallEvent.MediaRelayAllocated(2, 11, "192.0.2.1:31000/31001", "192.0.2.1:31002/31003"),
        new CallEvent.MediaAnchored(3, 12, Side.A, "31000/31001", "10.0.0.1:4000/4001"),
        new CallEvent.MediaKeysChanged(4, 12, Side.A, "inbound", "AES_CM_128_HMAC_SHA1_80", KEY_A),
        new CallEvent.MediaKeysChanged(5, 12, Side.B, "outbound", "AES_CM_128_HMAC_SHA1_80", KEY_B),
        new CallEvent.MediaAnchored(6, 13, Side.B, "31002/31003", "10.0.0.2:5000/5000"),
        new CallEvent.MediaPeerLatched(7, 14, Side.A, "rtp", "198.51.100.7:40000"),
        new CallEvent.MediaPeerLatched(8, 14, Side.A, "rtcp", "198.51.100.7:40001"),
        new CallEvent.MediaPeerLatched(9, 14, Side.B, "rtp", "10.0.0.2:5000"),
        new CallEvent.CallReleased(10, 20, Side.A, 0, "BYE"),
        new CallEvent.MediaStatsRecorded(11, 20, Side.A, new CallEvent.MediaFlow(250, 43000, 3, 1250, -1),
            new CallEvent.MediaFlow(249, 42828, 2, 900, 4), true));
  }

  @Test
  void replayGivesTheRelayState() {
    MediaRelayState s = MediaRelayState.fold(call());
    assertEquals(new MediaRelayState.LegState("192.0.2.1:31000/31001", "10.0.0.1:4000/4001", "198.51.100.7:40000",
        "198.51.100.7:40001", null, new MediaRelayState.Keys("AES_CM_128_HMAC_SHA1_80", KEY_A)), s.a());
    assertEquals(new MediaRelayState.LegState("192.0.2.1:31002/31003", "10.0.0.2:5000/5000", "10.0.0.2:5000",
        null, new MediaRelayState.Keys("AES_CM_128_HMAC_SHA1_80", KEY_B), null), s.b());
  }

  @Test
  void aMovedRemoteForgetsTheLatchAndPlainForgetsTheKey() {
    List<CallEvent> log = new ArrayList<>(call().subList(0, 9));
    log.add(new CallEvent.MediaAnchored(10, 15, Side.A, "31000/31001", "10.0.0.9:4100/4101"));
    log.add(new CallEvent.MediaKeysChanged(11, 15, Side.A, "inbound", null, null));
    log.add(new CallEvent.MediaPeerLatched(12, 16, Side.A, "rtp", "10.0.0.9:4100"));
    MediaRelayState s = MediaRelayState.fold(log);
    assertEquals("10.0.0.9:4100/4101", s.a().remote());
    assertEquals("10.0.0.9:4100", s.a().rtpPeer());
    assertNull(s.a().rtcpPeer(), "the old RTCP latch went with the old address");
    assertNull(s.a().inbound());
    assertEquals("10.0.0.2:5000", s.b().rtpPeer(), "the other leg is untouched");
    // the same remote again keeps what was latched, as the relay does
    log.add(new CallEvent.MediaAnchored(13, 17, Side.A, "31000/31001", "10.0.0.9:4100/4101"));
    assertEquals("10.0.0.9:4100", MediaRelayState.fold(log).a().rtpPeer());
  }

  @Test
  void theCodecCarriesTheMediaEventsAndFormatTwoStillReads() {
    List<CallEvent> log = call();
    List<CallEvent> back = CallEventCodec.decode(CallEventCodec.encode(log));
    assertEquals(log, back);
    assertEquals(MediaRelayState.fold(log), MediaRelayState.fold(back));
    CallState s = CallState.EMPTY;
    for (CallEvent e : back) {
      s = CallState.evolve(s, e);
    }
    assertEquals(CallPhase.RELEASED, s.phase());
    assertEquals(11, s.version());
    // a log written by a version-2 node (no media relay events) is read the same way
    byte[] v2 = CallEventCodec.encode(log.subList(0, 1));
    v2[0] = 2;
    assertEquals(log.subList(0, 1), CallEventCodec.decode(v2));
    byte[] future = CallEventCodec.encode(log);
    future[0] = (byte) (CallEventCodec.FORMAT_VERSION + 1);
    assertThrows(IllegalArgumentException.class, () -> CallEventCodec.decode(future));
  }

  @Test
  void theKeyNeverShowsInText() {
    assertFalse(call().toString().contains("inline:"));
    assertFalse(MediaRelayState.fold(call()).toString().contains("inline:"));
  }
}
