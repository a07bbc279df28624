package io.opensbc.cluster.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DTLS-SRTP interop with a real user agent: baresip with its {@code dtls_srtp} media encryption
 * calls through the SBC to a SIPp callee whose SDP names a plain-RTP socket of the test. The
 * relay must complete a DTLS handshake with baresip's own DTLS stack (OpenSSL), verify its
 * fingerprint, and turn baresip's SRTP into the plain PCMU the test socket receives.
 */
@Tag("interop")
class BaresipDtlsInteropTest {

  static boolean baresipInstalled() {
    return Files.isExecutable(Path.of("/usr/bin/baresip"))
        && Files.exists(Path.of("/usr/lib/baresip/modules/dtls_srtp.so"));
  }

  @Test
  void baresipDtlsSrtpCallerReachesAPlainRtpCallee(@TempDir Path work) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    assumeTrue(baresipInstalled(), "baresip is not installed (apt-get install baresip)");
    Sipp sipp = new Sipp(work);
    int uasPort = Sipp.freePort();
    SbcNode node = node(uasPort);
    Process uas = null;
    Process baresip = null;
    try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      rtp.setSoTimeout(200);
      sipp.fromTemplate("uas-media-at-port", "uas-media.xml", Map.of("RTP_PORT", Integer.toString(rtp.getLocalPort())));
      uas = sipp.startUas("uas-media.xml", uasPort, "u1", 1, 40);
      Path dir = baresipConfig(work, Sipp.freePort());
      Path log = work.resolve("baresip.log");
      baresip = new ProcessBuilder("baresip", "-f", dir.toString(), "-e",
          "/dial sip:+4420123@127.0.0.1:" + node.sipPort("udp"), "-t", "12")
          .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();

      // baresip's tone, decrypted by the relay, arrives here as plain PCMU
      int packets = 0;
      int tone = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < end && packets < 150) {
        DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
        try {
          rtp.receive(d);
        } catch (SocketTimeoutException notYet) {
          continue;
        }
        byte[] b = d.getData();
        if (d.getLength() == 172 && (b[0] & 0xc0) == 0x80 && (b[1] & 0x7f) == 0) {
          packets++;
          tone += isTone(b, 12, 160) ? 1 : 0;
        }
      }
      String out = Files.readString(log, StandardCharsets.ISO_8859_1);
      assertTrue(out.contains("verified sha-256 fingerprint OK"), "baresip checked our a=fingerprint\n" + out);
      assertTrue(out.contains("DTLS-SRTP complete"), out);
      // the relay drops whatever does not authenticate under the DTLS keys: plain PCMU here is
      // baresip's SRTP decrypted, and the tone (period 8 samples) shows it is not ciphertext
      assertTrue(packets >= 100, "plain PCMU from baresip's DTLS-SRTP call: " + packets + " packets\n" + out);
      assertTrue(tone >= packets * 9 / 10, tone + " of " + packets + " packets carry the 1 kHz tone\n" + out);
    } finally {
      if (baresip != null) {
        baresip.destroy();
        baresip.waitFor(5, TimeUnit.SECONDS);
      }
      Sipp.stop(uas);
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  private static SbcNode node(int uasPort) throws Exception {
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp, media: {security: rtp}}
        routes:
          - {name: all, match: {}, trunk: carrier}
        media:
          ports: {min: 33000, max: 33999}
          workers: 1
        """.formatted(uasPort);
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "dtls.yaml")).config();
    return SbcNode.start(config, SbcNode.Options.STANDALONE).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  /** A config directory: UDP on 127.0.0.1, PCMU only, a 1 kHz tone from a WAV file, dtls_srtp. */
  private static Path baresipConfig(Path work, int sipPort) throws Exception {
    Path dir = Files.createDirectories(work.resolve("baresip"));
    Path tone = work.resolve("tone.wav");
    Files.write(tone, wav(8000, 10));
    Files.writeString(dir.resolve("config"), String.join("\n",
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + sipPort,
        "audio_source aufile," + tone,
        "audio_player aufile,/dev/null",
        "audio_alert aufile,/dev/null",
        "module_path /usr/lib/baresip/modules",
        "module g711.so",
        "module aufile.so",
        "module dtls_srtp.so",
        "module_app account.so",
        "module_app menu.so",
        "net_interface 127.0.0.1",
        "rtp_ports 34000-34999",
        ""));
    Files.writeString(dir.resolve("accounts"),
        "<sip:alice@127.0.0.1>;regint=0;mediaenc=dtls_srtp;audio_codecs=PCMU\n");
    return dir;
  }

  /** {@code seconds} of a 1 kHz tone, 16-bit mono at {@code rate}. */
  private static byte[] wav(int rate, int seconds) {
    int samples = rate * seconds;
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples)
        .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (12000 * Math.sin(2 * Math.PI * 1000 * i / rate)));
    }
    return b.array();
  }

  /** A 1 kHz tone at 8 kHz repeats every 8 samples (PCMU bytes equal 8 apart) and is not silence. */
  private static boolean isTone(byte[] b, int off, int len) {
    int same = 0;
    int distinct = 0;
    for (int i = off; i < off + len - 8; i++) {
      same += Math.abs((b[i] & 0x7f) - (b[i + 8] & 0x7f)) <= 1 && (b[i] & 0x80) == (b[i + 8] & 0x80) ? 1 : 0;
      distinct += b[i] != b[off] ? 1 : 0;
    }
    return same >= (len - 8) * 9 / 10 && distinct > len / 2;
  }
}
