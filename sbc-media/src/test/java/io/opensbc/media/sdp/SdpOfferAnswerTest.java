package io.opensbc.media.sdp;

import static io.opensbc.media.sdp.SdpFixtures.crlf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3264 answer checks and what the relay learns from remote SDP. */
class SdpOfferAnswerTest {
  private final SessionDescription softphone = SdpFixtures.parsed("softphone-audio-video-offer.sdp");
  private final SessionDescription pbxAnswer = SdpFixtures.parsed("pbx-answer-rejects-video.sdp");

  private static SessionDescription sdp(String... lines) {
    SdpParse<SessionDescription> p = SdpParser.parse(crlf(lines));
    assertTrue(p.isOk(), p.reason());
    return p.orNull();
  }

  @Test
  void anAnswerRejectingVideoMatchesItsOffer() {
    assertEquals(SdpParse.ok(pbxAnswer), OfferAnswer.checkAnswer(softphone, pbxAnswer));
  }

  @Test
  void answersThatBreakRfc3264() {
    SessionDescription audioOnly = SdpFixtures.parsed("carrier-g711-offer.sdp");
    assertEquals(SdpParse.malformed("answer has 1 m= lines, offer 2 (RFC 3264 section 6)"),
        OfferAnswer.checkAnswer(softphone, audioOnly));
    SessionDescription swapped = pbxAnswer.withMedia(List.of(pbxAnswer.media().get(1),
        pbxAnswer.media().get(0)));
    assertEquals(SdpParse.malformed("answer m= line 1 is video, offer audio"),
        OfferAnswer.checkAnswer(softphone, swapped));
    SessionDescription reopened = pbxAnswer.withMedia(1,
        pbxAnswer.media().get(1).withM(pbxAnswer.media().get(1).m().withPort(5000)));
    assertEquals(SdpParse.malformed("answer m= line 2 accepts a stream offered with port 0"),
        OfferAnswer.checkAnswer(pbxAnswer, reopened));
  }

  @Test
  void teamsOfferGivesSrtpKeyIceAndMux() {
    SessionDescription teams = SdpFixtures.parsed("teams-offer.sdp");
    RemoteMedia audio = OfferAnswer.remoteMedia(teams).orNull().get(0);
    assertEquals(new TransportAddress("52.114.246.183", 52882), audio.rtp());
    assertEquals(audio.rtp(), audio.rtcp());
    assertTrue(audio.rtcpMux());
    Crypto crypto = audio.crypto().orElseThrow();
    assertEquals(2, crypto.tag());
    assertEquals("1:1", crypto.keyParams().get(0).mki());
    assertEquals(Optional.of(new IceCredentials("mT7b", "5pXxUkKSiyJHeMNVdRGAAo7p")), audio.ice());
    assertEquals(Direction.SENDRECV, audio.direction());
    assertFalse(audio.hold());
  }

  @Test
  void carrierOfferRtcpIsOnThePortAfterRtp() {
    RemoteMedia audio =
        OfferAnswer.remoteMedia(SdpFixtures.parsed("carrier-g711-offer.sdp")).orNull().get(0);
    assertEquals(new TransportAddress("203.0.113.46", 26214), audio.rtp());
    assertEquals(new TransportAddress("203.0.113.46", 26215), audio.rtcp());
    assertFalse(audio.rtcpMux());
    assertEquals(Optional.empty(), audio.crypto());
    assertEquals(Optional.empty(), audio.ice());
  }

  @Test
  void holdReinviteIsSeenAsHold() {
    RemoteMedia audio =
        OfferAnswer.remoteMedia(SdpFixtures.parsed("carrier-hold-reinvite.sdp")).orNull().get(0);
    assertEquals(Direction.SENDONLY, audio.direction());
    assertTrue(audio.hold());
  }

  @Test
  void rtcpAttributeWithAnAddressAndARejectedStream() {
    List<RemoteMedia> offer = OfferAnswer.remoteMedia(softphone).orNull();
    assertEquals(new TransportAddress("198.51.100.23", 4003), offer.get(1).rtcp());
    List<RemoteMedia> answer = OfferAnswer.negotiated(softphone, pbxAnswer).orNull();
    assertEquals(new TransportAddress("192.0.2.10", 13882), answer.get(0).rtp());
    assertEquals(new TransportAddress("192.0.2.10", 13883), answer.get(0).rtcp());
    assertTrue(answer.get(1).isRejected());
    assertEquals(new TransportAddress("192.0.2.10", 0), answer.get(1).rtp());
  }

  @Test
  void webrtcOfferGivesFingerprintSetupAndIce() {
    RemoteMedia audio = OfferAnswer.remoteMedia(SdpFixtures.parsed("webrtc-offer.sdp")).orNull()
        .get(0);
    assertEquals(Optional.of(Setup.ACTPASS), audio.setup());
    assertEquals("sha-256", audio.fingerprint().orElseThrow().hashFunction());
    assertEquals("xK4u", audio.ice().orElseThrow().ufrag());
    assertEquals(new TransportAddress("198.51.100.77", 54321), audio.rtcp());
  }

  @Test
  void firstAcceptableCryptoSkipsUnknownSuitesWrongKeysAndUnsupportedParameters() {
    String key30 = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB";
    SessionDescription offer = sdp("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
        "t=0 0", "m=audio 5004 RTP/SAVP 0",
        "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:" + key30,
        "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:QUJD",
        "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:" + key30 + " UNENCRYPTED_SRTP",
        "a=crypto:4 AES_CM_128_HMAC_SHA1_80 inline:" + key30 + "|x",
        "a=crypto:5 AES_CM_128_HMAC_SHA1_32 inline:" + key30 + " WSH=64");
    assertEquals(5, OfferAnswer.remoteMedia(offer).orNull().get(0).crypto().orElseThrow().tag());
  }

  @Test
  void negotiatedMuxNeedsBothSidesAndTheAnswerKeyMustEchoAnOfferedTag() {
    String key30 = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB";
    SessionDescription ourOffer = sdp("v=0", "o=opensbc 1 1 IN IP4 203.0.113.5", "s=-",
        "c=IN IP4 203.0.113.5", "t=0 0", "m=audio 40000 RTP/SAVP 0", "a=rtcp-mux",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key30,
        "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + key30);
    SessionDescription good = sdp("v=0", "o=- 1 1 IN IP4 192.0.2.9", "s=-", "c=IN IP4 192.0.2.9",
        "t=0 0", "m=audio 6000 RTP/SAVP 0", "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + key30);
    RemoteMedia m = OfferAnswer.negotiated(ourOffer, good).orNull().get(0);
    assertFalse(m.rtcpMux());
    assertEquals(new TransportAddress("192.0.2.9", 6001), m.rtcp());
    assertEquals(2, m.crypto().orElseThrow().tag());

    SessionDescription wrongTag = sdp("v=0", "o=- 1 1 IN IP4 192.0.2.9", "s=-",
        "c=IN IP4 192.0.2.9", "t=0 0", "m=audio 6000 RTP/SAVP 0", "a=rtcp-mux",
        "a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:" + key30);
    assertEquals(SdpParse.malformed("m= line 1 (audio): no a=crypto with an offered tag and suite"),
        OfferAnswer.negotiated(ourOffer, wrongTag));
    SessionDescription plainAnswer = sdp("v=0", "o=- 1 1 IN IP4 192.0.2.9", "s=-",
        "c=IN IP4 192.0.2.9", "t=0 0", "m=audio 6000 RTP/AVP 0", "a=rtcp-mux");
    RemoteMedia declined = OfferAnswer.negotiated(ourOffer, plainAnswer).orNull().get(0);
    assertTrue(declined.rtcpMux());
    assertEquals(Optional.empty(), declined.crypto());
  }

  @Test
  void whatTheRelayCannotUseIsMalformed() {
    assertEquals(SdpParse.malformed("m= line 1 (audio): no c= line for m=audio"),
        OfferAnswer.remoteMedia(sdp("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0",
            "m=audio 5004 RTP/AVP 0")));
    assertEquals(SdpParse.malformed("m= line 1 (audio): c=: network type is not IN"),
        OfferAnswer.remoteMedia(sdp("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-",
            "c=ATM NSAP 47.0091.8100.0000.0060.3e64.fd01.0060.3e64.fd01.00", "t=0 0",
            "m=audio 5004 RTP/AVP 0")));
    assertFalse(OfferAnswer.remoteMedia(sdp("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-",
        "c=IN IP4 192.0.2.1", "t=0 0", "m=audio 5004 RTP/AVP 0", "a=rtcp:70000")).isOk());
    assertFalse(OfferAnswer.remoteMedia(sdp("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-",
        "c=IN IP4 192.0.2.1", "t=0 0", "m=audio 5004 RTP/AVP 0", "a=ice-ufrag:abcd")).isOk());
    assertTrue(OfferAnswer.remoteMedia(sdp("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0",
        "m=audio 0 RTP/AVP 0")).isOk(), "a rejected stream needs no address");
  }
}
