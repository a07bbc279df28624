package io.opensbc.media.srtp;

import static io.opensbc.media.srtp.SrtpTestSupport.audio;
import static io.opensbc.media.srtp.SrtpTestSupport.randomKey;
import static io.opensbc.media.srtp.SrtpTestSupport.rtcp;
import static io.opensbc.media.srtp.SrtpTestSupport.withRoom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.srtp.SrtpKeyDerivation.SessionKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SRTCP (RFC 3711 §3.4, RFC 7714 §9): index, E flag, replay and forgery. */
class SrtcpTest {

  private static final int SSRC = 0xcafe0001;

  private final Random random = new Random(11);

  private static byte[] seal(SrtpContext sender, byte[] plain) {
    byte[] b = withRoom(plain);
    int n = sender.protectRtcp(b, 0, plain.length);
    assertTrue(n > 0, () -> "protectRtcp refused: " + SrtpDrop.fromStatus(n));
    return Arrays.copyOf(b, n);
  }

  private static int open(SrtpContext receiver, byte[] sealed) {
    return receiver.unprotectRtcp(sealed.clone(), 0, sealed.length);
  }

  /** The E-and-index word: before the MKI and tag for AES-CM, after the tag for GCM. */
  private static String indexWord(SrtpProfile profile, byte[] sealed) {
    int at = sealed.length - 4 - (profile.aead() ? 0 : profile.rtcpTagLength());
    return SrtpTestSupport.hex(sealed, at, 4);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void roundTripsCompoundPacketsWithAnIncreasingEncryptedIndex(SrtpProfile profile) {
    SrtpMasterKey key = randomKey(profile, random);
    SrtpContext sender = SrtpContext.create(key);
    SrtpContext receiver = SrtpContext.create(key);
    for (int i = 0; i < 5; i++) {
      byte[] compound = new byte[64];
      System.arraycopy(rtcp(SSRC, i), 0, compound, 0, 32);
      System.arraycopy(rtcp(SSRC, 0x40 + i), 0, compound, 32, 32);
      byte[] sealed = seal(sender, compound);
      assertEquals(compound.length + profile.rtcpTagLength() + 4, sealed.length);
      assertEquals(String.format("8000000%d", i), indexWord(profile, sealed));
      assertArrayEquals(Arrays.copyOf(compound, 8), Arrays.copyOf(sealed, 8),
          "the first header and sender SSRC stay clear");
      byte[] b = sealed.clone();
      assertEquals(compound.length, receiver.unprotectRtcp(b, 0, b.length));
      assertArrayEquals(compound, Arrays.copyOf(b, compound.length));
    }
    assertEquals(5, receiver.rtcpPackets());
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void replayedAndTooOldSrtcpIsRejectedButLateInWindowIsNot(SrtpProfile profile) {
    SrtpMasterKey key = randomKey(profile, random);
    SrtpContext sender = SrtpContext.create(key);
    SrtpContext receiver = SrtpContext.create(key);
    List<byte[]> sealed = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sealed.add(seal(sender, rtcp(SSRC, i)));
    }
    assertTrue(open(receiver, sealed.get(99)) > 0);
    assertTrue(open(receiver, sealed.get(50)) > 0, "49 behind, inside 64");
    assertEquals(SrtpDrop.REPLAYED.status(), open(receiver, sealed.get(50)));
    assertEquals(SrtpDrop.REPLAYED.status(), open(receiver, sealed.get(99)));
    assertEquals(SrtpDrop.TOO_OLD.status(), open(receiver, sealed.get(10)));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aTamperedSrtcpPacketIsRejectedAndLeavesTheStreamIntact(SrtpProfile profile) {
    SrtpMasterKey key = randomKey(profile, random);
    SrtpContext sender = SrtpContext.create(key);
    SrtpContext receiver = SrtpContext.create(key);
    byte[] plain = rtcp(SSRC, 0x33);
    byte[] sealed = seal(sender, plain);
    for (int i = 0; i < sealed.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] forged = sealed.clone();
        forged[i] ^= (byte) (1 << bit);
        assertTrue(open(receiver, forged) < 0, "byte " + i + " bit " + bit + " was accepted");
      }
    }
    assertEquals(0, receiver.rtcpPackets());
    byte[] b = sealed.clone();
    assertEquals(plain.length, receiver.unprotectRtcp(b, 0, b.length));
    assertArrayEquals(plain, Arrays.copyOf(b, plain.length));
  }

  /** RFC 3711 §3.4: E = 0, the tag covers packet | E | index, and the payload is in the clear. */
  @Test
  void verifiesAnUnencryptedAesCmSrtcpPacket() throws Exception {
    SrtpMasterKey key = randomKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, random);
    SessionKeys keys = SrtpKeyDerivation.rtcp(key);
    byte[] plain = rtcp(SSRC, 0x21);
    byte[] packet = Arrays.copyOf(plain, plain.length + 4 + 10);
    RtpHeader.put32(packet, plain.length, 7);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(keys.authenticationKey(), "HmacSHA1"));
    mac.update(packet, 0, plain.length + 4);
    System.arraycopy(mac.doFinal(), 0, packet, plain.length + 4, 10);

    SrtpContext receiver = SrtpContext.create(key);
    byte[] b = packet.clone();
    assertEquals(plain.length, receiver.unprotectRtcp(b, 0, b.length));
    assertArrayEquals(plain, Arrays.copyOf(b, plain.length));
    packet[20] ^= 1;
    assertEquals(SrtpDrop.NOT_AUTHENTIC.status(), open(SrtpContext.create(key), packet));
  }

  @Test
  void rtpAndRtcpBindTheirSsrcsSeparately() {
    SrtpMasterKey key = randomKey(SrtpProfile.AEAD_AES_128_GCM, random);
    SrtpContext sender = SrtpContext.create(key);
    SrtpContext receiver = SrtpContext.create(key);
    byte[] b = withRoom(audio(1, 0x1111));
    int n = sender.protect(b, 0, b.length - SrtpTestSupport.HEADROOM);
    assertTrue(receiver.unprotect(b, 0, n) > 0);
    assertTrue(open(receiver, seal(sender, rtcp(0x2222, 1))) > 0,
        "RTCP from a receive-only SSRC");
    assertEquals(SrtpDrop.OTHER_SSRC.status(), open(receiver,
        seal(SrtpContext.create(key), rtcp(0x3333, 2))));
  }

  @Test
  void theSrtcpIndexRunsOutAt2To31() {
    SrtpContext sender = SrtpContext.create(randomKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
        random));
    sender.nextSrtcpIndex(0x7fff_ffffL);
    byte[] last = seal(sender, rtcp(SSRC, 1));
    assertEquals("ffffffff", indexWord(SrtpProfile.AES_CM_128_HMAC_SHA1_80, last));
    byte[] b = withRoom(rtcp(SSRC, 2));
    assertEquals(SrtpDrop.KEYS_EXHAUSTED.status(), sender.protectRtcp(b, 0, 32));
    assertEquals(1, sender.dropped(SrtpDrop.KEYS_EXHAUSTED));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void shortOrMalformedSrtcpIsDropped(SrtpProfile profile) {
    SrtpContext c = SrtpContext.create(randomKey(profile, random));
    int minimum = 8 + c.rtcpOverhead();
    for (int len = 0; len < minimum; len++) {
      byte[] b = new byte[len];
      if (len > 0) {
        b[0] = (byte) 0x80;
      }
      assertEquals(SrtpDrop.MALFORMED.status(), c.unprotectRtcp(b, 0, len), "length " + len);
    }
    byte[] version0 = new byte[minimum + 8];
    assertEquals(SrtpDrop.MALFORMED.status(), c.unprotectRtcp(version0, 0, version0.length));
    assertEquals(SrtpDrop.MALFORMED.status(), c.protectRtcp(new byte[64], 0, 8));
    assertEquals(SrtpDrop.NO_ROOM.status(), c.protectRtcp(rtcp(SSRC, 1), 0, 32));
  }
}
