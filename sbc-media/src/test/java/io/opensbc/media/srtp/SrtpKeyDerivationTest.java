package io.opensbc.media.srtp;

import static io.opensbc.media.srtp.SrtpTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.srtp.SrtpKeyDerivation.SessionKeys;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The AES-CM key derivation function (RFC 3711 §4.3) and the profile table. */
class SrtpKeyDerivationTest {

  /** RFC 3711 Appendix B.3. */
  private static final byte[] MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
  private static final byte[] MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");

  @Test
  void derivesTheCipherKeyOfRfc3711AppendixB3() {
    assertArrayEquals(hex("C61E7A93744F39EE10734AFE3FF7A087"),
        SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION,
            16));
  }

  @Test
  void derivesTheCipherSaltOfRfc3711AppendixB3() {
    assertArrayEquals(hex("30CBBC08863D8C85D49DB34A9AE1"),
        SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_SALT, 14));
  }

  /** B.3 derives 94 octets of auth key: six AES blocks, so the PRF's counter is exercised. */
  @Test
  void derivesTheWholeAuthKeyOfRfc3711AppendixB3() {
    byte[] expected = hex("CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE"
        + "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25"
        + "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2");
    assertArrayEquals(expected, SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT,
        SrtpKeyDerivation.LABEL_RTP_AUTHENTICATION, 94));
  }

  @Test
  void sessionKeysForSrtpTakeTheProfileLengthsAndTheFirstBytesOfEachLabel() {
    SrtpMasterKey master = new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY,
        MASTER_SALT);
    SessionKeys rtp = SrtpKeyDerivation.rtp(master);
    assertArrayEquals(hex("C61E7A93744F39EE10734AFE3FF7A087"), rtp.encryptionKey());
    assertArrayEquals(hex("30CBBC08863D8C85D49DB34A9AE1"), rtp.salt());
    assertArrayEquals(hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"), rtp.authenticationKey());
  }

  @Test
  void srtcpKeysComeFromLabelsThreeToFiveAndDifferFromSrtps() {
    SrtpMasterKey master = new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY,
        MASTER_SALT);
    SessionKeys rtp = SrtpKeyDerivation.rtp(master);
    SessionKeys rtcp = SrtpKeyDerivation.rtcp(master);
    assertArrayEquals(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 3, 16),
        rtcp.encryptionKey());
    assertArrayEquals(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 4, 20),
        rtcp.authenticationKey());
    assertArrayEquals(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 5, 14), rtcp.salt());
    assertFalse(Arrays.equals(rtp.encryptionKey(), rtcp.encryptionKey()));
    assertFalse(Arrays.equals(rtp.salt(), rtcp.salt()));
  }

  /**
   * AEAD profiles derive a 12-byte salt and no auth key; AES-256 keys use AES-256 as the PRF, so
   * both halves of the master key matter. (The end-to-end check of the GCM KDF against published
   * bytes is libsrtp's srtp_validate_gcm vector in SrtpKnownAnswerTest.)
   */
  @Test
  void aeadProfilesDeriveAKeyOfTheirLengthAndATwelveByteSaltWithAes256ForTheLongKey() {
    byte[] key = new byte[32];
    byte[] other = new byte[32];
    other[31] = 1;
    byte[] salt = new byte[12];
    SessionKeys a = SrtpKeyDerivation.rtp(new SrtpMasterKey(SrtpProfile.AEAD_AES_256_GCM, key,
        salt));
    SessionKeys b = SrtpKeyDerivation.rtp(new SrtpMasterKey(SrtpProfile.AEAD_AES_256_GCM, other,
        salt));
    assertEquals(32, a.encryptionKey().length);
    assertEquals(12, a.salt().length);
    assertEquals(0, a.authenticationKey().length);
    assertFalse(Arrays.equals(a.encryptionKey(), b.encryptionKey()));
  }

  @Test
  void theProfileTableCarriesTheRfcLengths() {
    SrtpProfile cm80 = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    SrtpProfile cm32 = SrtpProfile.AES_CM_128_HMAC_SHA1_32;
    assertEquals(16, cm80.keyLength());
    assertEquals(14, cm80.saltLength());
    assertEquals(20, cm80.authKeyLength());
    assertEquals(10, cm80.rtpTagLength());
    assertEquals(4, cm32.rtpTagLength());
    assertEquals(10, cm32.rtcpTagLength(), "RFC 4568 §6.2.2: SRTCP keeps the 80-bit tag");
    assertEquals(16, SrtpProfile.AEAD_AES_128_GCM.keyLength());
    assertEquals(32, SrtpProfile.AEAD_AES_256_GCM.keyLength());
    for (SrtpProfile p : new SrtpProfile[] {SrtpProfile.AEAD_AES_128_GCM,
        SrtpProfile.AEAD_AES_256_GCM}) {
      assertTrue(p.aead());
      assertEquals(12, p.saltLength());
      assertEquals(16, p.rtpTagLength());
      assertEquals(16, p.rtcpTagLength());
    }
    assertEquals(0x0001, cm80.dtlsProfileId());
    assertEquals(0x0002, cm32.dtlsProfileId());
    assertEquals(0x0007, SrtpProfile.AEAD_AES_128_GCM.dtlsProfileId());
    assertEquals(0x0008, SrtpProfile.AEAD_AES_256_GCM.dtlsProfileId());
  }

  @Test
  void profilesAreFoundByTheirSdesNameInAnyCase() {
    for (SrtpProfile p : SrtpProfile.values()) {
      assertEquals(Optional.of(p), SrtpProfile.fromSdesName(p.sdesName()));
    }
    assertEquals(Optional.of(SrtpProfile.AEAD_AES_128_GCM),
        SrtpProfile.fromSdesName("aead_aes_128_gcm"));
    assertEquals(Optional.empty(), SrtpProfile.fromSdesName("AES_256_CM_HMAC_SHA1_80"));
  }

  @Test
  void aMasterKeyOfTheWrongLengthIsRefusedAndNeverPrinted() {
    assertThrows(IllegalArgumentException.class,
        () -> new SrtpMasterKey(SrtpProfile.AEAD_AES_128_GCM, MASTER_KEY, MASTER_SALT));
    SrtpMasterKey key = new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY,
        MASTER_SALT);
    assertFalse(key.toString().contains("E1F9") || key.toString().toLowerCase().contains("e1f9"));
    assertEquals(key, SrtpMasterKey.fromConcatenated(key.profile(), key.concatenated()));
  }
}
