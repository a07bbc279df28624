package io.opensbc.sip.routing.health;

import io.opensbc.sip.routing.health.ProbeResult.Answered;
import io.opensbc.sip.routing.health.ProbeResult.TimedOut;
import io.opensbc.sip.routing.health.ProbeResult.TransportFailed;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned binary form of a target's health with its sequence number, for stores that keep bytes.
 * Every format version starts with {@code [format version: 1 byte][seq: 8 bytes]}, so
 * {@link #seq(byte[])} reads the sequence number of any version (a store compares versions
 * without decoding). Version 1 continues {@code [state][failures: 4][successes: 4][since: 8]
 * [last probe][capabilities]}. A reader refuses versions it does not know, so a mixed-version
 * cluster fails loudly instead of misreading a target.
 */
public final class TargetHealthCodec {
  public static final byte FORMAT_VERSION = 1;
  private static final byte NONE = 0;
  private static final byte ANSWERED = 1;
  private static final byte TIMED_OUT = 2;
  private static final byte TRANSPORT_FAILED = 3;
  private static final TargetState[] STATES = TargetState.values();

  private TargetHealthCodec() {}

  public static byte[] encode(long seq, TargetHealth h) {
    Buffer b = Buffer.buffer(64);
    b.appendByte(FORMAT_VERSION);
    b.appendLong(seq);
    b.appendByte((byte) h.state().ordinal());
    b.appendInt(h.consecutiveFailures());
    b.appendInt(h.consecutiveSuccesses());
    b.appendLong(h.since());
    if (h.last() instanceof Answered a) {
      b.appendByte(ANSWERED);
      b.appendInt(a.status());
      b.appendLong(a.latencyMs());
      capabilities(b, a.capabilities());
    } else if (h.last() instanceof TimedOut) {
      b.appendByte(TIMED_OUT);
    } else if (h.last() instanceof TransportFailed t) {
      b.appendByte(TRANSPORT_FAILED);
      str(b, t.reason());
    } else {
      b.appendByte(NONE);
    }
    capabilities(b, h.capabilities());
    return b.getBytes();
  }

  /** The sequence number of an encoded record of any format version. */
  public static long seq(byte[] bytes) {
    if (bytes.length < 9) {
      throw new IllegalArgumentException("not a target health record: " + bytes.length + " bytes");
    }
    return Buffer.buffer(bytes).getLong(1);
  }

  /** Decodes a record; IllegalArgumentException for an unknown version or malformed bytes. */
  public static HealthRecord decode(TargetId target, byte[] bytes) {
    Buffer b = Buffer.buffer(bytes);
    byte version = bytes.length == 0 ? -1 : b.getByte(0);
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("target health format " + version + " is not supported (expected "
          + FORMAT_VERSION + ")");
    }
    try {
      long seq = b.getLong(1);
      TargetState state = STATES[b.getByte(9)];
      int failures = b.getInt(10);
      int successes = b.getInt(14);
      long since = b.getLong(18);
      int[] pos = {26};
      byte kind = b.getByte(pos[0]++);
      ProbeResult last = switch (kind) {
        case NONE -> null;
        case ANSWERED -> {
          int status = b.getInt(pos[0]);
          long latency = b.getLong(pos[0] + 4);
          pos[0] += 12;
          yield new Answered(status, latency, capabilities(b, pos));
        }
        case TIMED_OUT -> new TimedOut();
        case TRANSPORT_FAILED -> new TransportFailed(str(b, pos));
        default -> throw new IllegalArgumentException("unknown probe result kind " + kind);
      };
      Capabilities caps = capabilities(b, pos);
      return new HealthRecord(target, new TargetHealth(state, failures, successes, last, since, caps), seq);
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated target health record of " + target.key(), e);
    }
  }

  private static void capabilities(Buffer b, Capabilities c) {
    list(b, c.allow());
    list(b, c.supported());
    list(b, c.accept());
  }

  private static Capabilities capabilities(Buffer b, int[] pos) {
    return new Capabilities(list(b, pos), list(b, pos), list(b, pos));
  }

  private static void list(Buffer b, List<String> items) {
    b.appendUnsignedShort(items.size());
    for (String s : items) {
      str(b, s);
    }
  }

  private static List<String> list(Buffer b, int[] pos) {
    int n = b.getUnsignedShort(pos[0]);
    pos[0] += 2;
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(str(b, pos));
    }
    return out;
  }

  private static void str(Buffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0xffff) {
      throw new IllegalArgumentException("string too long for a target health record: " + bytes.length + " bytes");
    }
    b.appendUnsignedShort(bytes.length);
    b.appendBytes(bytes);
  }

  private static String str(Buffer b, int[] pos) {
    int n = b.getUnsignedShort(pos[0]);
    String s = b.getString(pos[0] + 2, pos[0] + 2 + n, "UTF-8");
    pos[0] += 2 + n;
    return s;
  }
}
