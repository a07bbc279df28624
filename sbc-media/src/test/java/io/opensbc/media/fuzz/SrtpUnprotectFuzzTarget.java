package io.opensbc.media.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.opensbc.media.srtp.SrtpContext;
import io.opensbc.media.srtp.SrtpMasterKey;
import io.opensbc.media.srtp.SrtpProfile;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of SRTP/SRTCP unprotect, which parses the RTP and RTCP
 * headers (CSRCs, extensions, padding, MKI, index): the first byte picks the profile, MKI and
 * RTP/RTCP; the rest is the packet. Any input gives a status (a length or a drop), never an
 * exception, and never a length outside the packet. Seeds: RTP and RTCP packets in
 * src/test/resources/io/opensbc/media/fuzz/SrtpUnprotectFuzzTargetInputs/.
 */
class SrtpUnprotectFuzzTarget {
  private static final SrtpProfile[] PROFILES = SrtpProfile.values();

  private static SrtpContext context(int selector) {
    SrtpProfile p = PROFILES[selector % PROFILES.length];
    byte[] key = new byte[p.keyLength()];
    byte[] salt = new byte[p.saltLength()];
    Arrays.fill(key, (byte) 7);
    Arrays.fill(salt, (byte) 9);
    byte[] mki = (selector & 0x10) != 0 ? new byte[] {1, 2} : new byte[0];
    return SrtpContext.create(new SrtpMasterKey(p, key, salt), 64, mki);
  }

  @FuzzTest(maxDuration = "12s")
  void fuzz(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int selector = data[0] & 0xff;
    SrtpContext ctx = context(selector);
    byte[] buf = Arrays.copyOfRange(data, 1, data.length);
    int len = buf.length;
    int out = (selector & 0x80) != 0 ? ctx.unprotectRtcp(buf, 0, len) : ctx.unprotect(buf, 0, len);
    assertTrue(out <= len, "unprotect returned a length past the packet");
  }
}
