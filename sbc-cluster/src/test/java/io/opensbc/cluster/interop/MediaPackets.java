package io.opensbc.cluster.interop;

/** RTP packets the interop tests send through the relay: PCMU (PT 0), one SSRC, the payload varies with seq. */
final class MediaPackets {
  private MediaPackets() {}

  static byte[] packet(int seq) {
    byte[] p = new byte[172];
    p[0] = (byte) 0x80;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    p[11] = 0x42;
    for (int i = 12; i < p.length; i++) {
      p[i] = (byte) (seq + i);
    }
    return p;
  }
}
