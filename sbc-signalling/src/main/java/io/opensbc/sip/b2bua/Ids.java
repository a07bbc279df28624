package io.opensbc.sip.b2bua;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers the SBC makes: tags, Via branches and B-leg Call-IDs. A B-leg Call-ID names the
 * shard that owns the call ({@code "<shard hex2>-<random>"} under a fixed prefix) so the
 * transports can hand every message of a call to its shard without a lookup; in a cluster it
 * also names the owning node ({@code ".<node>"}), and our A-side To tag carries the same
 * reference, so any node can route a call's message without a lookup. Nothing in them reveals an
 * address.
 */
public final class Ids {
  static final String CALL_ID_PREFIX = "sbc";
  private static final char NODE_SEPARATOR = '.';
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

  /**
   * A B-leg Call-ID that also names the node owning the call ({@code node} null: none):
   * {@code sbc<shard>-<random>.<node>} (docs/cluster.md, "Ownership on the wire").
   */
  public static String callId(int shard, String node) {
    String id = callId(shard);
    return node == null ? id : id + NODE_SEPARATOR + node;
  }

  /**
   * Our To tag on the A leg of the call whose B-leg Call-ID is {@code bCallId}: the Call-ID
   * without its prefix, so any node can tell the call (and its owner) from an A-side message.
   */
  public static String aTagFor(String bCallId) {
    return bCallId.startsWith(CALL_ID_PREFIX) && bCallId.indexOf(NODE_SEPARATOR) > 0
        ? bCallId.substring(CALL_ID_PREFIX.length()) : tag();
  }

  /** The call reference (B-leg Call-ID) named by one of our Call-IDs or A-side tags, or null. */
  public static String callRefOf(String idOrTag) {
    if (idOrTag == null) {
      return null;
    }
    String ref = idOrTag.startsWith(CALL_ID_PREFIX) ? idOrTag : CALL_ID_PREFIX + idOrTag;
    int dot = ref.indexOf(NODE_SEPARATOR);
    if (dot != 30 || ref.length() == 31 || ref.charAt(5) != '-') {
      return null;
    }
    for (int i = 3; i < 30; i++) {
      if (i != 5 && Character.digit(ref.charAt(i), 16) < 0) {
        return null;
      }
    }
    return ref;
  }

  /** The node named by one of our Call-IDs or A-side tags, or null when it names none. */
  public static String nodeOf(String idOrTag) {
    String ref = callRefOf(idOrTag);
    return ref == null ? null : ref.substring(31);
  }

  /** The shard owning a Call-ID: the one encoded in our own Call-IDs, else a hash of it. */
  public static int shardOf(String callId, int shards) {
    if (shards == 1 || callId == null) {
      return 0;
    }
    if (callId.length() >= 30 && callId.startsWith(CALL_ID_PREFIX) && callId.charAt(5) == '-') {
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
