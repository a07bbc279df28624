package io.opensbc.cluster.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real baresip user agents call each other through the SBC: the caller ("teams") insists on
 * SRTP with SDES ({@code mediaenc=srtp-mand}), the callee ("carrier") talks plain RTP. Each plays a
 * tone from a WAV file (1000 Hz from the caller, 600 Hz from the callee) and records what it
 * decodes. The SBC terminates SRTP on the caller's leg; a real capture (dumpcap on {@code lo})
 * shows that leg encrypted and the other in clear.
 */
@Tag("interop")
class BaresipInteropTest {
  private static final double CALLER_HZ = 1000;
  private static final double CALLEE_HZ = 600;
  private static final int FRAME = 160; // 20 ms at 8 kHz: one PCMU packet
  private static final int CALL_SECONDS = 4;

  @Test
  void srtpCallerAndPlainCalleeHearEachOtherThroughTheSbc(@TempDir Path work) throws Exception {
    assumeTrue(Baresip.installed(), "baresip is not installed (apt-get install baresip-core)");
    assumeTrue(PacketCapture.available(), "dumpcap cannot capture on lo (apt-get install tshark; needs root)");
    Path callerTone = work.resolve("caller-1000hz.wav");
    Path calleeTone = work.resolve("callee-600hz.wav");
    Tone.writeWav(callerTone, CALLER_HZ, 8000, 30);
    Tone.writeWav(calleeTone, CALLEE_HZ, 8000, 30);
    int callerSip = Sipp.freePort();
    int calleeSip = Sipp.freePort();
    // relay ports and each baresip's RTP ports in their own ranges: the capture filter names them
    int relayLow = 34000 + 2 * (int) (ProcessHandle.current().pid() % 200);
    SbcNode node = node(callerSip, calleeSip, relayLow, relayLow + 99);
    String callerRtp = "36000-36999";
    String calleeRtp = "37000-37999";
    String filter = "udp and (portrange " + relayLow + "-" + (relayLow + 99) + ") and (portrange "
        + callerRtp + " or portrange " + calleeRtp + ")";
    PacketCapture capture = PacketCapture.start(work, filter, 90);
    try (capture;
        Baresip callee = Baresip.start("carrier", work, calleeSip, calleeRtp, calleeTone,
            "<sip:bob@127.0.0.1:" + calleeSip + ">;regint=0;answermode=auto;audio_codecs=PCMU", 60);
        Baresip caller = Baresip.start("teams", work, callerSip, callerRtp, callerTone,
            "<sip:alice@127.0.0.1:" + callerSip + ">;regint=0;mediaenc=srtp-mand;audio_codecs=PCMU", 60)) {
      Duration ready = Duration.ofSeconds(15);
      callee.await("baresip is ready", ready);
      caller.await("baresip is ready", ready);
      caller.command("/dial sip:bob@127.0.0.1:" + node.sipPort("udp"));
      caller.await("Call established", ready);
      callee.await("Call established", ready);
      // where each UA receives its media from: the relay's port on that leg
      int relaySrtpPort = Integer.parseInt(caller.await("receiving from 127\\.0\\.0\\.1:(\\d+)", ready));
      int relayRtpPort = Integer.parseInt(callee.await("receiving from 127\\.0\\.0\\.1:(\\d+)", ready));
      Thread.sleep(TimeUnit.SECONDS.toMillis(CALL_SECONDS)); // the call itself: media flows meanwhile
      caller.command("/hangup");
      callee.await("terminated", ready);
      caller.await("terminated", ready);
      await().atMost(Duration.ofSeconds(10)).until(() -> node.activeCalls() == 0);
      caller.close();
      callee.close();
      List<PacketCapture.Datagram> packets = capture.stop();

      assertHeard(callee, CALLER_HZ, "the callee (plain RTP) hears the SRTP caller's tone");
      assertHeard(caller, CALLEE_HZ, "the SRTP caller hears the plain callee's tone");
      assertEncrypted(packets, relaySrtpPort);
      assertPlain(packets, relayRtpPort);
    } finally {
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  private static SbcNode node(int callerSip, int calleeSip, int low, int high) throws Exception {
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - name: teams
            host: 127.0.0.1
            port: %d
            transport: udp
            media: {security: srtp}
          - name: carrier
            host: 127.0.0.1
            port: %d
            transport: udp
            media: {security: rtp}
        routes:
          - {name: teams-out, match: {source-trunk: teams}, trunk: carrier}
        media:
          ports: {min: %d, max: %d}
          workers: 1
          timeout: 10s
        """.formatted(callerSip, calleeSip, low, high);
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "baresip.yaml")).config();
    return SbcNode.start(config, SbcNode.Options.STANDALONE).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  /**
   * The UA's recording of what it decoded: at least two seconds of 20-ms frames well above
   * silence (RMS over 1000 of 32767; the tone is sent at 8000 peak, RMS about 5700), and those
   * frames carry the other side's tone.
   */
  private static void assertHeard(Baresip ua, double hz, String what) throws Exception {
    List<Path> recordings = ua.decodedRecordings();
    assertFalse(recordings.isEmpty(), what + ": no recording\n" + ua.output());
    short[] s = new short[0];
    for (Path r : recordings) { // one per decoder start; the call's is the longest
      short[] next = Tone.readWav(r);
      s = next.length > s.length ? next : s;
    }
    assertTrue(s.length >= (CALL_SECONDS - 1) * Tone.RATE, what + ": recording lasts " + s.length / 8000.0 + " s");
    int loud = 0;
    int tonal = 0;
    for (int i = 0; i + FRAME <= s.length; i += FRAME) {
      if (Tone.rms(s, i, FRAME) > 1000) {
        loud++;
        if (Tone.toneShare(Tone.frame(s, i, FRAME), hz) > 0.8) {
          tonal++;
        }
      }
    }
    assertTrue(loud >= 2 * 50, what + ": " + loud + " loud frames of " + s.length / FRAME);
    assertTrue(tonal >= 0.95 * loud, what + ": " + tonal + " of " + loud + " loud frames at " + hz + " Hz");
  }

  /**
   * Both directions between the caller and the relay's SRTP port: RTP headers in clear (RFC 3711),
   * 160 bytes of PCMU plus a 10-byte HMAC-SHA1-80 tag, and a payload that does not decode to a tone.
   */
  private static void assertEncrypted(List<PacketCapture.Datagram> packets, int relayPort) {
    assertLeg(packets, relayPort, 12 + FRAME + 10, false);
  }

  /** Both directions between the callee and the relay's RTP port: plain PCMU carrying the tones. */
  private static void assertPlain(List<PacketCapture.Datagram> packets, int relayPort) {
    assertLeg(packets, relayPort, 12 + FRAME, true);
  }

  private static void assertLeg(List<PacketCapture.Datagram> packets, int relayPort, int size, boolean tonesAudible) {
    for (boolean toRelay : new boolean[] {true, false}) {
      String dir = (toRelay ? "to" : "from") + " relay port " + relayPort;
      List<byte[]> rtp = packets.stream()
          .filter(d -> toRelay ? d.dstPort() == relayPort : d.srcPort() == relayPort)
          .map(PacketCapture.Datagram::payload)
          .filter(p -> p.length >= 12 && (p[0] & 0xc0) == 0x80 && (p[1] & 0x7f) == 0) // RTP v2, PCMU
          .toList();
      assertTrue(rtp.size() >= 100, dir + ": captured RTP packets " + rtp.size());
      long sized = rtp.stream().filter(p -> p.length == size).count();
      assertTrue(sized >= 0.98 * rtp.size(), dir + ": " + sized + " of " + rtp.size() + " packets are " + size + " bytes");
      int tonal = 0;
      int distinct = 0;
      for (byte[] p : rtp) {
        double[] x = Tone.pcmu(p, 12, FRAME);
        if (Tone.toneShare(x, CALLER_HZ) > 0.8 || Tone.toneShare(x, CALLEE_HZ) > 0.8) {
          tonal++;
        }
        distinct += (int) java.util.stream.IntStream.range(12, 12 + FRAME).map(i -> p[i] & 0xff).distinct().count();
      }
      double meanDistinct = (double) distinct / rtp.size();
      if (tonesAudible) {
        assertTrue(tonal >= 0.8 * rtp.size(), dir + ": " + tonal + " of " + rtp.size() + " plain packets carry a tone");
      } else {
        assertEquals(0, tonal, dir + ": SRTP payloads that decode to one of the tones");
        // 160 random bytes have about 120 distinct values; a tone's PCMU a few dozen at most
        assertTrue(meanDistinct > 90, dir + ": distinct byte values per payload " + meanDistinct);
        assertFalse(rtp.stream().anyMatch(p -> p.length == 12 + FRAME), dir + ": no packet without a tag");
      }
    }
  }
}
