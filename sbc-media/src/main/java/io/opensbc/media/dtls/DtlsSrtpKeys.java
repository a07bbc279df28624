package io.opensbc.media.dtls;

import io.opensbc.media.srtp.SdesKeys;
import io.opensbc.media.srtp.SrtpMasterKey;
import io.opensbc.media.srtp.SrtpProfile;
import java.util.Arrays;
import java.util.Objects;

/**
 * The SRTP master keys a DTLS-SRTP handshake yields (RFC 5764 §4.2): the exporter output with
 * label {@code EXTRACTOR-dtls_srtp} is split into
 *
 * <pre>
 * client_write_SRTP_master_key[key_len] | server_write_SRTP_master_key[key_len] |
 * client_write_SRTP_master_salt[salt_len] | server_write_SRTP_master_salt[salt_len]
 * </pre>
 *
 * <p>Each side protects with its own write key and unprotects the other's.
 *
 * @param local what we protect with (the outbound transform on the leg)
 * @param remote what the peer protects with (the inbound transform on the leg)
 */
public record DtlsSrtpKeys(SrtpProfile profile, SdesKeys local, SdesKeys remote) {
  /** The exporter label of RFC 5764 §4.2. */
  public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

  public DtlsSrtpKeys {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
  }

  /** Bytes of exporter output {@code profile} needs: two keys and two salts. */
  public static int materialLength(SrtpProfile profile) {
    return 2 * (profile.keyLength() + profile.saltLength());
  }

  /** Splits {@code material}; {@code client} is whether we were the DTLS client. */
  public static DtlsSrtpKeys split(SrtpProfile profile, byte[] material, boolean client) {
    int k = profile.keyLength();
    int s = profile.saltLength();
    if (material.length != materialLength(profile)) {
      throw new IllegalArgumentException(profile + " needs " + materialLength(profile)
          + " bytes of keying material, got " + material.length);
    }
    SdesKeys clientKeys = keys(profile, Arrays.copyOfRange(material, 0, k),
        Arrays.copyOfRange(material, 2 * k, 2 * k + s));
    SdesKeys serverKeys = keys(profile, Arrays.copyOfRange(material, k, 2 * k),
        Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s));
    return client ? new DtlsSrtpKeys(profile, clientKeys, serverKeys)
        : new DtlsSrtpKeys(profile, serverKeys, clientKeys);
  }

  private static SdesKeys keys(SrtpProfile profile, byte[] key, byte[] salt) {
    return new SdesKeys(new SrtpMasterKey(profile, key, salt), 0, 0, 0);
  }

  @Override
  public String toString() {
    return "DtlsSrtpKeys[" + profile + ", keys hidden]";
  }
}
