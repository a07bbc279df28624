package io.opensbc.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.media.ice.StunAttribute;
import io.opensbc.media.ice.StunCodec;
import io.opensbc.media.ice.StunDecodeResult;
import io.opensbc.media.ice.StunMessage;
import io.opensbc.media.srtp.SdesKeys;
import io.opensbc.media.srtp.SrtpContext;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.vertx.core.Vertx;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * DTLS-SRTP and ICE-lite through the B2BUA between real UDP SIP peers whose media ends run a real
 * Bouncy Castle DTLS handshake with the relay: a WebRTC-style caller (UDP/TLS/RTP/SAVPF,
 * fingerprint, actpass, ICE) to a plain-RTP carrier, and a plain caller to a carrier whose trunk
 * says {@code dtls: true} and {@code ice-lite: true}.
 */
class DtlsIceAnchoringComponentTest {
  private Vertx vertx;
  private SipStack stack;
  private TestPeer caller;
  private TestPeer callee;
  private DatagramSocket callerRtp;
  private DatagramSocket calleeRtp;
  private int sbc;

  @BeforeEach
  void start(TestInfo info) throws Exception {
    caller = new TestPeer();
    callee = new TestPeer();
    callerRtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    calleeRtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    callerRtp.setSoTimeout(3000);
    calleeRtp.setSoTimeout(3000);
    String carrierMedia = info.getTags().contains("dtls-trunk") ? "{security: srtp, dtls: true, ice-lite: true}"
        : info.getTags().contains("rtp-trunk") ? "{security: rtp}" : "{security: as-offered}";
    String yaml = """
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp, media: %s}
          - {name: pbx, host: 127.0.0.1, port: %d, transport: udp}
        routes:
          - {name: all, match: {}, trunk: carrier}
        sip:
          timers: {t1: 100ms, t2: 400ms, t4: 500ms}
        media:
          ports: {min: 32000, max: 32999}
          workers: 1
        """.formatted(callee.port(), carrierMedia, caller.port());
    ConfigResult r = ConfigLoader.parse(yaml, "test.yaml");
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    SbcConfig config = ((ConfigResult.Valid) r).config();
    vertx = Vertx.vertx();
    stack = new SipStack();
    stack.start(vertx, config, new RecordingCallLogStore()).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    sbc = stack.transports().address("udp").port();
  }

  @AfterEach
  void stop() throws Exception {
    caller.close();
    callee.close();
    callerRtp.close();
    calleeRtp.close();
    stack.stop(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @Tag("rtp-trunk")
  void webrtcStyleDtlsCallerToAPlainCarrier() throws Exception {
    DtlsTestPeer dtls = new DtlsTestPeer();
    String offer = plainSdp("11", callerRtp.getLocalPort()).replace("RTP/AVP", "UDP/TLS/RTP/SAVPF")
        .replace("t=0 0\r\n", "t=0 0\r\na=ice-ufrag:cALL\r\na=ice-pwd:callerIcePasswordOf22chars\r\n")
        + "a=fingerprint:" + dtls.fingerprint() + "\r\na=setup:actpass\r\na=rtcp-mux\r\n"
        + "a=candidate:1 1 udp 2130706431 127.0.0.1 " + callerRtp.getLocalPort() + " typ host\r\n";
    caller.sendRaw(invite("dtls-webrtc", offer), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    String toB = bInvite.body().toString();
    assertTrue(toB.contains(" RTP/AVP 0 101\r\n"), toB);
    for (String gone : List.of("fingerprint", "setup", "ice-", "candidate", "crypto")) {
      assertFalse(toB.contains(gone), "no " + gone + " towards the plain carrier: " + toB);
    }
    int bPort = port(toB);
    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp", plainSdp("22", calleeRtp.getLocalPort()),
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    String answer = ok.body().toString();
    assertTrue(answer.contains(" UDP/TLS/RTP/SAVPF 0 101\r\n"), answer);
    assertTrue(answer.contains("a=setup:active\r\n"), "we answer actpass as the DTLS client: " + answer);
    assertTrue(answer.contains("a=ice-lite\r\n"), answer);
    int aPort = port(answer);
    assertTrue(answer.contains("a=candidate:1 1 UDP 2130706431 127.0.0.1 " + aPort + " typ host\r\n"), answer);
    String ufrag = group(answer, "a=ice-ufrag:(\\S+)\r\n");
    String pwd = group(answer, "a=ice-pwd:(\\S+)\r\n");
    String fingerprint = group(answer, "a=fingerprint:(sha-256 \\S+)\r\n");
    caller.sendRaw(ack("dtls-webrtc", ok.to().tag()), sbc);
    callee.expectRequest("ACK");

    // the caller's ICE agent checks the pair with our credentials
    byte[] check = StunCodec.encode(new StunMessage(StunMessage.BINDING_REQUEST, new byte[12],
        List.of(new StunAttribute.Username(ufrag + ":cALL"), new StunAttribute.Priority(1L),
            new StunAttribute.IceControlling(5L), new StunAttribute.UseCandidate())),
        StunCodec.shortTermKey(pwd), true);
    send(callerRtp, check, aPort);
    byte[] response = receiveWhere(callerRtp, b -> (b[0] & 0xff) <= 3);
    var decoded = (StunDecodeResult.Decoded) StunCodec.decode(response, 0, response.length);
    assertEquals(StunMessage.BINDING_SUCCESS_RESPONSE, decoded.message().type());
    assertTrue(StunCodec.integrityValid(response, 0, response.length, decoded, StunCodec.shortTermKey(pwd)));

    // the relay is the DTLS client: the caller's media end accepts its handshake
    dtls.accept(callerRtp, aPort);
    assertEquals(fingerprint, dtls.relayFingerprint(), "the relay's certificate is the one in our answer");
    exchange(dtls.keys(), callerRtp, aPort, calleeRtp, bPort, 0x1000);

    // a re-INVITE repeating the DTLS offer (actpass, same fingerprint) keeps the association: we
    // answer active again and the same keys go on protecting the media
    String again = reInvite(offer.replace(" 11 1 IN", " 11 2 IN"), ok.to().tag(), 2);
    assertTrue(again.contains("a=setup:active\r\n") && again.contains(fingerprint), again);
    exchange(dtls.keys(), callerRtp, aPort, calleeRtp, bPort, 0x2000);

    // a re-INVITE moving the caller to plain RTP ends DTLS on its leg: plain both ways
    String plain = reInvite(plainSdp("11", callerRtp.getLocalPort()).replace(" 11 1 IN", " 11 3 IN"),
        ok.to().tag(), 3);
    assertTrue(plain.contains(" RTP/AVP 0 101\r\n") && !plain.contains("fingerprint"), plain);
    byte[] up = rtp(7, 0x3000);
    callerRtp.send(new DatagramPacket(up, up.length));
    assertArrayEquals(up, receiveWhere(calleeRtp, b -> (b[0] & 0xff) >= 128), "plain RTP after the switch");
    byte[] down = rtp(8, 0x4000);
    send(calleeRtp, down, bPort);
    assertArrayEquals(down, receiveWhere(callerRtp, b -> (b[0] & 0xff) >= 128));
  }

  /** The caller re-INVITEs with {@code body}; the callee answers plain; returns the caller's answer. */
  private String reInvite(String body, String aTag, int cseq) throws Exception {
    caller.sendRaw("INVITE sip:alice@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-re" + cseq + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">;tag=" + aTag + "\r\n"
        + "Call-ID: dtls-webrtc\r\nCSeq: " + cseq + " INVITE\r\n"
        + "Contact: <sip:alice@127.0.0.1:" + caller.port() + ">\r\n"
        + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, sbc);
    SipRequest bRe = callee.expectRequest("INVITE");
    callee.replyWithBody(bRe, 200, "callee1", "application/sdp",
        plainSdp("22", calleeRtp.getLocalPort()).replace(" 22 1 IN", " 22 " + cseq + " IN"),
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    caller.sendRaw(ack("dtls-webrtc", aTag).replace("CSeq: 1 ACK", "CSeq: " + cseq + " ACK")
        .replace("branch=z9hG4bK-ack-", "branch=z9hG4bK-ack" + cseq + "-"), sbc);
    callee.expectRequest("ACK");
    return ok.body().toString();
  }

  @Test
  @Tag("dtls-trunk")
  void plainCallerToADtlsIceLiteTrunk() throws Exception {
    DtlsTestPeer dtls = new DtlsTestPeer();
    caller.sendRaw(invite("dtls-trunk", plainSdp("11", callerRtp.getLocalPort())), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    String toB = bInvite.body().toString();
    assertTrue(toB.contains(" UDP/TLS/RTP/SAVPF 0 101\r\n"), toB);
    assertTrue(toB.contains("a=setup:actpass\r\n"), toB);
    assertTrue(toB.contains("a=ice-lite\r\n") && toB.contains("a=ice-ufrag:") && toB.contains("a=candidate:"), toB);
    assertFalse(toB.contains("a=crypto"), toB);
    int bPort = port(toB);
    String fingerprint = group(toB, "a=fingerprint:(sha-256 \\S+)\r\n");

    String answerSdp = plainSdp("22", calleeRtp.getLocalPort()).replace("RTP/AVP", "UDP/TLS/RTP/SAVPF")
        + "a=fingerprint:" + dtls.fingerprint() + "\r\na=setup:active\r\n";
    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp", answerSdp,
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    String answer = ok.body().toString();
    assertTrue(answer.contains(" RTP/AVP 0 101\r\n"), answer);
    assertFalse(answer.contains("fingerprint") || answer.contains("ice-"), answer);
    int aPort = port(answer);
    caller.sendRaw(ack("dtls-trunk", ok.to().tag()), sbc);
    callee.expectRequest("ACK");

    // the callee answered active: it is the DTLS client, the relay the server
    dtls.connect(calleeRtp, bPort);
    assertEquals(fingerprint, dtls.relayFingerprint());
    exchange(dtls.keys(), calleeRtp, bPort, callerRtp, aPort, 0x1000);
  }

  @Test
  void asOfferedPassesDtlsOnWithOurOwnFingerprintAndNoIceTowardsAPeerWithoutIt() throws Exception {
    DtlsTestPeer dtls = new DtlsTestPeer();
    String offer = plainSdp("11", callerRtp.getLocalPort()).replace("RTP/AVP", "UDP/TLS/RTP/SAVPF")
        + "a=fingerprint:" + dtls.fingerprint() + "\r\na=setup:actpass\r\na=ice-ufrag:cALL\r\n"
        + "a=ice-pwd:callerIcePasswordOf22chars\r\n";
    caller.sendRaw(invite("dtls-as-offered", offer), sbc);
    String toB = callee.expectRequest("INVITE").body().toString();
    assertTrue(toB.contains(" UDP/TLS/RTP/SAVPF 0 101\r\n") && toB.contains("a=setup:actpass\r\n"), toB);
    assertFalse(toB.contains(dtls.fingerprint()), "the caller's fingerprint never crosses: " + toB);
    assertEquals(stack.relay().dtlsFingerprint(), group(toB, "a=fingerprint:(sha-256 \\S+)\r\n"));
    assertFalse(toB.contains("ice-"), "no ICE towards a trunk without ice-lite: " + toB);
  }

  @Test
  void theWebrtcGatewayExampleLoads() {
    ConfigResult r = ConfigLoader.load(java.nio.file.Path.of("../deploy/examples/webrtc-gateway.yaml"));
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    var webrtc = ((ConfigResult.Valid) r).config().trunks().stream().filter(t -> t.name().equals("webrtc"))
        .findFirst().orElseThrow();
    assertTrue(webrtc.media().dtls() && webrtc.media().iceLite());
  }

  @Test
  void aDtlsOfferWithoutFingerprintGets488() throws Exception {
    String offer = plainSdp("11", callerRtp.getLocalPort()).replace("RTP/AVP", "UDP/TLS/RTP/SAVPF")
        + "a=setup:actpass\r\n";
    caller.sendRaw(invite("dtls-nofp", offer), sbc);
    SipResponse r = caller.expectResponse(488);
    assertTrue(r.header("Warning").contains("a=fingerprint"), r.header("Warning"));
    callee.expectSilence(300);
  }

  /** SRTP from the DTLS side arrives plain on the other, and plain from there arrives as SRTP. */
  private static void exchange(SdesKeys[] keys, DatagramSocket dtlsSide, int dtlsPort, DatagramSocket plainSide,
      int plainPort, int ssrc) throws Exception {
    SrtpContext out = keys[0].newContext(64);
    SrtpContext in = keys[1].newContext(64);
    for (int i = 1; i <= 10; i++) {
      byte[] up = rtp(i, ssrc + 1);
      byte[] buf = Arrays.copyOf(up, up.length + 64);
      int n = out.protect(buf, 0, up.length);
      // a peer that is the DTLS server finishes its handshake before the relay (the client) has
      // our last flight processed and its keys installed: the first packet may be dropped, so it
      // is repeated until one arrives (the relay never unprotected it, so it is no replay)
      byte[] got = null;
      for (int attempt = 0; attempt < (i == 1 ? 30 : 1) && got == null; attempt++) {
        dtlsSide.send(new DatagramPacket(buf, n));
        got = i == 1 ? receiveOrNull(plainSide, 100) : receiveWhere(plainSide, b -> (b[0] & 0xff) >= 128);
      }
      assertArrayEquals(up, got, "SRTP decrypted by the relay");

      byte[] down = rtp(i, ssrc + 2);
      send(plainSide, down, plainPort);
      byte[] back = receiveWhere(dtlsSide, b -> (b[0] & 0xff) >= 128);
      assertEquals(down.length + 10, back.length, "protected with an 80-bit tag");
      int m = in.unprotect(back, 0, back.length);
      assertEquals(down.length, m);
      assertArrayEquals(down, Arrays.copyOf(back, m));
    }
  }

  private static String plainSdp(String session, int port) {
    return "v=0\r\no=- " + session + " 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
        + "t=0 0\r\nm=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
  }

  private String invite(String callId, String body) {
    return "INVITE sip:+4420123@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-" + callId + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:alice@127.0.0.1:" + caller.port() + ">\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private String ack(String callId, String toTag) {
    return "ACK sip:alice@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-ack-" + callId + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">;tag=" + toTag + "\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
  }

  private static int port(String sdp) {
    return Integer.parseInt(group(sdp, "m=audio (\\d+) "));
  }

  private static String group(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    assertTrue(m.find(), regex + " in " + s);
    return m.group(1);
  }

  private static byte[] rtp(int seq, int ssrc) {
    byte[] p = new byte[172];
    p[0] = (byte) 0x80;
    p[3] = (byte) seq;
    p[8] = (byte) (ssrc >> 24);
    p[9] = (byte) (ssrc >> 16);
    p[10] = (byte) (ssrc >> 8);
    p[11] = (byte) ssrc;
    for (int i = 12; i < p.length; i++) {
      p[i] = (byte) (i * seq);
    }
    return p;
  }

  private static void send(DatagramSocket from, byte[] p, int port) throws Exception {
    from.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), port));
  }

  /** The next RTP packet within {@code ms}, or null. */
  private static byte[] receiveOrNull(DatagramSocket on, int ms) throws Exception {
    int timeout = on.getSoTimeout();
    on.setSoTimeout(ms);
    try {
      return receiveWhere(on, b -> (b[0] & 0xff) >= 128);
    } catch (java.net.SocketTimeoutException none) {
      return null;
    } finally {
      on.setSoTimeout(timeout);
    }
  }

  /** The next datagram on {@code on} that {@code wanted} accepts (others, e.g. DTLS retransmissions, skipped). */
  private static byte[] receiveWhere(DatagramSocket on, java.util.function.Predicate<byte[]> wanted) throws Exception {
    for (int i = 0; i < 20; i++) {
      DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
      on.receive(d);
      byte[] b = Arrays.copyOf(d.getData(), d.getLength());
      if (b.length > 0 && wanted.test(b)) {
        return b;
      }
    }
    throw new AssertionError("nothing wanted arrived");
  }
}
