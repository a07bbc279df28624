package io.opensbc.sip.b2bua;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers the SBC makes: tags, Via branches and B-leg Call-IDs. A B-leg Call-ID names the
 * shard that owns the call ({@code "<shard hex2>-<random>"} under a fixed prefix) so the
 * transports can hand every message of a call to its shard without a lookup. Nothing in them
 * reveals an address.
 */
public final class Ids {
  static final String CALL_ID_PREFIX = "sbc";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  public static String tag() {
    return random(16);
  }

  public static String branch() {
    return "z9hG4bK" + random(20);
  }

  public static String callId(int shard) {
    StringBuilder sb = new StringBuilder(32);
    sb.append(CALL_ID_PREFIX).append(HEX[(shard >> 4) & 15]).append(HEX[shard & 15]).append('-');
    appendRandom(sb, 24);
    return sb.toString();
  }

  /** The shard owning a Call-ID: the one encoded in our own Call-IDs, else a hash of it. */
  public static int shardOf(String callId, int shards) {
    if (shards == 1 || callId == null) {
      return 0;
    }
    if (callId.length() == 30 && callId.startsWith(CALL_ID_PREFIX) && callId.charAt(5) == '-') {
      int hi = Character.digit(callId.charAt(3), 16);
      int lo = Character.digit(callId.charAt(4), 16);
      if (hi >= 0 && lo >= 0) {
        return ((hi << 4) | lo) % shards;
      }
    }
    return Math.floorMod(callId.hashCode(), shards);
  }

  private static String random(int chars) {
    StringBuilder sb = new StringBuilder(chars);
    appendRandom(sb, chars);
    return sb.toString();
  }

  private static void appendRandom(StringBuilder sb, int chars) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long bits = 0;
    for (int i = 0; i < chars; i++) {
      if ((i & 15) == 0) {
        bits = r.nextLong();
      }
      sb.append(HEX[(int) (bits & 15)]);
      bits >>>= 4;
    }
  }
}
