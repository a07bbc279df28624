package io.opensbc.media.relay;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.opensbc.media.control.PacketKind;

/**
 * Coverage-guided fuzzing (Jazzer) of the relay's RTP/RTCP/STUN/DTLS demultiplexing and header
 * reads (RFC 7983, RFC 5761): every datagram is classified, and its payload type and SSRC read
 * when it has them, without an exception. Seeds in
 * src/test/resources/io/opensbc/media/relay/RtpPacketsFuzzTargetInputs/.
 */
class RtpPacketsFuzzTarget {
  @FuzzTest(maxDuration = "6s")
  void fuzz(byte[] data) {
    ByteBuf b = Unpooled.wrappedBuffer(data);
    PacketKind k = RtpPackets.classify(b);
    if (k == PacketKind.RTP) {
      RtpPackets.payloadType(b);
    }
    if (k == PacketKind.RTP || k == PacketKind.RTCP) {
      RtpPackets.ssrc(b, k);
    }
  }
}
