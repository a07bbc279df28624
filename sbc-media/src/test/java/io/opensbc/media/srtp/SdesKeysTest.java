package io.opensbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SDES key parameters and crypto attributes (RFC 4568 §6.1, §9). */
class SdesKeysTest {

  /** The example key of RFC 4568 (base64 of 30 bytes), as sdp-transform and others quote it. */
  private static final String EXAMPLE = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

  private static SdesKeys keys(SrtpProfile profile, String keyParam) {
    SdesParsed<SdesKeys> parsed = SdesKeys.parse(profile, keyParam);
    assertInstanceOf(SdesParsed.Ok.class, parsed, () -> parsed.toString());
    return parsed.orNull();
  }

  private static String reason(SdesParsed<?> parsed) {
    return assertInstanceOf(SdesParsed.Malformed.class, parsed).reason();
  }

  @Test
  void parsesTheRfcExampleWithLifetimeAndMki() {
    SdesKeys k = keys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, "inline:" + EXAMPLE + "|2^20|1:32");
    byte[] raw = Base64.getDecoder().decode(EXAMPLE);
    assertArrayEquals(Arrays.copyOf(raw, 16), k.masterKey().key());
    assertArrayEquals(Arrays.copyOfRange(raw, 16, 30), k.masterKey().salt());
    assertEquals(1 << 20, k.lifetime());
    assertEquals(1, k.mkiValue());
    assertEquals(32, k.mkiLength());
    byte[] mki = new byte[32];
    mki[31] = 1;
    assertArrayEquals(mki, k.mki(), "the MKI value big-endian in its length");
    assertEquals("inline:" + EXAMPLE + "|2^20|1:32", k.keyParam());
  }

  @Test
  void lifetimeAndMkiAreEachOptional() {
    SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_32;
    SdesKeys bare = keys(p, "inline:" + EXAMPLE);
    assertEquals(0, bare.lifetime());
    assertEquals(0, bare.mkiLength());
    assertEquals(0, bare.mki().length);
    SdesKeys mkiOnly = keys(p, "inline:" + EXAMPLE + "|7:4");
    assertEquals(0, mkiOnly.lifetime());
    assertArrayEquals(new byte[] {0, 0, 0, 7}, mkiOnly.mki());
    SdesKeys decimal = keys(p, "INLINE:" + EXAMPLE + "|1000000");
    assertEquals(1_000_000, decimal.lifetime());
    assertEquals("inline:" + EXAMPLE + "|1000000", decimal.keyParam());
    assertEquals("inline:" + EXAMPLE + "|2^31", keys(p, "inline:" + EXAMPLE + "|2147483648")
        .keyParam(), "a power of two is written as 2^n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "crypt:" + EXAMPLE,
      "inline:" + EXAMPLE + "x",
      "inline:" + EXAMPLE + "AAAA",
      "inline:" + EXAMPLE + "|2^49",
      "inline:" + EXAMPLE + "|0",
      "inline:" + EXAMPLE + "|2^x",
      "inline:" + EXAMPLE + "|1:0",
      "inline:" + EXAMPLE + "|1:129",
      "inline:" + EXAMPLE + "|256:1",
      "inline:" + EXAMPLE + "|1:4|2^20",
      "inline:" + EXAMPLE + "|2^20|2^10",
      "inline:" + EXAMPLE + "|2^20|1:4|5",
      "inline:" + EXAMPLE + "|",
      "inline:",
      ""})
  void malformedKeyParamsAreValuesThatNeverShowTheKey(String keyParam) {
    String reason = reason(SdesKeys.parse(SrtpProfile.AES_CM_128_HMAC_SHA1_80, keyParam));
    assertFalse(reason.contains(EXAMPLE.substring(0, 6)), reason);
  }

  @Test
  void theKeyMustHaveTheProfilesLength() {
    String reason = reason(SdesKeys.parse(SrtpProfile.AEAD_AES_128_GCM, "inline:" + EXAMPLE));
    assertTrue(reason.contains("28 bytes"), reason);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void generatedKeysAreFreshOfTheRightLengthAndParseBack(SrtpProfile profile) {
    SecureRandom random = new SecureRandom();
    SdesKeys a = SdesKeys.generate(profile, random);
    SdesKeys b = SdesKeys.generate(profile, random);
    assertNotEquals(a.masterKey(), b.masterKey());
    assertEquals(profile.keyLength(), a.masterKey().key().length);
    assertEquals(profile.saltLength(), a.masterKey().salt().length);
    assertEquals(a, keys(profile, a.keyParam()));
    assertFalse(a.toString().contains(a.keyParam().substring(7, 15)), "toString hides the key");
  }

  @Test
  void producesTheCryptoAttributeValue() {
    SdesKeys k = keys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, "inline:" + EXAMPLE + "|2^20|1:32");
    assertEquals("1 AES_CM_128_HMAC_SHA1_80 inline:" + EXAMPLE + "|2^20|1:32",
        k.cryptoAttribute(1));
    SdesKeys gcm = SdesKeys.generate(SrtpProfile.AEAD_AES_256_GCM, new SecureRandom());
    assertTrue(gcm.cryptoAttribute(3).matches("3 AEAD_AES_256_GCM inline:[A-Za-z0-9+/]{59}="),
        "44 bytes: 60 base64 characters, padded");
  }

  @Test
  void parsesACryptoAttributeWithSessionParameters() {
    SdesCrypto c = SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + EXAMPLE
        + "|2^20|1:4  KDR=0 UNENCRYPTED_SRTCP").orNull();
    assertEquals(1, c.tag());
    assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, c.profile());
    assertEquals(1, c.keys().size());
    assertEquals(List.of("KDR=0", "UNENCRYPTED_SRTCP"), c.sessionParams());
    assertEquals("1 AES_CM_128_HMAC_SHA1_80 inline:" + EXAMPLE + "|2^20|1:4 KDR=0"
        + " UNENCRYPTED_SRTCP", c.format());
  }

  @Test
  void severalKeysEachNeedAnMki() {
    String two = "2 AES_CM_128_HMAC_SHA1_32 inline:" + EXAMPLE + "|2^20|1:4;inline:" + EXAMPLE
        + "|2^20|2:4";
    SdesCrypto c = SdesCrypto.parse(two).orNull();
    assertEquals(2, c.keys().size());
    assertEquals(2, c.keys().get(1).mkiValue());
    assertEquals(two, c.format());
    reason(SdesCrypto.parse("2 AES_CM_128_HMAC_SHA1_32 inline:" + EXAMPLE + ";inline:"
        + EXAMPLE));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1 AES_CM_128_HMAC_SHA1_80",
      "x AES_CM_128_HMAC_SHA1_80 inline:" + EXAMPLE,
      "1234567890 AES_CM_128_HMAC_SHA1_80 inline:" + EXAMPLE,
      "1 F8_128_HMAC_SHA1_80 inline:" + EXAMPLE,
      "1 AES_256_CM_HMAC_SHA1_80 inline:" + EXAMPLE,
      "1 AES_CM_128_HMAC_SHA1_80 inline:" + EXAMPLE + ";"})
  void malformedOrUnsupportedCryptoLinesAreValues(String value) {
    reason(SdesCrypto.parse(value));
  }

  @Test
  void sdesKeysKeyAContextThatTalksToOneKeyedFromTheSameLine() {
    SdesKeys ours = SdesKeys.generate(SrtpProfile.AES_CM_128_HMAC_SHA1_80, new SecureRandom());
    SdesKeys withMki = keys(ours.profile(), ours.keyParam() + "|5:2");
    SdesKeys theirs = SdesCrypto.parse(withMki.cryptoAttribute(1)).orNull().keys().get(0);
    SrtpContext sender = withMki.newContext(64);
    SrtpContext receiver = theirs.newContext(64);
    byte[] plain = SrtpTestSupport.audio(1, 42);
    byte[] b = SrtpTestSupport.withRoom(plain);
    int n = sender.protect(b, 0, plain.length);
    assertEquals(plain.length + 10 + 2, n);
    assertEquals(plain.length, receiver.unprotect(b, 0, n));
    assertArrayEquals(plain, Arrays.copyOf(b, plain.length));
  }
}
