package io.opensbc.media.sdp;

import static io.opensbc.media.sdp.SdpFixtures.crlf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed views over attribute values, on the fixtures and on edge cases. */
class SdpViewsTest {
  private final SessionDescription teams = SdpFixtures.parsed("teams-offer.sdp");
  private final MediaDescription teamsAudio = teams.media().get(0);
  private final SessionDescription webrtc = SdpFixtures.parsed("webrtc-offer.sdp");

  @Test
  void teamsCryptoWithLifetimeAndMki() {
    List<SdpParse<Crypto>> cryptos = teamsAudio.cryptos();
    assertEquals(2, cryptos.size());
    Crypto first = cryptos.get(0).orNull();
    assertEquals(2, first.tag());
    assertEquals("AES_CM_128_HMAC_SHA1_80", first.suite());
    Crypto.KeyParams key = first.keyParams().get(0);
    assertTrue(key.isInline());
    assertEquals(30, key.keySaltBytes().length);
    assertEquals("2^31", key.lifetime());
    assertEquals("1:1", key.mki());
    assertEquals(1, key.mkiLength());
    assertEquals(teamsAudio.attributes("crypto").get(0), first.value());
    assertEquals("", cryptos.get(1).orNull().keyParams().get(0).mki());
  }

  @Test
  void cryptoWithSeveralKeysAndSessionParameters() {
    String v = "1 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32;"
        + "inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk|2^20|2:32 KDR=1 UNENCRYPTED_SRTCP";
    Crypto c = Crypto.parse(v).orNull();
    assertEquals(2, c.keyParams().size());
    assertEquals(32, c.keyParams().get(1).mkiLength());
    assertEquals(List.of("KDR=1", "UNENCRYPTED_SRTCP"), c.sessionParams());
    assertEquals(v, c.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "1", "1 AES_CM_128_HMAC_SHA1_80", "x AES_CM_128_HMAC_SHA1_80 inline:QUJD",
      "1234567890 AES_CM_128_HMAC_SHA1_80 inline:QUJD", "1 AES-CM inline:QUJD",
      "1 AES_CM_128_HMAC_SHA1_80 inline:", "1 AES_CM_128_HMAC_SHA1_80 inline:QU*D",
      "1 AES_CM_128_HMAC_SHA1_80 inline:QUJDR", "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|x",
      "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|1:0", "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|1:1|2^31",
      "1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|2^31|1:1|x", "1 AES_CM_128_HMAC_SHA1_80 :QUJD"})
  void malformedCrypto(String value) {
    assertFalse(Crypto.parse(value).isOk(), value);
  }

  @Test
  void teamsCandidatesRtcpAndIce() {
    List<SdpParse<Candidate>> candidates = teamsAudio.candidates();
    assertEquals(4, candidates.size());
    Candidate relay = candidates.get(0).orNull();
    assertEquals(new Candidate("1", 1, "UDP", 54001663, "52.114.246.183", 52882, "relay",
        Optional.of("10.1.32.11"), OptionalInt.of(52882), List.of()), relay);
    assertEquals(teamsAudio.attributes("candidate").get(0), relay.value());
    assertEquals("tcp-act", candidates.get(2).orNull().transport());
    assertEquals(SdpParse.ok(Optional.of(Rtcp.of(52883))), teamsAudio.rtcp());
    assertTrue(teamsAudio.rtcpMux());
    assertEquals(SdpParse.ok(Optional.of(new IceCredentials("mT7b", "5pXxUkKSiyJHeMNVdRGAAo7p"))),
        teams.ice(teamsAudio));
    assertFalse(teams.iceLite());
    assertEquals(SdpParse.ok(OptionalInt.of(20)), teamsAudio.ptime());
  }

  @Test
  void candidateExtensionsAndHostCandidates() {
    String chrome = "842163049 1 udp 1686052607 198.51.100.77 54321 typ srflx raddr 192.168.1.20"
        + " rport 54321 generation 0 network-id 1";
    Candidate c = Candidate.parse(chrome).orNull();
    assertEquals(List.of(new Candidate.Extension("generation", "0"),
        new Candidate.Extension("network-id", "1")), c.extensions());
    assertEquals(chrome, c.value());
    assertEquals("1 1 UDP 2130706431 203.0.113.9 40000 typ host",
        Candidate.host("1", 1, "203.0.113.9", 40000).value());
    assertEquals(2130706430L, Candidate.host("1", 2, "203.0.113.9", 40001).priority());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1 1 UDP 1 192.0.2.1 5000 host", "1 0 UDP 1 192.0.2.1 5000 typ host",
      "1 1 UDP 4294967296 192.0.2.1 5000 typ host", "1 1 UDP 1 192.0.2.1 70000 typ host",
      "1 1 UDP 1 192.0.2.1 5000 typ host generation", "f*o 1 UDP 1 192.0.2.1 5000 typ host",
      "1 1 UDP 1 192.0.2.1 5000 typ host rport x", "1 1 UDP 1 300.0.2.1 5000 typ host"})
  void malformedCandidate(String value) {
    assertFalse(Candidate.parse(value).isOk(), value);
  }

  @Test
  void webrtcFingerprintSetupMidAndSessionLevelAttributes() {
    MediaDescription audio = webrtc.media().get(0);
    Fingerprint fp = webrtc.fingerprint(audio).orNull().orElseThrow();
    assertEquals("sha-256", fp.hashFunction());
    assertEquals(32, fp.bytes().length);
    assertEquals("7b8bf065", HexFormat.of().formatHex(fp.bytes(), 0, 4));
    assertEquals(SdpParse.ok(Optional.of(Setup.ACTPASS)), webrtc.setup(audio));
    assertEquals(Optional.of("0"), audio.mid());
    assertEquals(Optional.of("BUNDLE 0 1"), webrtc.attribute("group"));
    assertEquals(SdpParse.ok(Optional.of(new Rtcp(9, Optional.of(Connection.of("0.0.0.0"))))),
        audio.rtcp());
    assertEquals(Optional.of(new Rtpmap(111, "opus", 48000, "2")), audio.rtpmap("111"));
    assertEquals(Optional.of(new Fmtp("111", "minptime=10;useinbandfec=1")), audio.fmtp("111"));
    assertEquals(SdpParse.ok(Optional.of(Connection.of("198.51.100.77"))), audio.connection());
    assertEquals(SdpParse.ok(Optional.empty()), webrtc.connection());
  }

  @Test
  void staticPayloadTypesNeedNoRtpmap() {
    MediaDescription m = SdpParser.parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-",
        "c=IN IP4 192.0.2.1", "t=0 0", "m=audio 5004 RTP/AVP 0 18 96")).orNull().media().get(0);
    assertEquals(Optional.of("PCMU"), m.encodingName("0"));
    assertEquals(Optional.of("G729"), m.encodingName("18"));
    assertEquals(Optional.empty(), m.encodingName("96"));
  }

  @Test
  void connectionData() {
    assertEquals(SdpParse.ok(new Connection("IN", "IP4", "224.2.1.1/127/3")),
        Connection.parse("IN IP4 224.2.1.1/127/3"));
    assertEquals("224.2.1.1", Connection.parse("IN IP4 224.2.1.1/127/3").orNull().host());
    assertTrue(Connection.parse("IN IP6 2001:db8::1").isOk());
    assertTrue(Connection.parse("IN IP4 media.example.com").isOk());
    assertEquals("IN IP6 2001:db8::1", Connection.of("2001:db8::1").value());
    for (String bad : List.of("IN IP4", "IN IP4 1.2.3.4 x", "IN IP5 1.2.3.4", "IN IP4 1.2.3.256",
        "IN IP4 2001:db8::1", "IN IP6 1.2.3.4", "IN IP4 1.2.3.4/x", "IN IP4 a..b")) {
      assertFalse(Connection.parse(bad).isOk(), bad);
    }
  }

  @Test
  void directionAndHold() {
    SessionDescription active = SdpFixtures.parsed("carrier-g711-offer.sdp");
    SessionDescription hold = SdpFixtures.parsed("carrier-hold-reinvite.sdp");
    assertEquals(Direction.SENDRECV, active.direction(active.media().get(0)));
    assertFalse(active.isHold(active.media().get(0)));
    assertEquals(Direction.SENDONLY, hold.direction(hold.media().get(0)));
    assertTrue(hold.isHold(hold.media().get(0)));

    SessionDescription rfc2543 = SdpParser.parse(crlf("v=0", "o=- 1 2 IN IP4 192.0.2.1", "s=-",
        "c=IN IP4 0.0.0.0", "t=0 0", "a=recvonly", "m=audio 5004 RTP/AVP 0", "m=audio 5006 RTP/AVP 0",
        "a=inactive")).orNull();
    assertEquals(Direction.RECVONLY, rfc2543.direction(rfc2543.media().get(0)));
    assertTrue(rfc2543.isHold(rfc2543.media().get(0)));
    assertEquals(Direction.INACTIVE, rfc2543.direction(rfc2543.media().get(1)));
    assertEquals(Direction.SENDONLY, Direction.RECVONLY.reverse());
  }

  @Test
  void unspecifiedAddressWithIceIsNotHold() {
    SessionDescription trickle = SdpParser.parse(crlf("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-",
        "t=0 0", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=ice-ufrag:abcd",
        "a=ice-pwd:abcdefghijklmnopqrstuv", "a=rtpmap:111 opus/48000/2")).orNull();
    assertFalse(trickle.isHold(trickle.media().get(0)));
  }

  @Test
  void malformedViewsAreValues() {
    SessionDescription sdp = SdpParser.parse(crlf("v=0", "o=- x 1 IN IP4 192.0.2.1", "s=-",
        "t=0 0", "a=ice-ufrag:abc!", "m=audio 5004 RTP/AVP 0", "c=IN IP4", "a=rtcp:x",
        "a=ptime:0", "a=fingerprint:sha-256 AB:C", "a=setup:both", "a=rtpmap:0 PCMU")).orNull();
    MediaDescription m = sdp.media().get(0);
    assertEquals(SdpParse.malformed("o=: session id and version must be numbers"), sdp.origin());
    assertEquals(SdpParse.malformed("c=: expected <nettype> <addrtype> <address>"),
        sdp.connection(m));
    assertFalse(m.rtcp().isOk());
    assertFalse(m.ptime().isOk());
    assertFalse(sdp.fingerprint(m).isOk());
    assertFalse(sdp.setup(m).isOk());
    assertEquals(SdpParse.malformed("ice-ufrag and ice-pwd must come together"), sdp.ice(m));
    assertEquals(Optional.of("PCMU"), m.encodingName("0")); // the static type stands in
    assertFalse(Rtpmap.parse("0 PCMU").isOk());
    assertFalse(Rtpmap.parse("128 X/8000").isOk());
  }
}
