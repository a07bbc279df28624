package io.opensbc.media.srtp;

import static io.opensbc.media.srtp.SrtpTestSupport.randomKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage in, a status out: a million random, mangled and truncated packets go into unprotect and
 * unprotectRtcp under every profile (with and without MKI) and none may throw. A random packet
 * that authenticated would be a bug too (2^-32 for the shortest tag, for a fixed seed: never).
 */
class SrtpFuzzTest {

  private static final int PACKETS = 1_000_000;

  @Test
  void aMillionHostilePacketsNeverThrow() {
    Random random = new Random(20251124);
    SrtpProfile[] profiles = SrtpProfile.values();
    SrtpContext[] receivers = new SrtpContext[profiles.length * 2];
    SrtpContext[] senders = new SrtpContext[receivers.length];
    for (int i = 0; i < receivers.length; i++) {
      SrtpMasterKey key = randomKey(profiles[i % profiles.length], random);
      byte[] mki = i < profiles.length ? new byte[0] : new byte[] {1, 2};
      receivers[i] = SrtpContext.create(key, 64, mki);
      senders[i] = SrtpContext.create(key, 64, mki);
    }
    byte[] buf = new byte[1600];
    long accepted = 0;
    int[] seq = new int[receivers.length];
    for (int n = 0; n < PACKETS; n++) {
      int which = random.nextInt(receivers.length);
      SrtpContext receiver = receivers[which];
      boolean rtcp = random.nextBoolean();
      int len = fill(random, buf, rtcp, senders[which], seq, which);
      int off = random.nextInt(4);
      if (off + len > buf.length) {
        len = buf.length - off;
      }
      int status = rtcp ? receiver.unprotectRtcp(buf, off, len) : receiver.unprotect(buf, off, len);
      if (status >= 0) {
        accepted++;
        assertTrue(status <= len);
      } else {
        SrtpDrop.fromStatus(status);
      }
    }
    long dropped = 0;
    for (SrtpContext r : receivers) {
      for (SrtpDrop d : SrtpDrop.values()) {
        dropped += r.dropped(d);
      }
    }
    assertEquals(PACKETS, accepted + dropped, "every packet is either passed or counted");
    assertEquals(0, accepted, "no garbage authenticated");
  }

  /**
   * One hostile packet in {@code buf[0..)}: random bytes (often with version 2 so they get past
   * the first check), or a genuine packet truncated or with a byte changed, or with the
   * CSRC count and extension length pointing past the end.
   */
  private static int fill(Random random, byte[] buf, boolean rtcp, SrtpContext sender, int[] seq,
      int which) {
    int kind = random.nextInt(4);
    if (kind <= 1) {
      int len = random.nextInt(8) == 0 ? random.nextInt(1500) : random.nextInt(80);
      for (int i = 0; i < len; i++) {
        buf[i] = (byte) random.nextInt();
      }
      if (kind == 1 && len > 0) {
        buf[0] = (byte) (0x80 | buf[0] & 0x3f);
      }
      return len;
    }
    byte[] plain = rtcp ? SrtpTestSupport.rtcp(0x4000 + which, random.nextInt(256))
        : SrtpTestSupport.rtp(seq[which]++ & 0xffff, 0x4000 + which, random.nextInt(3),
            random.nextInt(3) - 1, 0, new byte[random.nextInt(200)]);
    System.arraycopy(plain, 0, buf, 0, plain.length);
    int sealed = rtcp ? sender.protectRtcp(buf, 0, plain.length)
        : sender.protect(buf, 0, plain.length);
    if (sealed < 0) {
      return plain.length;
    }
    if (kind == 2) {
      return random.nextInt(sealed);
    }
    buf[random.nextInt(sealed)] ^= (byte) (1 + random.nextInt(255));
    if (!rtcp && random.nextBoolean()) {
      buf[0] = (byte) (buf[0] | 0x1f);
      Arrays.fill(buf, 12 + 4 * 15 + 2, 12 + 4 * 15 + 4, (byte) 0xff);
    }
    return sealed;
  }
}
