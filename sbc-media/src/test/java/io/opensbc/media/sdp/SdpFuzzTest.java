package io.opensbc.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncations and random byte changes of the real-world SDPs: the parser, every view, the writer,
 * the rewriter and the offer/answer helpers give values, never exceptions, and whatever parses
 * writes back to text that parses to the same model.
 */
class SdpFuzzTest {
  private static final int ROUNDS_PER_FIXTURE = 3_000;
  private static final byte[] INSERTS = {'\r', '\n', 0, ' ', ':', '/', '|', '=', '9', (byte) 0xC3};
  private static final Crypto KEY = new Crypto(1, "AES_CM_128_HMAC_SHA1_80",
      List.of(Crypto.KeyParams.inline(new byte[30])), List.of());
  private static final LegPolicy CARRIER = LegPolicy.plain().withRtcpMux(RtcpMuxPolicy.REMOVE)
      .withAllowedCodecs(List.of("PCMU", "PCMA", "telephone-event"));
  private static final LegPolicy TEAMS = new LegPolicy(Security.sdes(), RtcpMuxPolicy.ADD,
      Optional.of(new IceCredentials("Sbc1", "0123456789abcdefghijKL")), List.of());

  @Test
  void everyTruncationGivesAValue() {
    for (String name : SdpFixtures.ALL) {
      byte[] sdp = SdpFixtures.bytes(name);
      for (int n = 0; n <= sdp.length; n++) {
        exercise(Arrays.copyOf(sdp, n));
      }
    }
  }

  @Test
  void randomByteChangesGiveAValue() {
    Random random = new Random(8866);
    for (String name : SdpFixtures.ALL) {
      byte[] sdp = SdpFixtures.bytes(name);
      for (int i = 0; i < ROUNDS_PER_FIXTURE; i++) {
        exercise(mutate(sdp, random));
      }
    }
  }

  /** Regression: the codec filter looked up every format's rtpmap by scanning all lines. */
  @Test
  void aHostileSdpWithinTheLimitsIsCheapToRewrite() {
    StringBuilder b = new StringBuilder(SdpFixtures.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-",
        "c=IN IP4 192.0.2.1", "t=0 0")).append("m=audio 5004 RTP/AVP");
    b.append(" 96".repeat(1300)).append("\r\n");
    b.append("a=rtpmap:97 X/8000\r\n".repeat(1000)).append("a=rtpmap:96 X/8000\r\n".repeat(1000));
    SessionDescription sdp = SdpParser.parse(b.toString()).orNull();
    assertTimeout(Duration.ofSeconds(1), () -> AnchorRewriter.rewrite(sdp,
        LegPolicy.plain().withAllowedCodecs(List.of("PCMU")),
        List.of(MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40000, 40001))),
        OriginState.start("opensbc", 1, "203.0.113.5")));
  }

  private static byte[] mutate(byte[] in, Random r) {
    byte[] b = in.clone();
    int changes = 1 + r.nextInt(4);
    for (int c = 0; c < changes && b.length > 0; c++) {
      int p = r.nextInt(b.length);
      switch (r.nextInt(5)) {
        case 0 -> b[p] = (byte) (b[p] ^ (1 << r.nextInt(8)));
        case 1 -> b[p] = (byte) r.nextInt(256);
        case 2 -> {
          byte[] n = new byte[b.length + 1];
          System.arraycopy(b, 0, n, 0, p);
          n[p] = INSERTS[r.nextInt(INSERTS.length)];
          System.arraycopy(b, p, n, p + 1, b.length - p);
          b = n;
        }
        case 3 -> {
          int end = Math.min(b.length, p + 1 + r.nextInt(40));
          byte[] n = new byte[b.length - (end - p)];
          System.arraycopy(b, 0, n, 0, p);
          System.arraycopy(b, end, n, p, b.length - end);
          b = n;
        }
        default -> {
          int end = Math.min(b.length, p + 1 + r.nextInt(60));
          byte[] n = new byte[b.length + end - p];
          System.arraycopy(b, 0, n, 0, end);
          System.arraycopy(b, p, n, end, b.length - p);
          b = n;
        }
      }
    }
    return b;
  }

  private static void exercise(byte[] input) {
    try {
      SdpParse<SessionDescription> parsed = SdpParser.parse(input);
      if (parsed instanceof SdpParse.Ok<SessionDescription> ok) {
        useEverything(ok.value());
      }
    } catch (RuntimeException | StackOverflowError e) {
      fail("exception for input:\n" + new String(input, StandardCharsets.ISO_8859_1), e);
    }
  }

  private static void useEverything(SessionDescription sdp) {
    assertEquals(SdpParse.ok(sdp), SdpParser.parse(SdpWriter.bytes(sdp)));
    sdp.origin();
    sdp.connection();
    sdp.iceLite();
    for (MediaDescription m : sdp.media()) {
      sdp.connection(m);
      sdp.direction(m);
      sdp.isHold(m);
      sdp.ice(m);
      sdp.fingerprint(m).map(f -> f.map(Fingerprint::bytes));
      sdp.setup(m);
      m.rtcp();
      m.ptime();
      m.mid();
      m.candidates();
      for (SdpParse<Crypto> c : m.cryptos()) {
        c.map(CryptoSuite::acceptable);
        c.map(k -> k.keyParams().stream().map(p -> p.keySaltBytes().length + p.mkiLength())
            .toList());
      }
      for (String format : m.formats()) {
        m.rtpmap(format);
        m.fmtp(format);
      }
    }
    OfferAnswer.remoteMedia(sdp);
    OfferAnswer.negotiated(sdp, sdp);
    OriginState origin = OriginState.start("opensbc", 1, "203.0.113.5");
    List<MediaAnchor> anchors = sdp.media().stream()
        .map(m -> MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40000, 40001), List.of(KEY)))
        .toList();
    for (LegPolicy leg : List.of(CARRIER, TEAMS)) {
      SessionDescription out = AnchorRewriter.rewrite(sdp, leg, anchors, origin).sdp();
      assertEquals(SdpParse.ok(out), SdpParser.parse(SdpWriter.bytes(out)));
    }
  }
}
