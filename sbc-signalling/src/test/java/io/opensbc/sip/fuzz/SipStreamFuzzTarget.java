package io.opensbc.sip.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.opensbc.sip.message.codec.StreamFramer;
import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of TCP SIP framing: the bytes arrive in two reads cut where
 * the first byte says; every outcome is a value, never an exception. Seeds: the torture messages.
 * See {@link SipDatagramFuzzTarget} for how it runs.
 */
class SipStreamFuzzTarget {
  @FuzzTest(maxDuration = "10s")
  void fuzz(byte[] data) {
    StreamFramer framer = new StreamFramer(SipDatagramFuzzTarget.LIMITS);
    int cut = data.length == 0 ? 0 : (data[0] & 0xff) % (data.length + 1);
    framer.feed(Buffer.buffer(Arrays.copyOfRange(data, 0, cut)), d -> assertNotNull(d));
    framer.feed(Buffer.buffer(Arrays.copyOfRange(data, cut, data.length)), d -> assertNotNull(d));
  }
}
