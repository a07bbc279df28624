package io.opensbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** RFC 7983 §7: the first byte of a datagram on a shared media port says what it is. */
class DemuxTest {
  @Test
  void everyFirstByteValueFallsInTheRangeRfc7983Gives() {
    for (int b = 0; b < 256; b++) {
      Demux expected = b <= 3 ? Demux.STUN
          : b >= 20 && b <= 63 ? Demux.DTLS
          : b >= 128 && b <= 191 ? Demux.RTP
          : Demux.OTHER; // 4..19 reserved (ZRTP 16..19), 64..79 TURN channels, 192..255 reserved
      assertEquals(expected, Demux.of(b), "first byte " + b);
      assertEquals(expected, Demux.of(Unpooled.wrappedBuffer(new byte[] {(byte) b, 0, 0})), "buffer " + b);
    }
  }

  @Test
  void boundariesAndEmptyDatagrams() {
    assertEquals(Demux.STUN, Demux.of(3));
    assertEquals(Demux.OTHER, Demux.of(4));
    assertEquals(Demux.OTHER, Demux.of(19));
    assertEquals(Demux.DTLS, Demux.of(20));
    assertEquals(Demux.DTLS, Demux.of(63));
    assertEquals(Demux.OTHER, Demux.of(64));
    assertEquals(Demux.OTHER, Demux.of(127));
    assertEquals(Demux.RTP, Demux.of(128));
    assertEquals(Demux.RTP, Demux.of(191));
    assertEquals(Demux.OTHER, Demux.of(192));
    assertEquals(Demux.OTHER, Demux.of(Unpooled.EMPTY_BUFFER));
    // the reader index counts, not the start of the backing array
    assertEquals(Demux.DTLS, Demux.of(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 22}).skipBytes(1)));
  }
}
