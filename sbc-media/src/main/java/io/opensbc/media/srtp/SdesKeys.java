package io.opensbc.media.srtp;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * One SDES key parameter (RFC 4568 §6.1, §9.2): {@code inline:} base64 of the master key and salt,
 * an optional lifetime and an optional MKI.
 *
 * <pre>
 * key-param = "inline:" key-salt ["|" lifetime] ["|" mki-value ":" mki-length]
 * lifetime  = ["2^"] 1*DIGIT        e.g. inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4
 * </pre>
 *
 * @param masterKey the master key and salt, of the profile's lengths
 * @param lifetime the number of packets the key may protect, 0 when not given; informative only:
 *     {@link SrtpContext} stops at the profile's own limit (2^48 SRTP, 2^31 SRTCP packets)
 * @param mkiValue the MKI as a number, when {@code mkiLength} is not 0
 * @param mkiLength the MKI's length in bytes (1..128), 0 for no MKI
 */
public record SdesKeys(SrtpMasterKey masterKey, long lifetime, long mkiValue, int mkiLength) {

  /** RFC 4568 §6.2.1: the largest lifetime an SRTP master key may have. */
  public static final long MAX_LIFETIME = 1L << 48;
  private static final int MAX_MKI_LENGTH = 128;
  private static final String INLINE = "inline:";

  public SdesKeys {
    Objects.requireNonNull(masterKey, "masterKey");
    if (lifetime < 0 || lifetime > MAX_LIFETIME) {
      throw new IllegalArgumentException("lifetime " + lifetime + " (allowed: 0..2^48)");
    }
    if (mkiLength < 0 || mkiLength > MAX_MKI_LENGTH) {
      throw new IllegalArgumentException("MKI length " + mkiLength + " (allowed: 0..128)");
    }
    if (mkiValue < 0 || mkiLength > 0 && mkiLength < 8 && mkiValue >>> (8 * mkiLength) != 0) {
      throw new IllegalArgumentException("MKI " + mkiValue + " does not fit " + mkiLength
          + " bytes");
    }
  }

  /** Fresh random master key and salt for our side of an SDES exchange, no lifetime, no MKI. */
  public static SdesKeys generate(SrtpProfile profile, SecureRandom random) {
    byte[] key = new byte[profile.keyLength()];
    byte[] salt = new byte[profile.saltLength()];
    random.nextBytes(key);
    random.nextBytes(salt);
    return new SdesKeys(new SrtpMasterKey(profile, key, salt), 0, 0, 0);
  }

  public SrtpProfile profile() {
    return masterKey.profile();
  }

  /** The MKI as each packet carries it: {@code mkiValue} big-endian in {@code mkiLength} bytes. */
  public byte[] mki() {
    byte[] out = new byte[mkiLength];
    for (int i = 0; i < Math.min(mkiLength, 8); i++) {
      out[mkiLength - 1 - i] = (byte) (mkiValue >>> (8 * i));
    }
    return out;
  }

  /** A context for one SSRC and direction keyed with these keys and their MKI. */
  public SrtpContext newContext(int replayWindow) {
    return SrtpContext.create(masterKey, replayWindow, mki());
  }

  /** The key parameter, e.g. {@code inline:WVNf...|2^31|1:4}. */
  public String keyParam() {
    StringBuilder s = new StringBuilder(INLINE)
        .append(Base64.getEncoder().encodeToString(masterKey.concatenated()));
    if (lifetime != 0) {
      s.append('|');
      if (Long.bitCount(lifetime) == 1) {
        s.append("2^").append(Long.numberOfTrailingZeros(lifetime));
      } else {
        s.append(lifetime);
      }
    }
    if (mkiLength != 0) {
      s.append('|').append(mkiValue).append(':').append(mkiLength);
    }
    return s.toString();
  }

  /** The {@code a=crypto} attribute value offering these keys: {@code TAG SUITE inline:...}. */
  public String cryptoAttribute(int tag) {
    return SdesCrypto.of(tag, this).format();
  }

  /** Parses one key parameter of a {@code profile} crypto attribute. */
  public static SdesParsed<SdesKeys> parse(SrtpProfile profile, String keyParam) {
    if (!keyParam.regionMatches(true, 0, INLINE, 0, INLINE.length())) {
      return SdesParsed.malformed("key method is not inline: " + clip(keyParam));
    }
    String[] parts = keyParam.substring(INLINE.length()).split("\\|", -1);
    if (parts.length > 3) {
      return SdesParsed.malformed("more than key, lifetime and MKI in " + clip(keyParam));
    }
    byte[] keyAndSalt;
    try {
      keyAndSalt = Base64.getDecoder().decode(parts[0]);
    } catch (IllegalArgumentException e) {
      return SdesParsed.malformed("key-salt is not base64: " + e.getMessage());
    }
    int expected = profile.keyLength() + profile.saltLength();
    if (keyAndSalt.length != expected) {
      return SdesParsed.malformed(profile.sdesName() + " needs " + expected
          + " bytes of key and salt, got " + keyAndSalt.length);
    }
    long lifetime = 0;
    long mkiValue = 0;
    int mkiLength = 0;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      int colon = part.indexOf(':');
      if (colon >= 0) {
        if (i != parts.length - 1) {
          return SdesParsed.malformed("MKI before lifetime in " + clip(keyParam));
        }
        mkiValue = digits(part.substring(0, colon), 18);
        long len = digits(part.substring(colon + 1), 3);
        if (mkiValue < 0 || len < 1 || len > MAX_MKI_LENGTH
            || len < 8 && mkiValue >>> (8 * len) != 0) {
          return SdesParsed.malformed("MKI '" + part + "' (value:length, length 1..128 bytes)");
        }
        mkiLength = (int) len;
      } else if (i == 1) {
        lifetime = lifetime(part);
        if (lifetime <= 0) {
          return SdesParsed.malformed("lifetime '" + part + "' (allowed: 1..2^48, as n or 2^n)");
        }
      } else {
        return SdesParsed.malformed("two lifetimes in " + clip(keyParam));
      }
    }
    return SdesParsed.ok(new SdesKeys(SrtpMasterKey.fromConcatenated(profile, keyAndSalt),
        lifetime, mkiValue, mkiLength));
  }

  @Override
  public String toString() {
    return "SdesKeys[" + profile() + ", lifetime=" + lifetime + ", mki=" + mkiValue + ":"
        + mkiLength + ", key and salt hidden]";
  }

  /** 1..2^48 as decimal or 2^n, else -1. */
  private static long lifetime(String s) {
    if (s.startsWith("2^")) {
      long exponent = digits(s.substring(2), 2);
      return exponent < 0 || exponent > 48 ? -1 : 1L << exponent;
    }
    long n = digits(s, 15);
    return n > MAX_LIFETIME ? -1 : n;
  }

  /** A non-empty run of at most {@code max} ASCII digits as a number, else -1. */
  private static long digits(String s, int max) {
    if (s.isEmpty() || s.length() > max) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Key material must not reach logs: reasons show the parameter with its key-salt hidden. */
  private static String clip(String s) {
    int colon = s.indexOf(':');
    int bar = s.indexOf('|');
    String method = colon < 0 ? "" : s.substring(0, colon + 1);
    return "'" + method + "<hidden>" + (bar < 0 ? "" : s.substring(bar)) + "'";
  }
}
