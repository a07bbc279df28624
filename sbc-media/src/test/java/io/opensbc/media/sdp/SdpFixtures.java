package io.opensbc.media.sdp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real-world SDPs under src/test/resources/sdp, as bytes (CRLF kept) and parsed. */
final class SdpFixtures {
  static final List<String> ALL = List.of(
      "teams-offer.sdp",
      "carrier-g711-offer.sdp",
      "carrier-hold-reinvite.sdp",
      "webrtc-offer.sdp",
      "softphone-audio-video-offer.sdp",
      "pbx-answer-rejects-video.sdp");

  private SdpFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.ISO_8859_1);
  }

  static SessionDescription parsed(String name) {
    SdpParse<SessionDescription> p = SdpParser.parse(bytes(name));
    if (!p.isOk()) {
      fail(name + ": " + p.reason());
    }
    return p.orNull();
  }

  /** Joins lines with CRLF, with a final CRLF: an expected SDP in a test. */
  static String crlf(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }
}
