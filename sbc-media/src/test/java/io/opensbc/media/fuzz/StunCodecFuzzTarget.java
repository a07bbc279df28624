package io.opensbc.media.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.opensbc.media.ice.StunCodec;
import io.opensbc.media.ice.StunDecodeResult;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of the STUN codec (ICE-lite): decode, then the integrity and
 * fingerprint checks on the same bytes, at an offset inside a larger buffer; never an exception.
 * Seeds: the RFC 5769 vectors in src/test/resources/io/opensbc/media/fuzz/StunCodecFuzzTargetInputs/.
 */
class StunCodecFuzzTarget {
  private static final byte[] KEY = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);

  @FuzzTest(maxDuration = "10s")
  void fuzz(byte[] data) {
    byte[] buf = new byte[data.length + 3];
    System.arraycopy(data, 0, buf, 3, data.length);
    StunCodec.isStun(buf, 3, data.length);
    StunDecodeResult r = StunCodec.decode(buf, 3, data.length);
    assertNotNull(r);
    if (r instanceof StunDecodeResult.Decoded d) {
      StunCodec.integrityValid(buf, 3, data.length, d, KEY);
      StunCodec.fingerprintValid(buf, 3, data.length, d);
      assertNotNull(d.message());
    }
  }
}
