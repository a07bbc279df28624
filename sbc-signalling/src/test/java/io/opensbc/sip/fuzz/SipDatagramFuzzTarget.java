package io.opensbc.sip.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipUri;
import io.opensbc.sip.message.codec.DatagramFramer;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SizeLimits;
import io.opensbc.sip.security.DigestParams;
import io.vertx.core.buffer.Buffer;

/**
 * Coverage-guided fuzzing (Jazzer) of UDP SIP decoding: any datagram gives a value (message,
 * malformed, keep-alive), never an exception, and what parsed can be read through every accessor
 * the B2BUA and the registrar use. Seeds: the RFC 4475/5118 torture messages in
 * src/test/resources/io/opensbc/sip/fuzz/SipDatagramFuzzTargetInputs/fuzz/. The {@code fuzz} surefire
 * execution (part of {@code mvn verify}) runs it with JAZZER_FUZZ=1 for maxDuration
 * (docs/security.md, "Fuzzing"). One fuzz test per class: Jazzer fuzzes one per JVM.
 */
class SipDatagramFuzzTarget {
  static final SizeLimits LIMITS = new SizeLimits(4096, 64, 1024, 2048);

  @FuzzTest(maxDuration = "15s")
  void fuzz(byte[] data) {
    Decoded d = DatagramFramer.decode(Buffer.buffer(data), LIMITS);
    assertNotNull(d);
    if (d instanceof Decoded.Message m) {
      m.message().callId();
      m.message().headers().values("Via");
      m.message().headers().values("Contact");
      if (m.message() instanceof SipRequest r) {
        r.to();
        r.from();
        r.cseq();
        SipUri.parse(r.uri());
        for (String v : r.headers().values("Authorization")) {
          DigestParams.parse(v);
        }
      }
    }
  }
}
