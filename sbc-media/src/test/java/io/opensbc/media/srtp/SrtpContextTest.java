package io.opensbc.media.srtp;

import static io.opensbc.media.srtp.SrtpTestSupport.audio;
import static io.opensbc.media.srtp.SrtpTestSupport.randomKey;
import static io.opensbc.media.srtp.SrtpTestSupport.rtp;
import static io.opensbc.media.srtp.SrtpTestSupport.withRoom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SRTP through a pair of contexts: round trips, rollover, replay, forgery and bad input. */
class SrtpContextTest {

  private static final int SSRC = 0x11223344;

  private final Random random = new Random(7);

  /** A sender and a receiver keyed alike. */
  private record Pair(SrtpContext sender, SrtpContext receiver) {
    static Pair of(SrtpMasterKey key) {
      return new Pair(SrtpContext.create(key), SrtpContext.create(key));
    }
  }

  private Pair pair(SrtpProfile profile) {
    return Pair.of(randomKey(profile, random));
  }

  /** Protects {@code plain} and returns exactly the SRTP packet. */
  private static byte[] seal(SrtpContext sender, byte[] plain) {
    byte[] b = withRoom(plain);
    int n = sender.protect(b, 0, plain.length);
    assertTrue(n > 0, () -> "protect refused: " + SrtpDrop.fromStatus(n));
    return Arrays.copyOf(b, n);
  }

  /** Unprotects a copy of {@code sealed}; the status, and the plaintext when it is a length. */
  private static int open(SrtpContext receiver, byte[] sealed, byte[][] plainOut) {
    byte[] b = sealed.clone();
    int n = receiver.unprotect(b, 0, b.length);
    if (plainOut != null && n >= 0) {
      plainOut[0] = Arrays.copyOf(b, n);
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void roundTripsPacketsWithCsrcsExtensionsAndPadding(SrtpProfile profile) {
    Pair p = pair(profile);
    int seq = 1000;
    for (int csrcs : new int[] {0, 1, 15}) {
      for (int ext : new int[] {-1, 0, 3}) {
        for (int padding : new int[] {0, 1, 7}) {
          for (int size : new int[] {0, 1, 20, 160, 1200}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            byte[] plain = rtp(seq++, SSRC, csrcs, ext, padding, payload);
            int header = plain.length - size - padding;
            byte[] sealed = seal(p.sender, plain);
            assertEquals(plain.length + profile.rtpTagLength(), sealed.length);
            assertArrayEquals(Arrays.copyOf(plain, header), Arrays.copyOf(sealed, header),
                "the header travels in the clear");
            if (size + padding >= 16) {
              assertFalse(Arrays.equals(Arrays.copyOfRange(plain, header, plain.length),
                  Arrays.copyOfRange(sealed, header, plain.length)), "the payload is encrypted");
            }
            byte[][] out = new byte[1][];
            assertEquals(plain.length, open(p.receiver, sealed, out));
            assertArrayEquals(plain, out[0]);
          }
        }
      }
    }
    assertEquals(seq - 1000, p.receiver.rtpPackets());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void eachProfileAppendsItsTag(SrtpProfile profile) {
    SrtpContext c = SrtpContext.create(randomKey(profile, random));
    assertEquals(profile.rtpTagLength(), c.rtpOverhead());
    assertEquals(profile.rtcpTagLength() + 4, c.rtcpOverhead());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void anMkiIsWrittenAndMustMatch(SrtpProfile profile) {
    SrtpMasterKey key = randomKey(profile, random);
    byte[] mki = {0, 0, 0, 7};
    SrtpContext sender = SrtpContext.create(key, 64, mki);
    SrtpContext receiver = SrtpContext.create(key, 64, mki);
    SrtpContext stranger = SrtpContext.create(key, 64, new byte[] {0, 0, 0, 8});
    byte[] plain = audio(1, SSRC);
    byte[] sealed = seal(sender, plain);
    assertEquals(plain.length + profile.rtpTagLength() + 4, sealed.length);
    int mkiAt = profile.aead() ? sealed.length - 4 : plain.length;
    assertArrayEquals(mki, Arrays.copyOfRange(sealed, mkiAt, mkiAt + 4),
        profile.aead() ? "RFC 7714 §8: after the tag" : "RFC 3711 §3.1: before the tag");
    assertEquals(SrtpDrop.UNKNOWN_MKI.status(), open(stranger, sealed, null));
    byte[][] out = new byte[1][];
    assertEquals(plain.length, open(receiver, sealed, out));
    assertArrayEquals(plain, out[0]);
  }

  /**
   * RFC 3711 §3.3.1 / Appendix A: packets reordered across 65535 -> 0 are each given the right
   * ROC, by the sender (which forwards them in the order it gets them) and by the receiver.
   */
  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void theRolloverCounterFollowsAWrapWithReordering(SrtpProfile profile) {
    Pair p = pair(profile);
    assertEquals(0, p.receiver.rolloverCounter(), "before any packet");
    List<Integer> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sent.add((65520 + i) & 0xffff);
    }
    // The sender gets them slightly out of order: each group of four reversed.
    for (int g = 0; g < sent.size(); g += 4) {
      Collections.reverse(sent.subList(g, g + 4));
    }
    List<byte[]> plains = new ArrayList<>();
    List<byte[]> sealed = new ArrayList<>();
    for (int seq : sent) {
      plains.add(audio(seq, SSRC));
      sealed.add(seal(p.sender, plains.get(plains.size() - 1)));
    }
    assertEquals(1, p.sender.rolloverCounter());
    // The network reorders again: swap neighbours, and hold 65534 back until after 0..9.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sent.size(); i += 2) {
      order.add(i + 1);
      order.add(i);
    }
    int held = sent.indexOf(65534);
    order.remove(Integer.valueOf(held));
    order.add(order.indexOf(sent.indexOf(9)) + 1, held);
    for (int i : order) {
      byte[][] out = new byte[1][];
      assertEquals(plains.get(i).length, open(p.receiver, sealed.get(i), out),
          "seq " + sent.get(i));
      assertArrayEquals(plains.get(i), out[0]);
    }
    assertEquals(1, p.receiver.rolloverCounter());
    assertEquals(SrtpDrop.REPLAYED.status(), open(p.receiver, sealed.get(held), null));
  }

  @Test
  void aLatePacketFromBeforeTheWrapThatFellOffTheWindowIsTooOld() {
    Pair p = pair(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    byte[] late = null;
    for (int i = 0; i < 100; i++) {
      byte[] sealed = seal(p.sender, audio((65500 + i) & 0xffff, SSRC));
      if (i == 0) {
        late = sealed;
      } else {
        assertTrue(open(p.receiver, sealed, null) > 0);
      }
    }
    assertEquals(SrtpDrop.TOO_OLD.status(), open(p.receiver, late, null));
    assertEquals(1, p.receiver.dropped(SrtpDrop.TOO_OLD));
  }

  @Test
  void aReplayedPacketIsRejectedAndCounted() {
    Pair p = pair(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    byte[] first = seal(p.sender, audio(10, SSRC));
    byte[] second = seal(p.sender, audio(11, SSRC));
    assertTrue(open(p.receiver, second, null) > 0);
    assertTrue(open(p.receiver, first, null) > 0, "in-window, out of order: accepted");
    assertEquals(SrtpDrop.REPLAYED.status(), open(p.receiver, first, null));
    assertEquals(SrtpDrop.REPLAYED.status(), open(p.receiver, second, null));
    assertEquals(2, p.receiver.dropped(SrtpDrop.REPLAYED));
    assertEquals(2, p.receiver.rtpPackets());
  }

  @Test
  void theSenderRefusesToReuseAnIndex() {
    SrtpContext sender = SrtpContext.create(randomKey(SrtpProfile.AEAD_AES_128_GCM, random));
    byte[] b = withRoom(audio(5, SSRC));
    assertTrue(sender.protect(b, 0, b.length - SrtpTestSupport.HEADROOM) > 0);
    byte[] again = withRoom(audio(5, SSRC));
    assertEquals(SrtpDrop.REPLAYED.status(), sender.protect(again, 0, again.length
        - SrtpTestSupport.HEADROOM), "the same GCM nonce twice would leak the GHASH key");
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aTamperedPacketIsRejectedAndLeavesTheStreamIntact(SrtpProfile profile) {
    Pair p = pair(profile);
    byte[] plain = rtp(300, SSRC, 2, 1, 0, new byte[40]);
    byte[] sealed = seal(p.sender, plain);
    for (int i = 0; i < sealed.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] forged = sealed.clone();
        forged[i] ^= (byte) (1 << bit);
        int status = open(p.receiver, forged, null);
        assertTrue(status < 0, "byte " + i + " bit " + bit + " was accepted");
      }
    }
    assertEquals(0, p.receiver.rtpPackets());
    assertTrue(p.receiver.dropped(SrtpDrop.NOT_AUTHENTIC) > 0);
    byte[][] out = new byte[1][];
    assertEquals(plain.length, open(p.receiver, sealed, out), "the genuine packet still passes");
    assertArrayEquals(plain, out[0]);
  }

  /** A forged seq 100 after 60000 would mean ROC + 1; failing its tag, it must change nothing. */
  @Test
  void aForgeryAcrossTheWrapMovesNeitherTheRolloverCounterNorTheWindow() {
    Pair p = pair(SrtpProfile.AES_CM_128_HMAC_SHA1_32);
    assertTrue(open(p.receiver, seal(p.sender, audio(60000, SSRC)), null) > 0);
    for (int seq : new int[] {100, 60001}) {
      byte[] forged = withRoom(audio(seq, SSRC));
      int n = forged.length - SrtpTestSupport.HEADROOM + 4;
      assertEquals(SrtpDrop.NOT_AUTHENTIC.status(), p.receiver.unprotect(forged, 0, n));
    }
    assertEquals(0, p.receiver.rolloverCounter());
    assertTrue(open(p.receiver, seal(p.sender, audio(60001, SSRC)), null) > 0);
    assertEquals(0, p.receiver.rolloverCounter());
  }

  @Test
  void aContextServesOneSsrc() {
    SrtpMasterKey key = randomKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, random);
    Pair p = Pair.of(key);
    SrtpContext stranger = SrtpContext.create(randomKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
        random));
    assertEquals(SrtpDrop.NOT_AUTHENTIC.status(), open(p.receiver, seal(stranger, audio(1, 0x55)),
        null), "a forged first packet does not bind the context");
    assertTrue(open(p.receiver, seal(p.sender, audio(2, SSRC)), null) > 0);
    SrtpContext otherStream = SrtpContext.create(key);
    assertEquals(SrtpDrop.OTHER_SSRC.status(), open(p.receiver, seal(otherStream, audio(3, 0x66)),
        null), "same keys, another SSRC: its own context");
    byte[] b = withRoom(audio(4, 0x66));
    assertEquals(SrtpDrop.OTHER_SSRC.status(), p.sender.protect(b, 0, b.length
        - SrtpTestSupport.HEADROOM));
    assertEquals(1, p.receiver.dropped(SrtpDrop.OTHER_SSRC));
  }

  @Test
  void protectNeverWritesPastTheArray() {
    SrtpContext c = SrtpContext.create(randomKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, random));
    byte[] plain = audio(1, SSRC);
    byte[] tight = Arrays.copyOf(plain, plain.length + 9);
    assertEquals(SrtpDrop.NO_ROOM.status(), c.protect(tight, 0, plain.length));
    assertArrayEquals(plain, Arrays.copyOf(tight, plain.length), "left untouched");
    byte[] exact = Arrays.copyOf(plain, plain.length + 10);
    assertEquals(plain.length + 10, c.protect(exact, 0, plain.length));
  }

  @Test
  void packetsAtAnOffsetAreTransformedInPlace() {
    Pair p = pair(SrtpProfile.AEAD_AES_256_GCM);
    byte[] plain = audio(9, SSRC);
    byte[] b = new byte[7 + plain.length + 40];
    Arrays.fill(b, (byte) 0xee);
    System.arraycopy(plain, 0, b, 7, plain.length);
    int n = p.sender.protect(b, 7, plain.length);
    assertEquals(plain.length + 16, n);
    assertEquals((byte) 0xee, b[6]);
    assertEquals((byte) 0xee, b[7 + n]);
    assertEquals(plain.length, p.receiver.unprotect(b, 7, n));
    assertArrayEquals(plain, Arrays.copyOfRange(b, 7, 7 + plain.length));
  }

  @Test
  void malformedPacketsAreDroppedNotThrown() {
    SrtpContext c = SrtpContext.create(randomKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, random));
    byte[] version1 = withRoom(audio(1, SSRC));
    version1[0] = 0x40;
    byte[] csrcOverrun = withRoom(rtp(1, SSRC, 0, -1, 0, new byte[8]));
    csrcOverrun[0] = (byte) 0x83;
    byte[] extensionOverrun = withRoom(rtp(1, SSRC, 0, 0, 0, new byte[8]));
    extensionOverrun[15] = 9;
    byte[] badPadding = withRoom(rtp(1, SSRC, 0, -1, 3, new byte[8]));
    badPadding[22] = 0;
    int plainLength = 12 + 8;
    assertEquals(SrtpDrop.MALFORMED.status(), c.protect(version1, 0, 172));
    assertEquals(SrtpDrop.MALFORMED.status(), c.protect(csrcOverrun, 0, plainLength));
    assertEquals(SrtpDrop.MALFORMED.status(), c.protect(extensionOverrun, 0, plainLength + 4));
    assertEquals(SrtpDrop.MALFORMED.status(), c.protect(badPadding, 0, plainLength + 3));
    assertEquals(SrtpDrop.MALFORMED.status(), c.protect(new byte[64], 0, 11));
    assertEquals(SrtpDrop.MALFORMED.status(), c.unprotect(audio(1, SSRC), 0, 12 + 9),
        "no room for header and tag");
    assertEquals(6, c.dropped(SrtpDrop.MALFORMED));
    assertEquals(0, c.rtpPackets());
  }

  @Test
  void aRangeOutsideTheArrayIsACallerBug() {
    SrtpContext c = SrtpContext.create(randomKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, random));
    assertThrows(IndexOutOfBoundsException.class, () -> c.unprotect(new byte[10], 5, 10));
    assertThrows(IndexOutOfBoundsException.class, () -> c.protect(new byte[10], -1, 4));
  }

  @Test
  void everyDropStatusNamesItsReason() {
    for (SrtpDrop d : SrtpDrop.values()) {
      assertTrue(d.status() < 0);
      assertEquals(d, SrtpDrop.fromStatus(d.status()));
    }
    assertThrows(IllegalArgumentException.class, () -> SrtpDrop.fromStatus(0));
    assertThrows(IllegalArgumentException.class, () -> SrtpDrop.fromStatus(-99));
  }

  @Test
  void aLargerReplayWindowAcceptsOlderReorderedPackets() {
    SrtpMasterKey key = randomKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, random);
    SrtpContext sender = SrtpContext.create(key);
    SrtpContext small = SrtpContext.create(key);
    SrtpContext large = SrtpContext.create(key, 1024, new byte[0]);
    byte[] late = seal(sender, audio(0, SSRC));
    for (int seq = 1; seq <= 500; seq++) {
      byte[] sealed = seal(sender, audio(seq, SSRC));
      open(small, sealed, null);
      open(large, sealed, null);
    }
    assertEquals(SrtpDrop.TOO_OLD.status(), open(small, late, null));
    assertTrue(open(large, late, null) > 0);
  }
}
