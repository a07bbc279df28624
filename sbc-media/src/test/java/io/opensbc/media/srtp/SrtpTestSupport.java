package io.opensbc.media.srtp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/** Hex, packet builders and buffers with headroom for the SRTP tests. */
final class SrtpTestSupport {

  /** Room after each packet, more than any profile appends with a 4-byte MKI. */
  static final int HEADROOM = 64;

  private SrtpTestSupport() {}

  /** Hex with any whitespace. */
  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
  }

  static String hex(byte[] b, int off, int len) {
    return HexFormat.of().formatHex(b, off, off + len);
  }

  /** A copy of {@code packet} in an array with {@link #HEADROOM} spare bytes after it. */
  static byte[] withRoom(byte[] packet) {
    return Arrays.copyOf(packet, packet.length + HEADROOM);
  }

  /** An RTP packet: version 2, payload type 0, the given CSRC count, extension and padding. */
  static byte[] rtp(int seq, int ssrc, int csrcs, int extensionWords, int padding, byte[] payload) {
    int header = 12 + 4 * csrcs + (extensionWords >= 0 ? 4 + 4 * extensionWords : 0);
    byte[] b = new byte[header + payload.length + padding];
    b[0] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | (extensionWords >= 0 ? 0x10 : 0) | csrcs);
    b[2] = (byte) (seq >>> 8);
    b[3] = (byte) seq;
    RtpHeader.put32(b, 4, seq * 160);
    RtpHeader.put32(b, 8, ssrc);
    for (int i = 0; i < csrcs; i++) {
      RtpHeader.put32(b, 12 + 4 * i, 0x1000 + i);
    }
    if (extensionWords >= 0) {
      int at = 12 + 4 * csrcs;
      b[at] = (byte) 0xbe;
      b[at + 1] = (byte) 0xde;
      b[at + 3] = (byte) extensionWords;
      Arrays.fill(b, at + 4, header, (byte) 0x5a);
    }
    System.arraycopy(payload, 0, b, header, payload.length);
    if (padding > 0) {
      b[b.length - 1] = (byte) padding;
    }
    return b;
  }

  /** A plain audio packet: 12-byte header and a 160-byte payload derived from the sequence. */
  static byte[] audio(int seq, int ssrc) {
    byte[] payload = new byte[160];
    new Random(seq).nextBytes(payload);
    return rtp(seq, ssrc, 0, -1, 0, payload);
  }

  /** A receiver report with one report block, sender {@code ssrc}. */
  static byte[] rtcp(int ssrc, int fill) {
    byte[] b = new byte[32];
    b[0] = (byte) 0x81;
    b[1] = (byte) 201;
    b[3] = 7;
    RtpHeader.put32(b, 4, ssrc);
    Arrays.fill(b, 8, 32, (byte) fill);
    return b;
  }

  static SrtpMasterKey randomKey(SrtpProfile profile, Random random) {
    byte[] key = new byte[profile.keyLength()];
    byte[] salt = new byte[profile.saltLength()];
    random.nextBytes(key);
    random.nextBytes(salt);
    return new SrtpMasterKey(profile, key, salt);
  }
}
