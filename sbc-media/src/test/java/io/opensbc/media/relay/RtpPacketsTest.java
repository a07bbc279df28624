package io.opensbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opensbc.media.control.PacketKind;
import org.junit.jupiter.api.Test;

class RtpPacketsTest {
  private static ByteBuf bytes(int... b) {
    ByteBuf buf = Unpooled.buffer();
    for (int x : b) {
      buf.writeByte(x);
    }
    return buf;
  }

  private static ByteBuf rtp(int first, int second, int length) {
    ByteBuf buf = bytes(first, second, 0, 1, 0, 0, 0, 160, 0x12, 0x34, 0x56, 0x78);
    buf.writeZero(length - 12);
    return buf;
  }

  @Test
  void rtpVersion2WithItsFixedHeader() {
    ByteBuf p = rtp(0x80, 0x00, 172);
    assertEquals(PacketKind.RTP, RtpPackets.classify(p));
    assertEquals(0, RtpPackets.payloadType(p));
    assertEquals(0x12345678, RtpPackets.ssrc(p, PacketKind.RTP));
  }

  @Test
  void theMarkerBitIsNotPartOfThePayloadType() {
    ByteBuf p = rtp(0x80, 0x80 | 101, 12);
    assertEquals(PacketKind.RTP, RtpPackets.classify(p));
    assertEquals(101, RtpPackets.payloadType(p));
  }

  @Test
  void rtcpPacketTypesOnTheSecondByteAreRtcp() {
    // RFC 5761 section 4: 192..223 is RTCP (SR 200, RR 201, ..., and the reserved 192/193)
    ByteBuf rr = bytes(0x81, 201, 0, 7, 0xCA, 0xFE, 0xBA, 0xBE);
    assertEquals(PacketKind.RTCP, RtpPackets.classify(rr));
    assertEquals(0xCAFEBABE, RtpPackets.ssrc(rr, PacketKind.RTCP));
    assertEquals(PacketKind.RTCP, RtpPackets.classify(bytes(0x80, 192, 0, 1, 0, 0, 0, 0)));
    assertEquals(PacketKind.RTCP, RtpPackets.classify(bytes(0x80, 223, 0, 1, 0, 0, 0, 0)));
    assertEquals(PacketKind.RTP, RtpPackets.classify(rtp(0x80, 224, 12)));
  }

  @Test
  void anythingElseIsNotMedia() {
    assertNull(RtpPackets.classify(rtp(0x00, 0x01, 20)), "STUN binding request");
    assertNull(RtpPackets.classify(rtp(22, 0xfe, 20)), "DTLS handshake");
    assertNull(RtpPackets.classify(rtp(0x40, 0, 20)), "version 1");
    assertNull(RtpPackets.classify(bytes(0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0)), "11 bytes of RTP");
    assertNull(RtpPackets.classify(bytes(0x81, 201, 0, 1, 0, 0, 0)), "7 bytes of RTCP");
    assertNull(RtpPackets.classify(rtp(0x82, 0, 12 + 4)), "two CSRCs announced, one present");
    assertEquals(PacketKind.RTP, RtpPackets.classify(rtp(0x82, 0, 12 + 8)));
  }

  @Test
  void readsRelativeToTheReaderIndexWithoutMovingIt() {
    ByteBuf p = Unpooled.buffer();
    p.writeZero(32);
    p.writeBytes(rtp(0x80, 8, 20));
    p.readerIndex(32);
    assertEquals(PacketKind.RTP, RtpPackets.classify(p));
    assertEquals(8, RtpPackets.payloadType(p));
    assertEquals(0x12345678, RtpPackets.ssrc(p, PacketKind.RTP));
    assertEquals(32, p.readerIndex());
  }
}
