package io.opensbc.media.sdp;

import static io.opensbc.media.sdp.SdpFixtures.crlf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Anchoring rewrites of the real-world fixtures, asserted as exact text. */
class SdpRewriteTest {
  private static final OriginState CARRIER_ORIGIN =
      OriginState.start("opensbc", 1700000000L, "203.0.113.5");
  private static final LegPolicy CARRIER_LEG = LegPolicy.plain()
      .withRtcpMux(RtcpMuxPolicy.REMOVE)
      .withAllowedCodecs(List.of("PCMU", "pcma", "telephone-event"));
  private static final Crypto OUR_KEY = new Crypto(1, "AES_CM_128_HMAC_SHA1_80",
      List.of(Crypto.KeyParams.inline(new byte[30])), List.of());
  private static final LegPolicy TEAMS_LEG = new LegPolicy(Security.sdes(), RtcpMuxPolicy.ADD,
      Optional.of(new IceCredentials("Sbc1", "0123456789abcdefghijKL")), List.of());

  private static String rewrite(String fixture, LegPolicy leg, OriginState origin,
      MediaAnchor... anchors) {
    return SdpWriter.write(
        AnchorRewriter.rewrite(SdpFixtures.parsed(fixture), leg, List.of(anchors), origin).sdp());
  }

  @Test
  void teamsOfferToAPlainG711Carrier() {
    assertEquals(crlf(
        "v=0",
        "o=opensbc 1700000000 1 IN IP4 203.0.113.5",
        "s=session",
        "c=IN IP4 203.0.113.5",
        "b=CT:10000000",
        "t=0 0",
        "m=audio 40000 RTP/AVP 0 8 101",
        "c=IN IP4 203.0.113.5",
        "a=rtcp:40001",
        "a=label:main-audio",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-16",
        "a=ptime:20",
        "a=x-ssrc-range:2881154816-2881154816",
        "a=rtcp-fb:* x-message app send:dsh recv:dsh",
        "a=rtcp-rsize",
        "a=x-source-streamid:21"),
        rewrite("teams-offer.sdp", CARRIER_LEG, CARRIER_ORIGIN,
            MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40000, 40001))));
  }

  @Test
  void carrierOfferToTeamsWithSdesAndIceLite() {
    assertEquals(crlf(
        "v=0",
        "o=opensbc 42 1 IN IP4 198.51.100.200",
        "s=SIP Media Capabilities",
        "c=IN IP4 198.51.100.200",
        "t=0 0",
        "a=ice-lite",
        "m=audio 50000 RTP/SAVP 0 8 101",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-15",
        "a=sendrecv",
        "a=maxptime:20",
        "a=rtcp-mux",
        "a=ice-ufrag:Sbc1",
        "a=ice-pwd:0123456789abcdefghijKL",
        "a=candidate:1 1 UDP 2130706431 198.51.100.200 50000 typ host",
        "a=candidate:1 2 UDP 2130706430 198.51.100.200 50001 typ host",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        rewrite("carrier-g711-offer.sdp", TEAMS_LEG,
            OriginState.start("opensbc", 42, "198.51.100.200"),
            MediaAnchor.relay(MediaEndpoint.of("198.51.100.200", 50000, 50001), List.of(OUR_KEY))));
  }

  @Test
  void teamsOfferBackToTeamsReplacesIceAndCryptoWhereTheyWere() {
    String out = rewrite("teams-offer.sdp", TEAMS_LEG.withRtcpMux(RtcpMuxPolicy.KEEP),
        CARRIER_ORIGIN,
        MediaAnchor.relay(MediaEndpoint.muxed("203.0.113.5", 40000), List.of(OUR_KEY)));
    assertTrue(out.contains(crlf(
        "m=audio 40000 RTP/SAVP 104 9 103 111 18 0 8 97 101 13 118",
        "c=IN IP4 203.0.113.5",
        "a=rtcp:40000",
        "a=ice-ufrag:Sbc1",
        "a=ice-pwd:0123456789abcdefghijKL",
        "a=candidate:1 1 UDP 2130706431 203.0.113.5 40000 typ host",
        "a=rtcp-mux",
        "a=label:main-audio",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "a=rtpmap:104 SILK/16000")), out);
  }

  @Test
  void webrtcOfferToAPlainSipLegWithVideoRejected() {
    assertEquals(crlf(
        "v=0",
        "o=opensbc 1700000000 1 IN IP4 203.0.113.5",
        "s=-",
        "t=0 0",
        "a=extmap-allow-mixed",
        "a=msid-semantic: WMS 5d2d3b5c-5c4a-4c0e-9d3e-6a4a3f0f2b61",
        "m=audio 40002 RTP/AVP 0 8 110 126",
        "c=IN IP4 203.0.113.5",
        "a=rtcp:40003 IN IP4 203.0.113.5",
        "a=mid:0",
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
        "a=sendrecv",
        "a=msid:5d2d3b5c-5c4a-4c0e-9d3e-6a4a3f0f2b61 0e8c8c39-5a57-4a5d-b1a4-1c4b3c2e9f10",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:110 telephone-event/48000",
        "a=rtpmap:126 telephone-event/8000",
        "a=ssrc:3735928559 cname:Vh2gD3cPq1mT8sKf",
        "a=ssrc:3735928559 msid:5d2d3b5c-5c4a-4c0e-9d3e-6a4a3f0f2b61"
            + " 0e8c8c39-5a57-4a5d-b1a4-1c4b3c2e9f10",
        "m=video 0 RTP/AVP 96 97 102 103",
        "c=IN IP4 203.0.113.5",
        "a=mid:1"),
        rewrite("webrtc-offer.sdp", CARRIER_LEG, CARRIER_ORIGIN,
            MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40002, 40003)),
            MediaAnchor.reject()));
  }

  @Test
  void carrierOfferToAWebrtcLegWithDtls() {
    Fingerprint ours = new Fingerprint("sha-256", "AB:CD:EF");
    LegPolicy webrtc = new LegPolicy(new Security.Dtls(ours, Setup.ACTPASS), RtcpMuxPolicy.ADD,
        Optional.of(new IceCredentials("Sbc1", "0123456789abcdefghijKL")), List.of());
    assertEquals(crlf(
        "v=0",
        "o=opensbc 7 1 IN IP6 2001:db8::5",
        "s=SIP Media Capabilities",
        "c=IN IP6 2001:db8::5",
        "t=0 0",
        "a=ice-lite",
        "m=audio 40000 UDP/TLS/RTP/SAVPF 0 8 101",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-15",
        "a=sendrecv",
        "a=maxptime:20",
        "a=rtcp-mux",
        "a=ice-ufrag:Sbc1",
        "a=ice-pwd:0123456789abcdefghijKL",
        "a=candidate:1 1 UDP 2130706431 2001:db8::5 40000 typ host",
        "a=fingerprint:sha-256 AB:CD:EF",
        "a=setup:actpass"),
        rewrite("carrier-g711-offer.sdp", webrtc, OriginState.start("opensbc", 7, "2001:db8::5"),
            MediaAnchor.relay(MediaEndpoint.muxed("2001:db8::5", 40000))));
  }

  @Test
  void aDtlsAnswerKeepsTheOfferedDtlsProfileAndCarriesOnlyOurFingerprintAndSetup() {
    Fingerprint ours = new Fingerprint("sha-256", "AB:CD:EF");
    LegPolicy answer = LegPolicy.plain().withSecurity(new Security.Dtls(ours, Setup.ACTIVE));
    for (String proto : List.of("UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF")) {
      String offer = SdpFixtures.text("webrtc-offer.sdp").replace("UDP/TLS/RTP/SAVPF", proto);
      String out = SdpWriter.write(AnchorRewriter.rewrite(SdpParser.parse(offer.getBytes(
              java.nio.charset.StandardCharsets.UTF_8)).orNull(), answer,
          List.of(MediaAnchor.relay(MediaEndpoint.muxed("192.0.2.1", 40000)), MediaAnchor.reject()),
          OriginState.start("opensbc", 9, "192.0.2.1")).sdp());
      assertTrue(out.contains("m=audio 40000 " + proto + " 111 "), out);
      assertEquals(1, out.split("a=fingerprint:", -1).length - 1, out);
      assertTrue(out.contains("a=fingerprint:sha-256 AB:CD:EF\r\na=setup:active\r\n"), out);
      assertTrue(!out.contains("7B:8B:F0") && !out.contains("actpass") && !out.contains("ice-"), out);
    }
    // a plain offer towards a DTLS leg gets the WebRTC profile
    String out = rewrite("carrier-g711-offer.sdp", answer, OriginState.start("opensbc", 9, "192.0.2.1"),
        MediaAnchor.relay(MediaEndpoint.muxed("192.0.2.1", 40000)));
    assertTrue(out.contains("m=audio 40000 UDP/TLS/RTP/SAVPF "), out);
  }

  @Test
  void pbxAnswerRejectingVideoGoesBackWithVideoAtPortZero() {
    assertEquals(crlf(
        "v=0",
        "o=opensbc 1700000000 1 IN IP4 203.0.113.5",
        "s=Asterisk",
        "c=IN IP4 203.0.113.5",
        "t=0 0",
        "m=audio 40000 RTP/AVP 8 101",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-16",
        "a=ptime:20",
        "a=maxptime:150",
        "a=sendrecv",
        "m=video 0 RTP/AVP 97"),
        rewrite("pbx-answer-rejects-video.sdp", LegPolicy.plain(), CARRIER_ORIGIN,
            MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40000, 40001)),
            MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40002, 40003))));
  }

  @Test
  void aSectionWithNoAllowedCodecIsRejected() {
    assertEquals(crlf(
        "v=0",
        "o=opensbc 1700000000 1 IN IP4 203.0.113.5",
        "s=SIP Media Capabilities",
        "c=IN IP4 203.0.113.5",
        "t=0 0",
        "m=audio 0 RTP/AVP 0 8 101"),
        rewrite("carrier-g711-offer.sdp",
            LegPolicy.plain().withAllowedCodecs(List.of("G722", "telephone-event")),
            CARRIER_ORIGIN, MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40000, 40001))));
  }

  @Test
  void softphoneOfferKeepsPerSectionConnectionsAndRtcpAddresses() {
    assertEquals(crlf(
        "v=0",
        "o=opensbc 1700000000 1 IN IP4 203.0.113.5",
        "s=pjmedia",
        "b=AS:2192",
        "t=0 0",
        "a=X-nat:0",
        "m=audio 40000 RTP/AVP 8 0 9 101",
        "c=IN IP4 203.0.113.5",
        "b=TIAS:64000",
        "a=rtcp:40001 IN IP4 203.0.113.5",
        "a=sendrecv",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:9 G722/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=fmtp:101 0-16",
        "a=ssrc:1386548470 cname:2c3f1a3d4bd16bbd",
        "m=video 40010 RTP/AVP 97",
        "c=IN IP4 198.51.100.9",
        "b=TIAS:2000000",
        "a=rtcp:40020 IN IP4 198.51.100.9",
        "a=sendrecv",
        "a=rtpmap:97 H264/90000",
        "a=fmtp:97 profile-level-id=42e01f; packetization-mode=1",
        "a=ssrc:1749224110 cname:2c3f1a3d4bd16bbd"),
        rewrite("softphone-audio-video-offer.sdp", LegPolicy.plain(), CARRIER_ORIGIN,
            MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40000, 40001)),
            MediaAnchor.relay(MediaEndpoint.of("198.51.100.9", 40010, 40020))));
  }

  @Test
  void rtcpOnAnOddPortIsAnnouncedAndAnotherRelayAddressGetsItsOwnCLineAfterI() {
    SessionDescription twoAudio = SdpParser.parse(crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-",
        "c=IN IP4 192.0.2.1", "t=0 0", "k=clear:secret", "m=audio 5004 RTP/AVP 0", "i=first",
        "m=audio 5006 RTP/AVP 0", "i=second", "b=AS:64", "a=rtcp-mux")).orNull();
    assertEquals(crlf(
        "v=0",
        "o=opensbc 1700000000 1 IN IP4 203.0.113.5",
        "s=-",
        "c=IN IP4 203.0.113.5",
        "t=0 0",
        "m=audio 40000 RTP/AVP 0",
        "i=first",
        "a=rtcp:40100",
        "m=audio 41000 RTP/AVP 0",
        "i=second",
        "c=IN IP6 2001:db8::5",
        "b=AS:64",
        "a=rtcp-mux"),
        SdpWriter.write(AnchorRewriter.rewrite(twoAudio, LegPolicy.plain(), List.of(
            MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40000, 40100)),
            MediaAnchor.relay(MediaEndpoint.muxed("2001:db8::5", 41000))), CARRIER_ORIGIN).sdp()));
  }

  @Test
  void holdReinviteIncrementsTheVersionAndKeepsSendonly() {
    LegPolicy leg = LegPolicy.plain();
    List<MediaAnchor> anchors = List.of(MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40000,
        40001)));
    Rewritten first = AnchorRewriter.rewrite(SdpFixtures.parsed("carrier-g711-offer.sdp"), leg,
        anchors, CARRIER_ORIGIN);
    Rewritten hold = AnchorRewriter.rewrite(SdpFixtures.parsed("carrier-hold-reinvite.sdp"), leg,
        anchors, first.origin());
    Rewritten refresh = AnchorRewriter.rewrite(SdpFixtures.parsed("carrier-hold-reinvite.sdp"),
        leg, anchors, hold.origin());
    Rewritten resume = AnchorRewriter.rewrite(SdpFixtures.parsed("carrier-g711-offer.sdp"), leg,
        anchors, refresh.origin());

    assertEquals(List.of(1L, 2L, 2L, 3L), List.of(first.origin().version(),
        hold.origin().version(), refresh.origin().version(), resume.origin().version()));
    assertEquals(SdpParse.ok("2"), hold.sdp().origin().map(Origin::sessionVersion));
    assertEquals(List.of("sendonly"), hold.sdp().media().get(0).lines().stream()
        .filter(l -> l.value().endsWith("only")).map(SdpLine::value).toList());
    assertTrue(hold.sdp().isHold(hold.sdp().media().get(0)));
    assertEquals(Direction.SENDRECV, resume.sdp().direction(resume.sdp().media().get(0)));
    assertEquals(refresh.sdp(), hold.sdp());
  }

  @Test
  void rtcpMuxPolicies() {
    SessionDescription teams = SdpFixtures.parsed("teams-offer.sdp");
    MediaAnchor split = MediaAnchor.relay(MediaEndpoint.of("203.0.113.5", 40000, 40001));
    for (RtcpMuxPolicy p : RtcpMuxPolicy.values()) {
      boolean mux = AnchorRewriter.rewrite(teams, LegPolicy.plain().withRtcpMux(p), List.of(split),
          CARRIER_ORIGIN).sdp().media().get(0).rtcpMux();
      assertEquals(p != RtcpMuxPolicy.REMOVE, mux, p.name());
    }
    boolean forced = AnchorRewriter.rewrite(teams,
        LegPolicy.plain().withRtcpMux(RtcpMuxPolicy.REMOVE),
        List.of(MediaAnchor.relay(MediaEndpoint.muxed("203.0.113.5", 40000))), CARRIER_ORIGIN)
        .sdp().media().get(0).rtcpMux();
    assertTrue(forced, "a mux-only endpoint needs a=rtcp-mux whatever the policy");
  }

  @Test
  void oneAnchorPerMediaSection() {
    assertThrows(IllegalArgumentException.class, () -> AnchorRewriter.rewrite(
        SdpFixtures.parsed("webrtc-offer.sdp"), LegPolicy.plain(), List.of(MediaAnchor.reject()),
        CARRIER_ORIGIN));
  }

  @Test
  void codecFilterKeepsAllowedFormatsInOrderWithTheirLines() {
    MediaDescription video = SdpFixtures.parsed("webrtc-offer.sdp").media().get(1);
    MediaDescription h264 = CodecFilter.apply(video, List.of("h264", "rtx")).orElseThrow();
    assertEquals(List.of("97", "102", "103"), h264.formats());
    assertEquals(List.of("97 rtx/90000", "102 H264/90000", "103 rtx/90000"),
        h264.attributes("rtpmap"));
    assertEquals(List.of("102 nack pli"), h264.attributes("rtcp-fb"));
    assertEquals(Optional.empty(), CodecFilter.apply(video, List.of("rtx")));
    assertEquals(Optional.of(video), CodecFilter.apply(video, List.of()));
  }
}
