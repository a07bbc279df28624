package io.opensbc.media.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.opensbc.media.sdp.SdpParser;
import io.opensbc.media.sdp.SdpWriter;

/**
 * Coverage-guided fuzzing (Jazzer) of the SDP parser: any body gives a parse value, never an
 * exception, and a body that parsed can be written back. Seeds: the SDP fixtures (carrier, PBX,
 * softphone, WebRTC, Teams) in src/test/resources/io/opensbc/media/fuzz/SdpParserFuzzTargetInputs/.
 * The {@code fuzz} surefire execution (part of {@code mvn verify}) fuzzes with
 * JAZZER_FUZZ=1 for maxDuration (docs/security.md, "Fuzzing").
 */
class SdpParserFuzzTarget {
  @FuzzTest(maxDuration = "12s")
  void fuzz(byte[] data) {
    var parsed = SdpParser.parse(data);
    assertNotNull(parsed);
    if (parsed.isOk()) {
      assertNotNull(SdpWriter.write(parsed.orNull()));
    }
  }
}
