package io.opensbc.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.ice.IceLiteResponder.Verdict;
import io.opensbc.media.ice.StunAttribute.ErrorCode;
import io.opensbc.media.ice.StunAttribute.IceControlled;
import io.opensbc.media.ice.StunAttribute.IceControlling;
import io.opensbc.media.ice.StunAttribute.MessageIntegrity;
import io.opensbc.media.ice.StunAttribute.Priority;
import io.opensbc.media.ice.StunAttribute.Unknown;
import io.opensbc.media.ice.StunAttribute.UseCandidate;
import io.opensbc.media.ice.StunAttribute.Username;
import io.opensbc.media.ice.StunAttribute.XorMappedAddress;
import io.opensbc.media.ice.StunDecodeResult.Decoded;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ICE-lite responder (RFC 8445 §7.3, RFC 8489 §9.1.3), including fuzzing. */
class IceLiteResponderTest {

  private static final String OUR_UFRAG = "sbcU";
  private static final String OUR_PWD = "sbcPasswordOf22CharsXY";
  private static final IceLiteResponder RESPONDER = new IceLiteResponder(OUR_UFRAG, OUR_PWD);
  private static final byte[] TID = StunVectors.hex("0102030405060708090a0b0c");
  private static final InetSocketAddress SOURCE = source("203.0.113.7", 40000);

  private static InetSocketAddress source(String host, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] request(String username, String pwd, StunAttribute... extra) {
    List<StunAttribute> attrs = new ArrayList<>();
    attrs.add(new Username(username));
    attrs.add(new Priority(0x6e0001ffL));
    attrs.add(new IceControlling(0x1234L));
    attrs.addAll(List.of(extra));
    StunMessage m = new StunMessage(StunMessage.BINDING_REQUEST, TID, attrs);
    return StunCodec.encode(m, pwd == null ? null : StunCodec.shortTermKey(pwd), true);
  }

  private static Verdict respond(byte[] b) {
    return RESPONDER.respond(b, 0, b.length, SOURCE);
  }

  private static Decoded decoded(byte[] b) {
    return assertInstanceOf(Decoded.class, StunCodec.decode(b, 0, b.length));
  }

  private static int errorCode(Verdict v) {
    return errorCode(v, TID);
  }

  private static int errorCode(Verdict v, byte[] tid) {
    Verdict.ErrorResponse e = assertInstanceOf(Verdict.ErrorResponse.class, v);
    byte[] b = e.response();
    Decoded d = decoded(b);
    assertTrue(d.message().isErrorResponse());
    assertArrayEquals(tid, d.message().transactionId());
    assertTrue(StunCodec.fingerprintValid(b, 0, b.length, d));
    int code = d.message().first(ErrorCode.class).orElseThrow().code();
    assertEquals(code, e.code());
    return code;
  }

  @Test
  void validRequestGetsAVerifiableSuccessResponse() {
    Verdict.Success s =
        assertInstanceOf(Verdict.Success.class, respond(request("sbcU:peer", OUR_PWD)));
    byte[] b = s.response();
    Decoded d = decoded(b);
    assertEquals(StunMessage.BINDING_SUCCESS_RESPONSE, d.message().type());
    assertArrayEquals(TID, d.message().transactionId());
    assertEquals(SOURCE, d.message().first(XorMappedAddress.class).orElseThrow().address());
    assertTrue(StunCodec.integrityValid(b, 0, b.length, d, StunCodec.shortTermKey(OUR_PWD)));
    assertTrue(StunCodec.fingerprintValid(b, 0, b.length, d));
    assertEquals(SOURCE, s.source());
    assertEquals("peer", s.remoteUfrag());
    assertFalse(s.useCandidate());
    assertEquals(0x6e0001ffL, s.priority().getAsLong());
  }

  @Test
  void ipv6SourceIsMapped() {
    InetSocketAddress v6 = source("2001:db8::1", 5000);
    byte[] req = request("sbcU:peer", OUR_PWD);
    Verdict.Success s =
        assertInstanceOf(Verdict.Success.class, RESPONDER.respond(req, 0, req.length, v6));
    byte[] b = s.response();
    assertEquals(v6, decoded(b).message().first(XorMappedAddress.class).orElseThrow().address());
  }

  @Test
  void useCandidateIsReportedAsNomination() {
    Verdict.Success s =
        assertInstanceOf(
            Verdict.Success.class, respond(request("sbcU:peer", OUR_PWD, new UseCandidate())));
    assertTrue(s.useCandidate());
  }

  @Test
  void wrongPasswordIs401WithoutIntegrity() {
    Verdict v = respond(request("sbcU:peer", "notOurPasswordAtAll!!!"));
    assertEquals(401, errorCode(v));
    byte[] b = ((Verdict.ErrorResponse) v).response();
    assertFalse(decoded(b).message().has(MessageIntegrity.class));
  }

  @Test
  void wrongUfragIs401() {
    assertEquals(401, errorCode(respond(request("other:peer", OUR_PWD))));
    assertEquals(401, errorCode(respond(request("sbcU", OUR_PWD))));
    assertEquals(401, errorCode(respond(request("sbcU:", OUR_PWD))));
    assertEquals(401, errorCode(respond(request("sbc:peer", OUR_PWD))));
  }

  @Test
  void missingIntegrityOrUsernameIs400() {
    assertEquals(400, errorCode(respond(request("sbcU:peer", null))));
    StunMessage noUser =
        new StunMessage(StunMessage.BINDING_REQUEST, TID, List.of(new Priority(1)));
    assertEquals(
        400, errorCode(respond(StunCodec.encode(noUser, StunCodec.shortTermKey(OUR_PWD), true))));
  }

  @Test
  void peerClaimingControlledGets487WithIntegrity() {
    Verdict v = respond(request("sbcU:peer", OUR_PWD, new IceControlled(7)));
    assertEquals(487, errorCode(v));
    byte[] b = ((Verdict.ErrorResponse) v).response();
    assertTrue(
        StunCodec.integrityValid(b, 0, b.length, decoded(b), StunCodec.shortTermKey(OUR_PWD)));
  }

  @Test
  void unknownComprehensionRequiredAttributeIs420() {
    Verdict v = respond(request("sbcU:peer", OUR_PWD, new Unknown(0x7001, new byte[] {1})));
    assertEquals(420, errorCode(v));
    byte[] b = ((Verdict.ErrorResponse) v).response();
    Unknown list =
        decoded(b).message().attributes().stream()
            .filter(a -> a.type() == 0x000A)
            .map(Unknown.class::cast)
            .findFirst()
            .orElseThrow();
    assertArrayEquals(new byte[] {0x70, 0x01}, list.value());
    assertInstanceOf(
        Verdict.Success.class,
        respond(request("sbcU:peer", OUR_PWD, new Unknown(0xC001, new byte[] {1}))));
  }

  @Test
  void dropsWhatCannotBeAChecksRequest() {
    byte[] noFingerprint =
        StunCodec.encode(
            new StunMessage(
                StunMessage.BINDING_REQUEST, TID, List.of(new Username("sbcU:peer"))),
            StunCodec.shortTermKey(OUR_PWD),
            false);
    assertInstanceOf(Verdict.Drop.class, respond(noFingerprint));
    byte[] badFingerprint = request("sbcU:peer", OUR_PWD);
    badFingerprint[badFingerprint.length - 1] ^= 1;
    assertInstanceOf(Verdict.Drop.class, respond(badFingerprint));
    byte[] indication =
        StunCodec.encode(
            new StunMessage(StunMessage.BINDING_INDICATION, TID, List.of()), null, true);
    assertInstanceOf(Verdict.Drop.class, respond(indication));
    assertInstanceOf(Verdict.Drop.class, respond(StunVectors.SAMPLE_IPV4_RESPONSE));
    assertInstanceOf(Verdict.Drop.class, respond(new byte[] {(byte) 0x80, 0, 0, 0}));
    byte[] ok = request("sbcU:peer", OUR_PWD);
    assertInstanceOf(Verdict.Drop.class, RESPONDER.respond(ok, 0, ok.length, null));
  }

  @Test
  void rfc5769SampleRequestAuthenticatesButClaimsControlled() {
    // The sample request is for ufrag "evtj", carries ICE-CONTROLLED: a lite agent says 487.
    IceLiteResponder r = new IceLiteResponder("evtj", StunVectors.PASSWORD);
    byte[] b = StunVectors.SAMPLE_REQUEST;
    assertEquals(487, errorCode(r.respond(b, 0, b.length, SOURCE), StunVectors.TRANSACTION_ID));
    assertEquals(
        401,
        errorCode(
            new IceLiteResponder("evtj", "wrong").respond(b, 0, b.length, SOURCE),
            StunVectors.TRANSACTION_ID));
  }

  @Test
  void nonBindingRequestIs400() {
    byte[] allocate =
        StunCodec.encode(new StunMessage(0x0003, TID, List.of()), null, true);
    Verdict v = respond(allocate);
    assertEquals(400, errorCode(v));
    assertEquals(0x0113, decoded(((Verdict.ErrorResponse) v).response()).message().type());
  }

  @Test
  void constructorRejectsBadCredentials() {
    assertThrows(IllegalArgumentException.class, () -> new IceLiteResponder("", OUR_PWD));
    assertThrows(IllegalArgumentException.class, () -> new IceLiteResponder("a:b", OUR_PWD));
    assertThrows(IllegalArgumentException.class, () -> new IceLiteResponder("abcd", ""));
    assertFalse(RESPONDER.toString().contains(OUR_PWD));
  }

  @Test
  void everyTruncationNeverThrows() {
    byte[] req = request("sbcU:peer", OUR_PWD, new UseCandidate());
    for (int n = 0; n <= req.length; n++) {
      byte[] cut = Arrays.copyOf(req, n);
      StunCodec.decode(cut, 0, n);
      StunCodec.isStun(cut, 0, n);
      Verdict v = RESPONDER.respond(cut, 0, n, SOURCE);
      if (n < req.length) {
        assertInstanceOf(Verdict.Drop.class, v, "truncated to " + n);
      }
    }
  }

  @Test
  void tenThousandRandomMutationsNeverThrow() {
    byte[] req = request("sbcU:peer", OUR_PWD, new UseCandidate());
    Random random = new Random(5769);
    int answered = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] m = req.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        m[random.nextInt(m.length)] = (byte) random.nextInt(256);
      }
      StunDecodeResult r = StunCodec.decode(m, 0, m.length);
      if (r instanceof Decoded d) {
        StunCodec.integrityValid(m, 0, m.length, d, StunCodec.shortTermKey(OUR_PWD));
        StunCodec.fingerprintValid(m, 0, m.length, d);
      }
      StunCodec.isStun(m, 0, m.length);
      if (!(RESPONDER.respond(m, 0, m.length, SOURCE) instanceof Verdict.Drop)) {
        answered++;
      }
    }
    // A mutation that keeps a valid FINGERPRINT is a ~2^-32 event: almost everything is dropped.
    assertTrue(answered < 10, "answered " + answered);
  }

  @Test
  void randomGarbageNeverThrows() {
    Random random = new Random(8489);
    for (int i = 0; i < 10_000; i++) {
      byte[] g = new byte[random.nextInt(200)];
      random.nextBytes(g);
      if (g.length >= 8 && random.nextBoolean()) {
        g[0] &= 0x03;
        g[4] = 0x21;
        g[5] = 0x12;
        g[6] = (byte) 0xa4;
        g[7] = 0x42;
        g[2] = (byte) ((g.length - 20) >> 8);
        g[3] = (byte) (g.length - 20);
      }
      StunCodec.decode(g, 0, g.length);
      RESPONDER.respond(g, 0, g.length, SOURCE);
    }
  }
}
