package io.opensbc.media.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * A master key and master salt for one profile, as SDES (RFC 4568) or DTLS-SRTP (RFC 5764) hands
 * them over. The arrays are copied in and out; {@link #toString()} never shows key material.
 *
 * @throws IllegalArgumentException from the constructor when a length does not match the profile
 */
public record SrtpMasterKey(SrtpProfile profile, byte[] key, byte[] salt) {

  public SrtpMasterKey {
    Objects.requireNonNull(profile, "profile");
    if (key == null || key.length != profile.keyLength()) {
      throw new IllegalArgumentException(profile + " needs a " + profile.keyLength()
          + "-byte master key, got " + (key == null ? "none" : key.length + " bytes"));
    }
    if (salt == null || salt.length != profile.saltLength()) {
      throw new IllegalArgumentException(profile + " needs a " + profile.saltLength()
          + "-byte master salt, got " + (salt == null ? "none" : salt.length + " bytes"));
    }
    key = key.clone();
    salt = salt.clone();
  }

  /** Splits {@code key || salt}, the layout SDES base64-encodes, at the profile's key length. */
  public static SrtpMasterKey fromConcatenated(SrtpProfile profile, byte[] keyAndSalt) {
    if (keyAndSalt.length != profile.keyLength() + profile.saltLength()) {
      throw new IllegalArgumentException(profile + " needs " + (profile.keyLength()
          + profile.saltLength()) + " bytes of key and salt, got " + keyAndSalt.length);
    }
    return new SrtpMasterKey(profile, Arrays.copyOfRange(keyAndSalt, 0, profile.keyLength()),
        Arrays.copyOfRange(keyAndSalt, profile.keyLength(), keyAndSalt.length));
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** {@code key || salt}. */
  public byte[] concatenated() {
    byte[] out = Arrays.copyOf(key, key.length + salt.length);
    System.arraycopy(salt, 0, out, key.length, salt.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SrtpMasterKey m && m.profile == profile
        && Arrays.equals(m.key, key) && Arrays.equals(m.salt, salt);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * profile.hashCode() + Arrays.hashCode(key)) + Arrays.hashCode(salt);
  }

  @Override
  public String toString() {
    return "SrtpMasterKey[" + profile + ", key and salt hidden]";
  }
}
