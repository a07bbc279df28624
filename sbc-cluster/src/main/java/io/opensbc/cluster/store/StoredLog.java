package io.opensbc.cluster.store;

/** The stored form of a call's log: {@code [version: 8 bytes][tombstone: 1 byte][log bytes]}. */
final class StoredLog {
  private StoredLog() {}

  static byte[] wrap(long version, boolean tombstone, byte[] log) {
    byte[] body = log == null ? new byte[0] : log;
    byte[] out = new byte[9 + body.length];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (version >>> (56 - 8 * i));
    }
    out[8] = (byte) (tombstone ? 1 : 0);
    System.arraycopy(body, 0, out, 9, body.length);
    return out;
  }

  static long version(byte[] stored) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (stored[i] & 0xff);
    }
    return v;
  }

  static boolean isTombstone(byte[] stored) {
    return stored[8] == 1;
  }

  static byte[] log(byte[] stored) {
    byte[] out = new byte[stored.length - 9];
    System.arraycopy(stored, 9, out, 0, out.length);
    return out;
  }
}
