package io.opensbc.config.validation;

/**
 * An allowed range of integers.
 *
 * @param allowed how the range reads in {@code (allowed: ...)}
 */
public record IntRule(long min, long max, String allowed) {
  public static final IntRule PORT = new IntRule(1, 65535, "1-65535");

  /** A listener may bind an ephemeral port (component tests on 127.0.0.1:0). */
  public static final IntRule LISTENER_PORT = new IntRule(0, 65535, "1-65535, or 0 = ephemeral");

  public static final IntRule PORT_OR_ZERO = new IntRule(0, 65535, "0-65535, 0 = ephemeral");
  public static final IntRule CLUSTER_PORT = new IntRule(0, 65535, "0-65535, 0 = auto");
  public static final IntRule POSITIVE = new IntRule(1, Integer.MAX_VALUE, "1 or more");
  public static final IntRule WORKERS = new IntRule(0, 1024, "0-1024, 0 = one per event loop");

  /** Hazelcast allows at most 6 synchronous backups. */
  public static final IntRule BACKUP_COUNT = new IntRule(0, 6, "0-6");

  /** A final failure status a response may be changed to. */
  public static final IntRule FAILURE_STATUS = new IntRule(300, 699, "300-699");

  /** A status a request may be rejected with. */
  public static final IntRule REJECT_STATUS = new IntRule(400, 699, "400-699");

  /** A Q.850 cause value. */
  public static final IntRule Q850_CAUSE = new IntRule(1, 127, "1-127");

  /** A target's priority or weight (as in DNS SRV records). */
  public static final IntRule SRV_VALUE = new IntRule(0, 65535, "0-65535");

  /** Consecutive health-check results that change a target's state. */
  public static final IntRule HEALTH_COUNT = new IntRule(1, 100, "1-100");

  public static final IntRule MAX_TARGETS = new IntRule(0, 100, "0-100, 0 = every target");
  public static final IntRule TRUNK_LIMIT = new IntRule(0, 1_000_000, "0-1000000, 0 = no limit");

  /** The bucket size of a per-source rate limit. */
  public static final IntRule BURST = new IntRule(1, 100_000, "1-100000");

  /** Calls per caller/callee pair and window before retry damping answers them. */
  public static final IntRule MAX_ATTEMPTS = new IntRule(1, 1000, "1-1000");

  /** The lowest media port: RTP ports are even, and the range holds at least three ports. */
  public static final IntRule MEDIA_PORT_MIN = new IntRule(1024, 65532, "an even number 1024-65532");

  public static final IntRule MEDIA_PORT_MAX = new IntRule(1024, 65535, "1024-65535");

  /** Media relay sessions at once on one node. */
  public static final IntRule MEDIA_SESSIONS = new IntRule(1, 1_000_000, "1-1000000");

  /** Packets from a new source address before a stream re-latches to it. */
  public static final IntRule RELATCH_PACKETS = new IntRule(1, 100, "1-100");

  /** The largest media datagram relayed (an Ethernet MTU up to jumbo frames). */
  public static final IntRule PACKET_BYTES = new IntRule(200, 9000, "200-9000");

  /** The violation message for {@code value}, or null if allowed. */
  public String check(long value) {
    if (value >= min && value <= max) {
      return null;
    }
    return value + " is out of range (allowed: " + allowed + ")";
  }
}
