package io.opensbc.media.srtp;

import static io.opensbc.media.srtp.SrtpTestSupport.hex;
import static io.opensbc.media.srtp.SrtpTestSupport.withRoom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.media.srtp.SrtpKeyDerivation.SessionKeys;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Published bytes, so that an IV, AAD or tag layout that is wrong but consistent with itself (and
 * so passes every round trip) cannot pass here.
 *
 * <ul>
 *   <li>RFC 3711 Appendix B.2: AES-CM keystream.
 *   <li>libsrtp {@code test/srtp_driver.c}, {@code srtp_validate} and {@code srtp_validate_gcm}:
 *       whole SRTP and SRTCP packets from a master key, through the KDF, with SSRC 0xcafebabe.
 *   <li>RFC 7714 §16 (SRTP) and §17 (SRTCP): AEAD_AES_128_GCM and AEAD_AES_256_GCM from the
 *       session key 00 01 .. and the salt "Quid pro quo"; §16 gives no master key, so these drive
 *       the context from session keys.
 * </ul>
 */
class SrtpKnownAnswerTest {

  // ---- RFC 3711 Appendix B.2 -------------------------------------------------------------------

  /**
   * Session key 2B7E..., salt F0F1...FCFD, SSRC 0, ROC 0, SEQ 0: the IV is the shifted salt and
   * the ciphertext of a zero payload is the keystream. The RFC's segment is 1044512 octets, counter
   * F0F1...FCFD0000 to ...FF01; we encrypt all of it as one (oversized) payload.
   */
  @Test
  void encryptingZerosGivesTheKeystreamOfRfc3711AppendixB2() {
    SessionKeys keys = new SessionKeys(hex("2B7E151628AED2A6ABF7158809CF4F3C"), new byte[20],
        hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
    SrtpContext context = new SrtpContext(SrtpProfile.AES_CM_128_HMAC_SHA1_80, keys, keys, 64,
        new byte[0]);
    int segment = 1044512;
    byte[] b = new byte[12 + segment + 10];
    b[0] = (byte) 0x80;
    assertEquals(12 + segment + 10, context.protect(b, 0, 12 + segment));
    assertEquals("e03ead0935c95e80e166b16dd92b4eb4" + "d23513162b02d0f72a43a2fe4a5f97ab"
        + "41e95b3bb0a2e8dd477901e4fca894c0", SrtpTestSupport.hex(b, 12, 48));
    assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4" + "362b7c3c6773516318a077d7fc5073ae"
        + "6a2cc3787889374fbeb4c81b17ba6c44", SrtpTestSupport.hex(b, 12 + segment - 48, 48));
  }

  // ---- libsrtp srtp_validate: AES_CM_128_HMAC_SHA1_80 ----------------------------------------

  /** libsrtp's test_key: the RFC 3711 B.3 master key and salt. */
  private static final SrtpMasterKey LIBSRTP_KEY = new SrtpMasterKey(
      SrtpProfile.AES_CM_128_HMAC_SHA1_80, hex("e1f97a0d3e018be0d64fa32c06de4139"),
      hex("0ec675ad498afeebb6960b3aabe6"));
  private static final byte[] LIBSRTP_RTP = hex("800f1234decafbadcafebabe"
      + "abababababababababababababababab");
  private static final byte[] LIBSRTP_SRTP = hex("800f1234decafbadcafebabe"
      + "4e55dc4ce79978d88ca4d215949d2402" + "b78d6acc99ea179b8dbb");
  private static final byte[] LIBSRTP_RTCP = hex("81c8000bcafebabe"
      + "abababababababababababababababab");
  /** libsrtp numbers its first SRTCP packet 1 (80000001), we number ours 0: see the test. */
  private static final byte[] LIBSRTP_SRTCP = hex("81c8000bcafebabe"
      + "7128035be487b9bdbef89041f977a5a8" + "80000001" + "993e08cd54d6c1230798");

  @Test
  void protectsLibsrtpsAesCm80PacketByteForByte() {
    assertProtects(SrtpContext.create(LIBSRTP_KEY), LIBSRTP_RTP, LIBSRTP_SRTP);
  }

  @Test
  void unprotectsLibsrtpsAesCm80Packet() {
    assertUnprotects(SrtpContext.create(LIBSRTP_KEY), LIBSRTP_SRTP, LIBSRTP_RTP);
  }

  /** RFC 3711 §3.4 sets the first SRTCP index to 0; libsrtp's vector is its first packet, 1. */
  @Test
  void protectsLibsrtpsSrtcpPacketAtIndexOne() {
    SrtpContext sender = SrtpContext.create(LIBSRTP_KEY);
    byte[] first = withRoom(LIBSRTP_RTCP);
    int n = sender.protectRtcp(first, 0, LIBSRTP_RTCP.length);
    assertEquals("80000000", SrtpTestSupport.hex(first, n - 14, 4), "our first index is 0");
    assertProtectsRtcp(sender, LIBSRTP_RTCP, LIBSRTP_SRTCP);
  }

  @Test
  void unprotectsLibsrtpsSrtcpPacket() {
    assertUnprotectsRtcp(SrtpContext.create(LIBSRTP_KEY), LIBSRTP_SRTCP, LIBSRTP_RTCP);
  }

  // ---- libsrtp srtp_validate_gcm: AEAD_AES_128_GCM from a master key --------------------------

  /** test_key_gcm: master key 00..0f, master salt a0..ab: checks the KDF with a 12-byte salt. */
  private static final SrtpMasterKey LIBSRTP_GCM_KEY = new SrtpMasterKey(
      SrtpProfile.AEAD_AES_128_GCM, hex("000102030405060708090a0b0c0d0e0f"),
      hex("a0a1a2a3a4a5a6a7a8a9aaab"));
  private static final byte[] LIBSRTP_GCM_SRTP = hex("800f1234decafbadcafebabe"
      + "c5002ede04cfdd2eb91159e0880aa06e" + "d2976826f796b201df3131a127e8a392");
  private static final byte[] LIBSRTP_GCM_RTCP = hex("81c8000bcafebabe"
      + "abababababababababababababababab");
  private static final byte[] LIBSRTP_GCM_SRTCP = hex("81c8000bcafebabe"
      + "c98b8b5df0392a55852b6c21ac8e7025" + "c52c6fbea2b3b446ea31123ba88ce61e" + "80000001");

  @Test
  void protectsAndUnprotectsLibsrtpsGcmPacketThroughTheKdf() {
    assertProtects(SrtpContext.create(LIBSRTP_GCM_KEY), LIBSRTP_RTP, LIBSRTP_GCM_SRTP);
    assertUnprotects(SrtpContext.create(LIBSRTP_GCM_KEY), LIBSRTP_GCM_SRTP, LIBSRTP_RTP);
  }

  @Test
  void protectsAndUnprotectsLibsrtpsGcmSrtcpPacketThroughTheKdf() {
    SrtpContext sender = SrtpContext.create(LIBSRTP_GCM_KEY);
    sender.nextSrtcpIndex(1);
    assertProtectsRtcp(sender, LIBSRTP_GCM_RTCP, LIBSRTP_GCM_SRTCP);
    assertUnprotectsRtcp(SrtpContext.create(LIBSRTP_GCM_KEY), LIBSRTP_GCM_SRTCP,
        LIBSRTP_GCM_RTCP);
  }

  // ---- RFC 7714 §16 and §17 ------------------------------------------------------------------

  private static final byte[] KEY_128 = hex("000102030405060708090a0b0c0d0e0f");
  private static final byte[] KEY_256 = hex("000102030405060708090a0b0c0d0e0f"
      + "101112131415161718191a1b1c1d1e1f");
  /** "Quid pro quo". */
  private static final byte[] SALT = hex("517569642070726f2071756f");

  /** §16: SSRC 5501a0b2, SEQ f17b, ROC 0; the payload is "Gallia est omnis divisa...". */
  private static final byte[] RFC7714_RTP = hex("8040f17b 8041f8d3 5501a0b2 47616c6c"
      + "69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573");
  /** §16.1.1. */
  private static final byte[] RFC7714_SRTP_128 = hex("8040f17b 8041f8d3 5501a0b2 f24de3a3"
      + "fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf"
      + "8833899d 7f27beb1 6a9152cf 765ee439 0cce");
  /** §16.2.1. */
  private static final byte[] RFC7714_SRTP_256 = hex("8040f17b 8041f8d3 5501a0b2 32b1de78"
      + "a822fe12 ef9f78fa 332e33aa b1801238 9a58e2f3 b50b2a02 76ffae0f 1ba63799"
      + "b87b7aa3 db36dfff d6b0f9bb 7878d7a7 6c13");
  /** §17: an SR from SSRC "Mars", SRTCP index 000005d4. */
  private static final byte[] RFC7714_RTCP = hex("81c8000d 4d617273 4e545031 4e545032"
      + "52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef");
  /** §17.1, encrypted: header | ciphertext | tag | 800005d4. */
  private static final byte[] RFC7714_SRTCP_128 = hex("81c8000d 4d617273 63e94885 dcdab67c"
      + "a727d766 2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded"
      + "0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4");
  /** §17.2. */
  private static final byte[] RFC7714_SRTCP_256 = hex("81c8000d 4d617273 d50ae4d1 f5ce5d30"
      + "4ba297e4 7d470c28 2c3ece5d bffe0a50 a2eaa5c1 110555be 8415f658 c61de047"
      + "6f1b6fad 1d1eb30c 4446839f 57ff6f6c b26ac3be 800005d4");
  /** §17.3, tagged only (E = 0): packet | tag | 000005d4. */
  private static final byte[] RFC7714_TAGGED_128 = hex("81c8000d 4d617273 4e545031 4e545032"
      + "52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef"
      + "841dd968 3dd78ec9 2ae58790 125f62b3 000005d4");
  /** §17.4. */
  private static final byte[] RFC7714_TAGGED_256 = hex("81c8000d 4d617273 4e545031 4e545032"
      + "52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef"
      + "91db4afb feee5a97 8fab4393 ed2615fe 000005d4");

  private static SrtpContext rfc7714(SrtpProfile profile) {
    SessionKeys keys = new SessionKeys(profile == SrtpProfile.AEAD_AES_128_GCM ? KEY_128 : KEY_256,
        new byte[0], SALT);
    return new SrtpContext(profile, keys, keys, 64, new byte[0]);
  }

  @Test
  void protectsTheSrtpPacketsOfRfc7714Section16() {
    assertProtects(rfc7714(SrtpProfile.AEAD_AES_128_GCM), RFC7714_RTP, RFC7714_SRTP_128);
    assertProtects(rfc7714(SrtpProfile.AEAD_AES_256_GCM), RFC7714_RTP, RFC7714_SRTP_256);
  }

  @Test
  void unprotectsTheSrtpPacketsOfRfc7714Section16() {
    assertUnprotects(rfc7714(SrtpProfile.AEAD_AES_128_GCM), RFC7714_SRTP_128, RFC7714_RTP);
    assertUnprotects(rfc7714(SrtpProfile.AEAD_AES_256_GCM), RFC7714_SRTP_256, RFC7714_RTP);
  }

  /** §17.1 gives the 128-bit encryption, §17.2 the 256-bit decryption; both ways for both. */
  @Test
  void protectsTheSrtcpPacketsOfRfc7714Section17() {
    SrtpContext s128 = rfc7714(SrtpProfile.AEAD_AES_128_GCM);
    s128.nextSrtcpIndex(0x5d4);
    assertProtectsRtcp(s128, RFC7714_RTCP, RFC7714_SRTCP_128);
    SrtpContext s256 = rfc7714(SrtpProfile.AEAD_AES_256_GCM);
    s256.nextSrtcpIndex(0x5d4);
    assertProtectsRtcp(s256, RFC7714_RTCP, RFC7714_SRTCP_256);
  }

  @Test
  void unprotectsTheSrtcpPacketsOfRfc7714Section17() {
    assertUnprotectsRtcp(rfc7714(SrtpProfile.AEAD_AES_128_GCM), RFC7714_SRTCP_128, RFC7714_RTCP);
    assertUnprotectsRtcp(rfc7714(SrtpProfile.AEAD_AES_256_GCM), RFC7714_SRTCP_256, RFC7714_RTCP);
  }

  /** §17.3 and §17.4: E = 0, the whole packet is associated data and comes back as it was. */
  @Test
  void verifiesTheTaggedOnlySrtcpPacketsOfRfc7714Section17() {
    assertUnprotectsRtcp(rfc7714(SrtpProfile.AEAD_AES_128_GCM), RFC7714_TAGGED_128, RFC7714_RTCP);
    assertUnprotectsRtcp(rfc7714(SrtpProfile.AEAD_AES_256_GCM), RFC7714_TAGGED_256, RFC7714_RTCP);
  }

  @Test
  void aFlippedBitAnywhereInAnRfc7714PacketFailsTheTag() {
    for (int i = 0; i < RFC7714_SRTP_128.length; i++) {
      byte[] b = RFC7714_SRTP_128.clone();
      b[i] ^= 0x01;
      int status = rfc7714(SrtpProfile.AEAD_AES_128_GCM).unprotect(b, 0, b.length);
      assertEquals(SrtpDrop.NOT_AUTHENTIC.status(), status, "bit flipped in byte " + i);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void assertProtects(SrtpContext c, byte[] plain, byte[] expected) {
    byte[] b = withRoom(plain);
    int n = c.protect(b, 0, plain.length);
    assertEquals(SrtpTestSupport.hex(expected, 0, expected.length), SrtpTestSupport.hex(b, 0,
        Math.max(n, 0)));
  }

  private static void assertUnprotects(SrtpContext c, byte[] sealed, byte[] expected) {
    byte[] b = sealed.clone();
    int n = c.unprotect(b, 0, b.length);
    assertEquals(expected.length, n);
    assertArrayEquals(expected, Arrays.copyOf(b, n));
  }

  private static void assertProtectsRtcp(SrtpContext c, byte[] plain, byte[] expected) {
    byte[] b = withRoom(plain);
    int n = c.protectRtcp(b, 0, plain.length);
    assertEquals(SrtpTestSupport.hex(expected, 0, expected.length), SrtpTestSupport.hex(b, 0,
        Math.max(n, 0)));
  }

  private static void assertUnprotectsRtcp(SrtpContext c, byte[] sealed, byte[] expected) {
    byte[] b = sealed.clone();
    int n = c.unprotectRtcp(b, 0, b.length);
    assertEquals(expected.length, n);
    assertArrayEquals(expected, Arrays.copyOf(b, n));
  }
}
