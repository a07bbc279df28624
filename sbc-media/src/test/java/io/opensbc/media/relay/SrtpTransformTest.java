package io.opensbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opensbc.media.control.PacketKind;
import io.opensbc.media.control.PacketTransform;
import io.opensbc.media.srtp.SdesKeys;
import io.opensbc.media.srtp.SrtpProfile;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SrtpTransformTest {
  private static byte[] rtp(int seq, int ssrc, int size) {
    byte[] p = new byte[size];
    p[0] = (byte) 0x80;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    p[8] = (byte) (ssrc >> 24);
    p[11] = (byte) ssrc;
    for (int i = 12; i < size; i++) {
      p[i] = (byte) (i + seq);
    }
    return p;
  }

  /** A direct buffer laid out as the relay reads: headroom, the packet, tailroom. */
  private static ByteBuf relayBuffer(byte[] packet) {
    ByteBuf b = Unpooled.directBuffer(PacketTransform.HEADROOM + packet.length + PacketTransform.TAILROOM);
    b.writerIndex(PacketTransform.HEADROOM).readerIndex(PacketTransform.HEADROOM);
    b.writeBytes(packet);
    return b;
  }

  @Test
  void protectThenUnprotectGivesThePacketBackForEachProfileAndSsrc() {
    for (SrtpProfile profile : SrtpProfile.values()) {
      SdesKeys keys = SdesKeys.generate(profile, new SecureRandom());
      SrtpTransform out = SrtpTransform.protect(keys);
      SrtpTransform in = SrtpTransform.unprotect(keys);
      for (int i = 0; i < 50; i++) {
        byte[] p = rtp(i, i % 3, 172);
        ByteBuf b = relayBuffer(p);
        try {
          int n = out.apply(b, PacketKind.RTP);
          assertEquals(p.length + profile.rtpTagLength(), n, profile.toString());
          b.writerIndex(b.readerIndex() + n);
          int m = in.apply(b, PacketKind.RTP);
          assertEquals(p.length, m);
          byte[] back = new byte[m];
          b.getBytes(b.readerIndex(), back);
          assertArrayEquals(p, back);
        } finally {
          b.release();
        }
      }
    }
  }

  @Test
  void aForgedOrTruncatedPacketIsDropped() {
    SdesKeys keys = SdesKeys.generate(SrtpProfile.AES_CM_128_HMAC_SHA1_80, new SecureRandom());
    SrtpTransform in = SrtpTransform.unprotect(keys);
    ByteBuf b = relayBuffer(rtp(1, 7, 100));
    try {
      assertEquals(PacketTransform.DROP, in.apply(b, PacketKind.RTP), "no valid tag");
    } finally {
      b.release();
    }
    ByteBuf shortOne = relayBuffer(new byte[8]);
    try {
      assertEquals(PacketTransform.DROP, in.apply(shortOne, PacketKind.RTP));
    } finally {
      shortOne.release();
    }
  }
}
