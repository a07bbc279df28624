package io.opensbc.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec against RFC 5769 and its own encoder. */
class StunCodecTest {

  private static final byte[] KEY = StunCodec.shortTermKey(StunVectors.PASSWORD);

  private static Decoded decode(byte[] b) {
    return assertInstanceOf(Decoded.class, StunCodec.decode(b, 0, b.length));
  }

  @Test
  void rfc5769SampleRequest() {
    byte[] b = StunVectors.SAMPLE_REQUEST;
    Decoded d = decode(b);
    StunMessage m = d.message();
    assertEquals(StunMessage.BINDING_REQUEST, m.type());
    assertTrue(m.isRequest());
    assertEquals(StunMessage.BINDING_REQUEST, m.method());
    assertArrayEquals(StunVectors.TRANSACTION_ID, m.transactionId());
    assertEquals(
        new Unknown(StunAttribute.TYPE_SOFTWARE, "STUN test client".getBytes(StandardCharsets.UTF_8)),
        m.attributes().get(0));
    assertEquals(new Priority(0x6e0001ffL), m.attributes().get(1));
    assertEquals(new IceControlled(0x932ff9b151263b36L), m.attributes().get(2));
    assertEquals(new Username("evtj:h6vY"), m.attributes().get(3));
    assertInstanceOf(MessageIntegrity.class, m.attributes().get(4));
    assertEquals(new Fingerprint(0xe57a3bcf), m.attributes().get(5));
    assertEquals(6, m.attributes().size());
    assertEquals(76, d.integrityAt());
    assertEquals(100, d.fingerprintAt());
    assertTrue(StunCodec.integrityValid(b, 0, b.length, d, KEY));
    assertTrue(StunCodec.fingerprintValid(b, 0, b.length, d));
    assertFalse(StunCodec.integrityValid(b, 0, b.length, d, StunCodec.shortTermKey("wrong")));
  }

  @Test
  void rfc5769Ipv4Response() throws Exception {
    byte[] b = StunVectors.SAMPLE_IPV4_RESPONSE;
    Decoded d = decode(b);
    assertTrue(d.message().isSuccessResponse());
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853),
        d.message().first(XorMappedAddress.class).orElseThrow().address());
    assertTrue(StunCodec.integrityValid(b, 0, b.length, d, KEY));
    assertTrue(StunCodec.fingerprintValid(b, 0, b.length, d));
  }

  @Test
  void rfc5769Ipv6Response() throws Exception {
    byte[] b = StunVectors.SAMPLE_IPV6_RESPONSE;
    Decoded d = decode(b);
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
        d.message().first(XorMappedAddress.class).orElseThrow().address());
    assertTrue(StunCodec.integrityValid(b, 0, b.length, d, KEY));
    assertTrue(StunCodec.fingerprintValid(b, 0, b.length, d));
  }

  @Test
  void encoderReproducesTheVectorXorMappedAddressBytes() throws Exception {
    // The vectors pad with spaces where we pad with zeros, so their MESSAGE-INTEGRITY and
    // FINGERPRINT cannot be byte-compared with ours; the XOR-MAPPED-ADDRESS value can.
    StunMessage m =
        new StunMessage(
            StunMessage.BINDING_SUCCESS_RESPONSE,
            StunVectors.TRANSACTION_ID,
            List.of(
                new XorMappedAddress(
                    new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853))));
    byte[] ours = StunCodec.encode(m, null, false);
    assertArrayEquals(
        Arrays.copyOfRange(StunVectors.SAMPLE_IPV4_RESPONSE, 36, 48), Arrays.copyOfRange(ours, 20, 32));
  }

  @Test
  void reEncodingTheVectorWithZeroPaddingVerifies() {
    StunMessage m = decode(StunVectors.SAMPLE_REQUEST).message();
    byte[] ours = StunCodec.encode(m, KEY, true);
    assertEquals(StunVectors.SAMPLE_REQUEST.length, ours.length);
    Decoded d = decode(ours);
    assertEquals(m.attributes().subList(0, 4), d.message().attributes().subList(0, 4));
    assertTrue(StunCodec.integrityValid(ours, 0, ours.length, d, KEY));
    assertTrue(StunCodec.fingerprintValid(ours, 0, ours.length, d));
  }

  @Test
  void roundTripsEveryAttribute() throws Exception {
    StunMessage m =
        new StunMessage(
            StunMessage.BINDING_ERROR_RESPONSE,
            StunVectors.TRANSACTION_ID,
            List.of(
                new Username("abcd:efgh"),
                new ErrorCode(487, "Role Conflict"),
                new XorMappedAddress(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 5)),
                new XorMappedAddress(new InetSocketAddress(InetAddress.getByName("::1"), 65535)),
                new Priority(0xFFFF_FFFFL),
                new UseCandidate(),
                new IceControlling(-1L),
                new IceControlled(42L),
                new Unknown(0xC001, new byte[] {1, 2, 3})));
    byte[] b = StunCodec.encode(m, KEY, true);
    Decoded d = decode(b);
    assertEquals(m.attributes(), d.message().attributes().subList(0, 9));
    assertEquals(m.type(), d.message().type());
    assertTrue(StunCodec.integrityValid(b, 0, b.length, d, KEY));
    assertTrue(StunCodec.fingerprintValid(b, 0, b.length, d));
    assertEquals(0, b.length % 4);
  }

  @Test
  void decodesAtAnOffset() {
    byte[] b = new byte[StunVectors.SAMPLE_REQUEST.length + 7];
    System.arraycopy(StunVectors.SAMPLE_REQUEST, 0, b, 3, StunVectors.SAMPLE_REQUEST.length);
    Decoded d =
        assertInstanceOf(
            Decoded.class, StunCodec.decode(b, 3, StunVectors.SAMPLE_REQUEST.length));
    assertTrue(StunCodec.integrityValid(b, 3, StunVectors.SAMPLE_REQUEST.length, d, KEY));
    assertTrue(StunCodec.fingerprintValid(b, 3, StunVectors.SAMPLE_REQUEST.length, d));
    assertTrue(StunCodec.isStun(b, 3, StunVectors.SAMPLE_REQUEST.length));
  }

  @Test
  void attributesAfterIntegrityOtherThanFingerprintAreIgnored() {
    StunMessage m =
        new StunMessage(StunMessage.BINDING_REQUEST, StunVectors.TRANSACTION_ID, List.of());
    byte[] signed = StunCodec.encode(m, KEY, false);
    byte[] b = Arrays.copyOf(signed, signed.length + 8);
    b[signed.length] = 0x00;
    b[signed.length + 1] = 0x24; // PRIORITY after MESSAGE-INTEGRITY
    b[signed.length + 3] = 4;
    b[3] = (byte) (b.length - 20);
    Decoded d = decode(b);
    assertFalse(d.message().has(Priority.class));
  }

  @Test
  void malformedInputsAreValues() {
    byte[] r = StunVectors.SAMPLE_REQUEST;
    assertInstanceOf(Malformed.class, StunCodec.decode(null, 0, 0));
    assertInstanceOf(Malformed.class, StunCodec.decode(r, 0, 19));
    assertInstanceOf(Malformed.class, StunCodec.decode(r, -1, 20));
    assertInstanceOf(Malformed.class, StunCodec.decode(r, 100, 20));
    assertInstanceOf(Malformed.class, StunCodec.decode(r, 0, r.length - 4));
    byte[] noCookie = r.clone();
    noCookie[5] = 0;
    assertInstanceOf(Malformed.class, StunCodec.decode(noCookie, 0, noCookie.length));
    byte[] oddLength = r.clone();
    oddLength[3] = 0x57;
    assertInstanceOf(Malformed.class, StunCodec.decode(oddLength, 0, oddLength.length));
    byte[] badPriority = r.clone();
    badPriority[43] = 3; // PRIORITY length 3
    assertInstanceOf(Malformed.class, StunCodec.decode(badPriority, 0, badPriority.length));
  }

  @Test
  void isStunDemultiplexes() {
    byte[] r = StunVectors.SAMPLE_REQUEST;
    assertTrue(StunCodec.isStun(r, 0, r.length));
    byte[] rtp = r.clone();
    rtp[0] = (byte) 0x80; // RTP/RTCP: 128..191
    assertFalse(StunCodec.isStun(rtp, 0, rtp.length));
    byte[] dtls = r.clone();
    dtls[0] = 22; // DTLS: 20..63
    assertFalse(StunCodec.isStun(dtls, 0, dtls.length));
    assertFalse(StunCodec.isStun(r, 0, 19));
    assertFalse(StunCodec.isStun(r, r.length - 10, 20));
    assertFalse(StunCodec.isStun(null, 0, 20));
  }
}
