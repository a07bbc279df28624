package io.opensbc.media.ice;

import io.opensbc.media.ice.StunAttribute.ErrorCode;
import io.opensbc.media.ice.StunAttribute.Fingerprint;
import io.opensbc.media.ice.StunAttribute.IceControlled;
import io.opensbc.media.ice.StunAttribute.IceControlling;
import io.opensbc.media.ice.StunAttribute.MessageIntegrity;
import io.opensbc.media.ice.StunAttribute.Priority;
import io.opensbc.media.ice.StunAttribute.Unknown;
import io.opensbc.media.ice.StunAttribute.UseCandidate;
import io.opensbc.media.ice.StunAttribute.Username;
import io.opensbc.media.ice.StunAttribute.XorMappedAddress;
import io.opensbc.media.ice.StunDecodeResult.Decoded;
import io.opensbc.media.ice.StunDecodeResult.Malformed;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STUN wire format (RFC 8489 §5, §14; RFC 5389 §15.4 and §15.5 for MESSAGE-INTEGRITY and
 * FINGERPRINT). Stateless: every method is a pure function of its arguments.
 *
 * <p>Decoding treats {@code len} as one whole datagram: the length field must account for it
 * exactly. It reads at most {@link #MAX_ATTRIBUTES} attributes and never throws; anything wrong is
 * a {@link Malformed} with a reason. Padding bytes are not checked (RFC 8489 §14: "MUST be ignored
 * by the receiver"; the RFC 5769 vectors pad with spaces).
 */
public final class StunCodec {

  /** Bytes in the fixed header. */
  public static final int HEADER_LENGTH = 20;

  /** More attributes than this is treated as garbage rather than parsed. */
  public static final int MAX_ATTRIBUTES = 64;

  /** RFC 8489 §14.3: USERNAME is less than 509 bytes; we allow the 513 of RFC 5389. */
  public static final int MAX_USERNAME_BYTES = 513;

  private static final int FINGERPRINT_XOR = 0x5354554e;
  private static final int INTEGRITY_LENGTH = 20;

  private StunCodec() {}

  /**
   * The demultiplexing check of RFC 7983 §7 for a port that also carries RTP, RTCP and DTLS: the
   * first byte is 0..3 and the magic cookie is in place (RFC 8489 §5). Bounds-safe; cheap enough
   * to run on every datagram.
   */
  public static boolean isStun(byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < HEADER_LENGTH || off > buf.length - len) {
      return false;
    }
    return (buf[off] & 0xFF) <= 3 && readInt(buf, off + 4) == StunMessage.MAGIC_COOKIE;
  }

  /** Decodes one datagram; never throws. */
  public static StunDecodeResult decode(byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
      return new Malformed("offset/length outside the buffer");
    }
    if (len < HEADER_LENGTH) {
      return new Malformed("shorter than the 20-byte header: " + len);
    }
    if ((buf[off] & 0xC0) != 0) {
      return new Malformed("the two most significant bits are not zero");
    }
    if (readInt(buf, off + 4) != StunMessage.MAGIC_COOKIE) {
      return new Malformed("no magic cookie");
    }
    int bodyLength = readShort(buf, off + 2);
    if ((bodyLength & 3) != 0) {
      return new Malformed("message length not a multiple of 4: " + bodyLength);
    }
    if (HEADER_LENGTH + bodyLength != len) {
      return new Malformed("message length " + bodyLength + " but datagram body " + (len - 20));
    }
    int type = readShort(buf, off);
    byte[] tid = Arrays.copyOfRange(buf, off + 8, off + HEADER_LENGTH);
    List<StunAttribute> attributes = new ArrayList<>();
    int integrityAt = -1;
    int fingerprintAt = -1;
    int seen = 0;
    for (int p = HEADER_LENGTH; p < len; ) {
      if (++seen > MAX_ATTRIBUTES) {
        return new Malformed("more than " + MAX_ATTRIBUTES + " attributes");
      }
      if (len - p < 4) {
        return new Malformed("truncated attribute header at " + p);
      }
      int attrType = readShort(buf, off + p);
      int attrLength = readShort(buf, off + p + 2);
      int padded = (attrLength + 3) & ~3;
      if (padded > len - p - 4) {
        return new Malformed(String.format("attribute 0x%04x overruns the message", attrType));
      }
      if (fingerprintAt >= 0) {
        return new Malformed("attribute after FINGERPRINT");
      }
      // RFC 8489 §14.5: everything after MESSAGE-INTEGRITY but FINGERPRINT is ignored.
      if (integrityAt < 0 || attrType == StunAttribute.TYPE_FINGERPRINT) {
        Parsed parsed = attribute(buf, off, p + 4, attrType, attrLength);
        if (parsed.problem() != null) {
          return new Malformed(parsed.problem());
        }
        attributes.add(parsed.attribute());
        if (attrType == StunAttribute.TYPE_MESSAGE_INTEGRITY) {
          integrityAt = p;
        } else if (attrType == StunAttribute.TYPE_FINGERPRINT) {
          fingerprintAt = p;
        }
      }
      p += 4 + padded;
    }
    return new Decoded(new StunMessage(type, tid, attributes), integrityAt, fingerprintAt);
  }

  private record Parsed(StunAttribute attribute, String problem) {
    static Parsed ok(StunAttribute a) {
      return new Parsed(a, null);
    }

    static Parsed bad(String problem) {
      return new Parsed(null, problem);
    }
  }

  /** {@code v} is the value's offset from the message start {@code off}. */
  private static Parsed attribute(byte[] buf, int off, int v, int type, int length) {
    int at = off + v;
    switch (type) {
      case StunAttribute.TYPE_USERNAME:
        if (length > MAX_USERNAME_BYTES) {
          return Parsed.bad("USERNAME longer than " + MAX_USERNAME_BYTES + " bytes");
        }
        return Parsed.ok(new Username(new String(buf, at, length, StandardCharsets.UTF_8)));
      case StunAttribute.TYPE_MESSAGE_INTEGRITY:
        if (length != INTEGRITY_LENGTH) {
          return Parsed.bad("MESSAGE-INTEGRITY length " + length);
        }
        return Parsed.ok(new MessageIntegrity(Arrays.copyOfRange(buf, at, at + length)));
      case StunAttribute.TYPE_FINGERPRINT:
        if (length != 4) {
          return Parsed.bad("FINGERPRINT length " + length);
        }
        return Parsed.ok(new Fingerprint(readInt(buf, at)));
      case StunAttribute.TYPE_XOR_MAPPED_ADDRESS:
        return xorMappedAddress(buf, off, at, length);
      case StunAttribute.TYPE_ERROR_CODE:
        return errorCode(buf, at, length);
      case StunAttribute.TYPE_PRIORITY:
        if (length != 4) {
          return Parsed.bad("PRIORITY length " + length);
        }
        return Parsed.ok(new Priority(readInt(buf, at) & 0xFFFF_FFFFL));
      case StunAttribute.TYPE_USE_CANDIDATE:
        if (length != 0) {
          return Parsed.bad("USE-CANDIDATE length " + length);
        }
        return Parsed.ok(new UseCandidate());
      case StunAttribute.TYPE_ICE_CONTROLLING:
      case StunAttribute.TYPE_ICE_CONTROLLED:
        if (length != 8) {
          return Parsed.bad("ICE-CONTROLLING/ICE-CONTROLLED length " + length);
        }
        long tieBreaker = ((long) readInt(buf, at) << 32) | (readInt(buf, at + 4) & 0xFFFF_FFFFL);
        return Parsed.ok(
            type == StunAttribute.TYPE_ICE_CONTROLLING
                ? new IceControlling(tieBreaker)
                : new IceControlled(tieBreaker));
      default:
        return Parsed.ok(new Unknown(type, Arrays.copyOfRange(buf, at, at + length)));
    }
  }

  private static Parsed xorMappedAddress(byte[] buf, int off, int at, int length) {
    if (length < 4) {
      return Parsed.bad("XOR-MAPPED-ADDRESS length " + length);
    }
    int family = buf[at + 1] & 0xFF;
    int addressLength = family == 0x01 ? 4 : family == 0x02 ? 16 : -1;
    if (addressLength < 0) {
      return Parsed.bad("XOR-MAPPED-ADDRESS family " + family);
    }
    if (length != 4 + addressLength) {
      return Parsed.bad("XOR-MAPPED-ADDRESS length " + length + " for family " + family);
    }
    int port = readShort(buf, at + 2) ^ (StunMessage.MAGIC_COOKIE >>> 16);
    byte[] address = new byte[addressLength];
    for (int i = 0; i < addressLength; i++) {
      // The key is the magic cookie followed by the transaction id: header bytes 4..19.
      address[i] = (byte) (buf[at + 4 + i] ^ buf[off + 4 + i]);
    }
    try {
      return Parsed.ok(new XorMappedAddress(new InetSocketAddress(InetAddress.getByAddress(address), port)));
    } catch (UnknownHostException e) {
      return Parsed.bad("XOR-MAPPED-ADDRESS: " + e.getMessage());
    }
  }

  private static Parsed errorCode(byte[] buf, int at, int length) {
    if (length < 4) {
      return Parsed.bad("ERROR-CODE length " + length);
    }
    int errorClass = buf[at + 2] & 0x07;
    int number = buf[at + 3] & 0xFF;
    if (errorClass < 3 || errorClass > 6 || number > 99) {
      return Parsed.bad("ERROR-CODE class " + errorClass + " number " + number);
    }
    String reason = new String(buf, at + 4, length - 4, StandardCharsets.UTF_8);
    return Parsed.ok(new ErrorCode(errorClass * 100 + number, reason));
  }

  /**
   * Encodes {@code message}. Any MESSAGE-INTEGRITY or FINGERPRINT among its attributes is left out
   * and recomputed: with {@code integrityKey} non-null a MESSAGE-INTEGRITY is appended (RFC 5389
   * §15.4), then with {@code fingerprint} a FINGERPRINT (§15.5). Padding is zero bytes.
   *
   * @throws IllegalArgumentException if the message would exceed 65535 bytes of attributes or the
   *     key is empty (our own programming errors, never input)
   */
  public static byte[] encode(StunMessage message, byte[] integrityKey, boolean fingerprint) {
    byte[] out = new byte[1024];
    int p = HEADER_LENGTH;
    for (StunAttribute a : message.attributes()) {
      if (a instanceof MessageIntegrity || a instanceof Fingerprint) {
        continue;
      }
      byte[] value = value(a, message);
      out = ensure(out, p + 4 + value.length + 3);
      writeShort(out, p, a.type());
      writeShort(out, p + 2, value.length);
      System.arraycopy(value, 0, out, p + 4, value.length);
      p += 4 + ((value.length + 3) & ~3);
    }
    out = ensure(out, p + 24 + 8);
    writeShort(out, 0, message.type());
    writeInt(out, 4, StunMessage.MAGIC_COOKIE);
    System.arraycopy(message.transactionId(), 0, out, 8, 12);
    if (integrityKey != null) {
      writeLength(out, p + 24);
      byte[] hmac = hmac(integrityKey, out, 0, p);
      writeShort(out, p, StunAttribute.TYPE_MESSAGE_INTEGRITY);
      writeShort(out, p + 2, INTEGRITY_LENGTH);
      System.arraycopy(hmac, 0, out, p + 4, INTEGRITY_LENGTH);
      p += 24;
    }
    if (fingerprint) {
      writeLength(out, p + 8);
      int crc = crc(out, 0, p);
      writeShort(out, p, StunAttribute.TYPE_FINGERPRINT);
      writeShort(out, p + 2, 4);
      writeInt(out, p + 4, crc);
      p += 8;
    }
    writeLength(out, p);
    return Arrays.copyOf(out, p);
  }

  /**
   * Whether the MESSAGE-INTEGRITY found by {@link #decode} on these same bytes is the HMAC-SHA1 of
   * the message up to it, keyed with {@code key}, with the length field counting up to and
   * including MESSAGE-INTEGRITY (RFC 5389 §15.4). Constant-time comparison; never throws.
   */
  public static boolean integrityValid(byte[] buf, int off, int len, Decoded decoded, byte[] key) {
    int at = decoded.integrityAt();
    if (at < HEADER_LENGTH || key == null || key.length == 0 || buf == null || off < 0
        || len < 0 || off > buf.length - len || at > len - 4 - INTEGRITY_LENGTH) {
      return false;
    }
    byte[] covered = Arrays.copyOfRange(buf, off, off + at);
    writeShort(covered, 2, at - HEADER_LENGTH + 4 + INTEGRITY_LENGTH);
    byte[] expected = hmac(key, covered, 0, at);
    byte[] actual = Arrays.copyOfRange(buf, off + at + 4, off + at + 4 + INTEGRITY_LENGTH);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Whether the FINGERPRINT found by {@link #decode} on these same bytes is the CRC-32 of the
   * message up to it xor 0x5354554e (RFC 5389 §15.5). Never throws.
   */
  public static boolean fingerprintValid(byte[] buf, int off, int len, Decoded decoded) {
    int at = decoded.fingerprintAt();
    if (at < HEADER_LENGTH || buf == null || off < 0 || len < 0 || off > buf.length - len
        || at != len - 8) {
      return false;
    }
    return crc(buf, off, at) == readInt(buf, off + at + 4);
  }

  /** The short-term credential key (RFC 8489 §9.1.1): the password's UTF-8 bytes. */
  public static byte[] shortTermKey(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(StunAttribute a, StunMessage m) {
    if (a instanceof Username u) {
      return u.value().getBytes(StandardCharsets.UTF_8);
    } else if (a instanceof ErrorCode e) {
      byte[] reason = e.reason().getBytes(StandardCharsets.UTF_8);
      byte[] v = new byte[4 + reason.length];
      v[2] = (byte) (e.code() / 100);
      v[3] = (byte) (e.code() % 100);
      System.arraycopy(reason, 0, v, 4, reason.length);
      return v;
    } else if (a instanceof XorMappedAddress x) {
      byte[] address = x.address().getAddress().getAddress();
      byte[] v = new byte[4 + address.length];
      v[1] = (byte) (x.address().getAddress() instanceof Inet4Address ? 0x01 : 0x02);
      writeShort(v, 2, x.address().getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16));
      byte[] key = new byte[16];
      writeInt(key, 0, StunMessage.MAGIC_COOKIE);
      System.arraycopy(m.transactionId(), 0, key, 4, 12);
      for (int i = 0; i < address.length; i++) {
        v[4 + i] = (byte) (address[i] ^ key[i]);
      }
      return v;
    } else if (a instanceof Priority pr) {
      byte[] v = new byte[4];
      writeInt(v, 0, (int) pr.value());
      return v;
    } else if (a instanceof UseCandidate) {
      return new byte[0];
    } else if (a instanceof IceControlling c) {
      return longBytes(c.tieBreaker());
    } else if (a instanceof IceControlled c) {
      return longBytes(c.tieBreaker());
    } else if (a instanceof Unknown u) {
      return u.value();
    }
    throw new IllegalArgumentException("cannot encode " + a);
  }

  private static byte[] longBytes(long l) {
    byte[] v = new byte[8];
    writeInt(v, 0, (int) (l >>> 32));
    writeInt(v, 4, (int) l);
    return v;
  }

  private static byte[] ensure(byte[] out, int needed) {
    if (needed - HEADER_LENGTH > 0xFFFF + 3) {
      throw new IllegalArgumentException("STUN message too long");
    }
    return needed <= out.length ? out : Arrays.copyOf(out, Math.max(needed, out.length * 2));
  }

  private static void writeLength(byte[] out, int total) {
    if (total - HEADER_LENGTH > 0xFFFF) {
      throw new IllegalArgumentException("STUN message too long");
    }
    writeShort(out, 2, total - HEADER_LENGTH);
  }

  private static byte[] hmac(byte[] key, byte[] buf, int off, int len) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      mac.update(buf, off, len);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required of every JDK", e);
    }
  }

  private static int crc(byte[] buf, int off, int len) {
    CRC32 crc = new CRC32();
    crc.update(buf, off, len);
    return (int) crc.getValue() ^ FINGERPRINT_XOR;
  }

  private static int readShort(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  private static int readInt(byte[] b, int i) {
    return (readShort(b, i) << 16) | readShort(b, i + 2);
  }

  private static void writeShort(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 8);
    b[i + 1] = (byte) v;
  }

  private static void writeInt(byte[] b, int i, int v) {
    writeShort(b, i, v >>> 16);
    writeShort(b, i + 2, v);
  }
}
