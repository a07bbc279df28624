package io.opensbc.sip.b2bua;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.vertx.core.Vertx;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Media anchoring between two real UDP SIP peers, each with a real RTP socket: the SDP each side
 * sees points at the relay, and RTP sent to the relay reaches the other side.
 */
class MediaAnchoringComponentTest {
  private Vertx vertx;
  private SipStack stack;
  private RecordingCallLogStore store;
  private TestPeer caller;
  private TestPeer callee;
  private DatagramSocket callerRtp;
  private DatagramSocket calleeRtp;
  private int sbc;

  @BeforeEach
  void start(org.junit.jupiter.api.TestInfo info) throws Exception {
    caller = new TestPeer();
    callee = new TestPeer();
    callerRtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    calleeRtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    callerRtp.setSoTimeout(3000);
    calleeRtp.setSoTimeout(3000);
    String yaml = """
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp, media: {security: %s}}
        %s
        routes:
          - {name: all, match: {}, trunk: carrier}
        sip:
          timers: {t1: 100ms, t2: 400ms, t4: 500ms}
        media:
          ports: {min: 31000, max: 31999}
          workers: 1
          timeout: 2s
        """.formatted(callee.port(), info.getTags().contains("srtp") ? "srtp" : "as-offered",
        "  - {name: pbx, host: 127.0.0.1, port: " + caller.port() + ", transport: udp, media: {security: "
            + (info.getTags().contains("srtp-pbx") ? "srtp" : "as-offered") + "}}");
    ConfigResult r = ConfigLoader.parse(yaml, "test.yaml");
    assertTrue(r instanceof ConfigResult.Valid, () -> r.toString());
    SbcConfig config = ((ConfigResult.Valid) r).config();
    vertx = Vertx.vertx();
    store = new RecordingCallLogStore();
    stack = new SipStack();
    stack.start(vertx, config, store).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
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

  private static String sdp(String session, int port) {
    return "v=0\r\no=- " + session + " 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
        + "t=0 0\r\nm=audio " + port + " RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n"
        + "a=sendrecv\r\n";
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

  private String inDialog(String method, String callId, int cseq, String aTag, String branch) {
    return method + " sip:alice@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-" + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
        + "To: <sip:+4420123@127.0.0.1:" + sbc + ">;tag=" + aTag + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** The c= address and m= audio port of an SDP. */
  private static String[] endpoint(String sdp) {
    Matcher c = Pattern.compile("c=IN IP4 (\\S+)\r\n").matcher(sdp);
    Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(sdp);
    assertTrue(c.find() && m.find(), sdp);
    return new String[] {c.group(1), m.group(1)};
  }

  private static byte[] rtp(int seq, int ssrc) {
    byte[] p = new byte[172];
    p[0] = (byte) 0x80;
    p[1] = 0; // PCMU
    p[2] = (byte) (seq >> 8);
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

  private static void sendRtp(DatagramSocket from, byte[] p, int port) throws Exception {
    from.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), port));
  }

  /**
   * Sends the packet until one arrives on {@code on} (at most 30 tries, 100 ms apart): the relay
   * applies a new remote address asynchronously, just after the SIP message that carried it.
   */
  private static byte[] sendUntilReceived(DatagramSocket from, byte[] p, int port, DatagramSocket on)
      throws Exception {
    int timeout = on.getSoTimeout();
    on.setSoTimeout(100);
    try {
      for (int i = 0; i < 30; i++) {
        sendRtp(from, p, port);
        try {
          return receiveRtp(on);
        } catch (java.net.SocketTimeoutException notYet) {
          // the update has not reached the relay yet
        }
      }
      return null;
    } finally {
      on.setSoTimeout(timeout);
    }
  }

  /**
   * Waits until the relay has applied everything signalling asked of it so far. Signalling tells
   * the relay a leg's address and keys without waiting and sends the SIP message on, so a packet
   * sent right after the answer can reach a busy relay shard before that update does (Netty reads
   * the socket before running queued tasks). The shard runs requests in order: once one sent after
   * the updates is answered (here refused, there is no session -1), they are in place.
   */
  private void relayCaughtUp(String callRef) throws Exception {
    stack.relay().stats(new io.opensbc.media.control.MediaSessionHandle(callRef, -1, null, null))
        .transform(done -> io.vertx.core.Future.succeededFuture())
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static byte[] receiveRtp(DatagramSocket on) throws Exception {
    DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
    on.receive(d);
    return Arrays.copyOf(d.getData(), d.getLength());
  }

  @Test
  void sdpPointsAtTheRelayAndRtpCrossesBothWays() throws Exception {
    caller.sendRaw(invite("media-1", sdp("11", callerRtp.getLocalPort())), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    String offer = bInvite.body().toString();
    String[] bRelay = endpoint(offer);
    assertEquals("127.0.0.1", bRelay[0]);
    assertNotEquals(Integer.toString(callerRtp.getLocalPort()), bRelay[1]);
    int bPort = Integer.parseInt(bRelay[1]);
    assertTrue(bPort >= 31000 && bPort <= 31999, offer);
    assertTrue(offer.contains("a=rtpmap:101 telephone-event/8000\r\n"), offer);
    assertTrue(offer.contains("a=sendrecv\r\n"), offer);

    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp", sdp("22", calleeRtp.getLocalPort()),
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    String answer = ok.body().toString();
    String[] aRelay = endpoint(answer);
    assertEquals("127.0.0.1", aRelay[0]);
    int aPort = Integer.parseInt(aRelay[1]);
    assertTrue(aPort >= 31000 && aPort <= 31999, answer);
    assertNotEquals(bPort, aPort);
    assertFalse(answer.contains(Integer.toString(calleeRtp.getLocalPort())), answer);
    assertTrue(answer.startsWith("v=0\r\no=opensbc "), answer);
    caller.sendRaw(inDialog("ACK", "media-1", 1, ok.to().tag(), "ack1"), sbc);
    callee.expectRequest("ACK");
    relayCaughtUp(bInvite.callId());

    // caller -> relay (A leg) -> callee, and back, byte for byte; the caller's packet 7 is lost
    for (int i = 0; i < 20; i++) {
      byte[] up = rtp(i, 0x1111);
      if (i != 7) {
        sendRtp(callerRtp, up, aPort);
        assertArrayEquals(up, receiveRtp(calleeRtp));
      }
      byte[] down = rtp(i, 0x2222);
      sendRtp(calleeRtp, down, bPort);
      assertArrayEquals(down, receiveRtp(callerRtp));
    }
    // the callee reports on what it got from the relay: a real RTCP RR (fraction 25/256, 1 lost, jitter 40)
    byte[] rr = java.nio.ByteBuffer.allocate(32).put((byte) 0x81).put((byte) 201).putShort((short) 7)
        .putInt(0x2222).putInt(0x1111).put((byte) 25).put((byte) 0).putShort((short) 1).putInt(19)
        .putInt(40).putInt(0).putInt(0).array();
    sendRtp(calleeRtp, rr, bPort + 1);
    await().atMost(Duration.ofSeconds(2)).until(() -> store.events(bInvite.callId()).stream()
        .filter(e -> e instanceof CallEvent.MediaPeerLatched).count() == 3);
    assertEquals(1, stack.relay().sessions());
    long anchored = store.events(bInvite.callId()).stream().filter(e -> e instanceof CallEvent.MediaAnchored).count();
    assertEquals(2, anchored, () -> store.events(bInvite.callId()).toString());

    // BYE releases the relay ports: the call's A-leg port can be bound again
    caller.sendRaw(inDialog("BYE", "media-1", 2, ok.to().tag(), "bye1"), sbc);
    SipRequest bye = callee.expectRequest("BYE");
    callee.reply(bye, 200, null);
    caller.expectResponse(200);
    await().atMost(Duration.ofSeconds(2)).until(() -> stack.relay().sessions() == 0);
    await().atMost(Duration.ofSeconds(2)).until(() -> bindable(aPort) && bindable(bPort));

    // the ended call's log: CallReleased, then the final statistics of each leg
    await().atMost(Duration.ofSeconds(2)).until(() -> store.ended.containsKey(bInvite.callId()));
    List<CallEvent> log = store.endedEvents(bInvite.callId());
    int n = log.size();
    assertTrue(log.get(n - 3) instanceof CallEvent.CallReleased, log::toString);
    CallEvent.MediaStatsRecorded a = (CallEvent.MediaStatsRecorded) log.get(n - 2);
    CallEvent.MediaStatsRecorded b = (CallEvent.MediaStatsRecorded) log.get(n - 1);
    assertEquals(io.opensbc.sip.dialog.Side.A, a.side());
    assertTrue(a.last() && b.last());
    assertEquals(new CallEvent.MediaFlow(19, 19 * 172, 1, a.received().jitterMicros(), -1), a.received());
    assertEquals(20 + 1, a.sent().packets(), "the callee's 20 RTP packets and its RTCP went to the caller");
    assertEquals(20 * 172 + 32, a.sent().bytes());
    assertEquals(-1, a.sent().lost(), "the caller sent no RTCP");
    assertEquals(20 + 1, b.received().packets(), "the callee's RTP and its RTCP");
    assertEquals(0, b.received().lost());
    assertEquals(20 * 172 + 32, b.received().bytes());
    assertEquals(new CallEvent.MediaFlow(19, 19 * 172, 1, 5_000, 25), b.sent(), "as the callee reported it");

    // the relay state folded from the log is the relay's
    io.opensbc.sip.dialog.MediaRelayState relay = io.opensbc.sip.dialog.MediaRelayState.fold(log);
    assertEquals("0.0.0.0:" + aPort + "/" + (aPort + 1), relay.a().local(), "the relay's bind address and ports");
    assertEquals("0.0.0.0:" + bPort + "/" + (bPort + 1), relay.b().local());
    int callerPort = callerRtp.getLocalPort();
    int calleePort = calleeRtp.getLocalPort();
    assertEquals("127.0.0.1:" + callerPort + "/" + (callerPort + 1), relay.a().remote());
    assertEquals("127.0.0.1:" + callerPort, relay.a().rtpPeer());
    assertNull(relay.a().rtcpPeer(), "the caller sent no RTCP");
    assertEquals("127.0.0.1:" + calleePort, relay.b().rtpPeer());
    assertEquals("127.0.0.1:" + calleePort, relay.b().rtcpPeer(), "latched on its real source, not the SDP's +1");
    assertNull(relay.a().outbound());
    assertNull(relay.b().inbound());
  }

  private static boolean bindable(int port) {
    try (DatagramSocket s = new DatagramSocket(port, InetAddress.getByName("0.0.0.0"))) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void reInviteKeepsTheRelayPortsAndFollowsTheNewAddress() throws Exception {
    caller.sendRaw(invite("media-re", sdp("11", callerRtp.getLocalPort())), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    int bPort = Integer.parseInt(endpoint(bInvite.body().toString())[1]);
    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp", sdp("22", calleeRtp.getLocalPort()),
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    int aPort = Integer.parseInt(endpoint(ok.body().toString())[1]);
    caller.sendRaw(inDialog("ACK", "media-re", 1, ok.to().tag(), "ack1"), sbc);
    callee.expectRequest("ACK");

    // the callee moves its media to another socket with a re-INVITE
    try (DatagramSocket moved = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      moved.setSoTimeout(3000);
      String body = sdp("22", moved.getLocalPort()).replace(" 22 1 IN", " 22 2 IN");
      callee.send(new SipRequest("INVITE", "sip:127.0.0.1:" + sbc, io.opensbc.sip.message.Headers.builder()
          .add("Via", "SIP/2.0/UDP 127.0.0.1:" + callee.port() + ";branch=z9hG4bK-reinv")
          .add("Max-Forwards", "70")
          .add("From", "<sip:x@y>;tag=callee1")
          .add("To", bInvite.header("From"))
          .add("Call-ID", bInvite.callId())
          .add("CSeq", "7 INVITE")
          .add("Contact", "<sip:bob@127.0.0.1:" + callee.port() + ">")
          .add("Content-Type", "application/sdp").build(), io.vertx.core.buffer.Buffer.buffer(body)), sbc);
      SipRequest aReInvite = caller.expectRequest("INVITE");
      String[] towardsA = endpoint(aReInvite.body().toString());
      assertEquals(Integer.toString(aPort), towardsA[1], "same relay port on the A leg");
      assertTrue(aReInvite.body().toString().contains("o=opensbc "), aReInvite.body().toString());
      caller.replyWithBody(aReInvite, 200, "caller1", "application/sdp", sdp("11", callerRtp.getLocalPort()),
          HeaderNames.CONTACT, "<sip:alice@127.0.0.1:" + caller.port() + ">");
      SipResponse reOk = callee.expectResponse(200);
      assertEquals(Integer.toString(bPort), endpoint(reOk.body().toString())[1], "same relay port on the B leg");

      byte[] up = rtp(1, 0x1111);
      assertArrayEquals(up, sendUntilReceived(callerRtp, up, aPort, moved));
      byte[] down = rtp(1, 0x3333);
      sendRtp(moved, down, bPort);
      assertArrayEquals(down, receiveRtp(callerRtp));
    }
    assertEquals(1, stack.relay().sessions());
  }

  @Test
  void malformedOfferGets488AndNothingReachesTheCallee() throws Exception {
    String bad = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP\r\n";
    caller.sendRaw(invite("media-bad", bad), sbc);
    SipResponse r = caller.expectResponse(488);
    assertEquals("Not Acceptable Here", r.reason());
    assertTrue(r.header("Warning").contains("m="), r.header("Warning"));
    callee.expectSilence(300);
    assertEquals(0, stack.relay().sessions());
  }

  @Test
  void mediaTimeoutHangsUpBothLegsWithAReason() throws Exception {
    caller.sendRaw(invite("media-to", sdp("11", callerRtp.getLocalPort())), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp", sdp("22", calleeRtp.getLocalPort()),
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    caller.sendRaw(inDialog("ACK", "media-to", 1, ok.to().tag(), "ack1"), sbc);
    callee.expectRequest("ACK");
    // no RTP at all: after media.timeout (2 s) both legs get a BYE
    SipRequest aBye = caller.expectRequest("BYE");
    SipRequest bBye = callee.expectRequest("BYE");
    assertEquals("SIP;cause=408;text=\"media timeout\"", aBye.header(HeaderNames.REASON));
    assertEquals("SIP;cause=408;text=\"media timeout\"", bBye.header(HeaderNames.REASON));
    await().atMost(Duration.ofSeconds(2)).until(() -> stack.relay().sessions() == 0);
    await().atMost(Duration.ofSeconds(2)).until(() -> store.removed.contains(bInvite.callId()));
  }

  @Test
  @org.junit.jupiter.api.Tag("srtp")
  void srtpTrunkGetsSdesKeysAndTheRelayEncryptsAndDecrypts() throws Exception {
    caller.sendRaw(invite("media-srtp", sdp("11", callerRtp.getLocalPort())), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    String offer = bInvite.body().toString();
    assertTrue(offer.contains(" RTP/SAVP 0 8 101\r\n"), offer);
    Matcher crypto = Pattern.compile("a=crypto:1 AES_CM_128_HMAC_SHA1_80 (inline:\\S+)\r\n").matcher(offer);
    assertTrue(crypto.find(), offer);
    io.opensbc.media.srtp.SrtpProfile profile = io.opensbc.media.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    var sbcKeys = io.opensbc.media.srtp.SdesKeys.parse(profile, crypto.group(1)).orNull();
    var calleeKeys = io.opensbc.media.srtp.SdesKeys.generate(profile, new java.security.SecureRandom());
    int bPort = Integer.parseInt(endpoint(offer)[1]);

    String answerSdp = sdp("22", calleeRtp.getLocalPort()).replace("RTP/AVP", "RTP/SAVP")
        + "a=crypto:" + calleeKeys.cryptoAttribute(1) + "\r\n";
    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp", answerSdp,
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    String answer = ok.body().toString();
    assertTrue(answer.contains(" RTP/AVP 0"), answer);
    assertFalse(answer.contains("a=crypto"), answer);
    int aPort = Integer.parseInt(endpoint(answer)[1]);
    caller.sendRaw(inDialog("ACK", "media-srtp", 1, ok.to().tag(), "ack1"), sbc);
    callee.expectRequest("ACK");
    relayCaughtUp(bInvite.callId());

    var calleeIn = sbcKeys.newContext(64);
    var calleeOut = calleeKeys.newContext(64);
    for (int i = 0; i < 10; i++) {
      byte[] up = rtp(i, 0x1111);
      sendRtp(callerRtp, up, aPort);
      byte[] srtp = receiveRtp(calleeRtp);
      assertEquals(up.length + 10, srtp.length, "an 80-bit tag");
      assertFalse(Arrays.equals(Arrays.copyOfRange(up, 12, up.length), Arrays.copyOfRange(srtp, 12, up.length)));
      int n = calleeIn.unprotect(srtp, 0, srtp.length);
      assertEquals(up.length, n);
      assertArrayEquals(up, Arrays.copyOf(srtp, n));

      byte[] down = rtp(i, 0x2222);
      byte[] buf = Arrays.copyOf(down, down.length + 64);
      int m = calleeOut.protect(buf, 0, down.length);
      sendRtp(calleeRtp, Arrays.copyOf(buf, m), bPort);
      assertArrayEquals(down, receiveRtp(callerRtp));
    }
  }

  @Test
  void srtpCallerToAnAsOfferedTrunkIsSrtpOnBothLegsWithOurOwnKeys() throws Exception {
    io.opensbc.media.srtp.SrtpProfile profile = io.opensbc.media.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    var callerKeys = io.opensbc.media.srtp.SdesKeys.generate(profile, new java.security.SecureRandom());
    var calleeKeys = io.opensbc.media.srtp.SdesKeys.generate(profile, new java.security.SecureRandom());
    String offerSdp = sdp("11", callerRtp.getLocalPort()).replace("RTP/AVP", "RTP/SAVP")
        + "a=crypto:3 " + callerKeys.cryptoAttribute(3).substring(2) + "\r\n";
    caller.sendRaw(invite("media-savp", offerSdp), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    String offer = bInvite.body().toString();
    assertTrue(offer.contains(" RTP/SAVP 0 8 101\r\n"), offer);
    assertFalse(offer.contains(callerKeys.keyParam()), "the caller's key never crosses");
    Matcher toB = Pattern.compile("a=crypto:1 AES_CM_128_HMAC_SHA1_80 (inline:\\S+)\r\n").matcher(offer);
    assertTrue(toB.find(), offer);
    var sbcToB = io.opensbc.media.srtp.SdesKeys.parse(profile, toB.group(1)).orNull();
    int bPort = Integer.parseInt(endpoint(offer)[1]);
    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp",
        sdp("22", calleeRtp.getLocalPort()).replace("RTP/AVP", "RTP/SAVP") + "a=crypto:" + calleeKeys.cryptoAttribute(1) + "\r\n",
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    String answer = ok.body().toString();
    Matcher toA = Pattern.compile("a=crypto:3 AES_CM_128_HMAC_SHA1_80 (inline:\\S+)\r\n").matcher(answer);
    assertTrue(answer.contains(" RTP/SAVP 0"), answer);
    assertTrue(toA.find(), "our answer takes the offered tag: " + answer);
    assertFalse(answer.contains(calleeKeys.keyParam()), "the callee's key never crosses");
    var sbcToA = io.opensbc.media.srtp.SdesKeys.parse(profile, toA.group(1)).orNull();
    int aPort = Integer.parseInt(endpoint(answer)[1]);

    relayCaughtUp(bInvite.callId());
    var callerOut = callerKeys.newContext(64);
    var callerIn = sbcToA.newContext(64);
    var calleeOut = calleeKeys.newContext(64);
    var calleeIn = sbcToB.newContext(64);
    for (int i = 0; i < 5; i++) {
      byte[] up = rtp(i, 0x1111);
      byte[] buf = Arrays.copyOf(up, up.length + 64);
      sendRtp(callerRtp, Arrays.copyOf(buf, callerOut.protect(buf, 0, up.length)), aPort);
      byte[] got = receiveRtp(calleeRtp);
      assertArrayEquals(up, Arrays.copyOf(got, calleeIn.unprotect(got, 0, got.length)));

      byte[] down = rtp(i, 0x2222);
      buf = Arrays.copyOf(down, down.length + 64);
      sendRtp(calleeRtp, Arrays.copyOf(buf, calleeOut.protect(buf, 0, down.length)), bPort);
      got = receiveRtp(callerRtp);
      assertArrayEquals(down, Arrays.copyOf(got, callerIn.unprotect(got, 0, got.length)));
    }

    // the keys of both legs and both directions are on the call's log: folded, they are the ones in
    // use, and they make working contexts again (what a node taking the call over needs)
    await().atMost(Duration.ofSeconds(2)).until(() -> store.events(bInvite.callId()).stream()
        .filter(e -> e instanceof CallEvent.MediaPeerLatched).count() == 2);
    var relay = io.opensbc.sip.dialog.MediaRelayState.fold(store.events(bInvite.callId()));
    assertEquals(toA.group(1), relay.a().outbound().key());
    assertEquals(toB.group(1), relay.b().outbound().key());
    assertEquals(callerKeys.keyParam(), relay.a().inbound().key());
    assertEquals(calleeKeys.keyParam(), relay.b().inbound().key());
    assertEquals("AES_CM_128_HMAC_SHA1_80", relay.a().inbound().suite());
    assertFalse(relay.a().inbound().toString().contains(callerKeys.keyParam()), "toString hides the key");
    assertFalse(store.events(bInvite.callId()).toString().contains("inline:"), "no key in the log's text form");
    var restored = io.opensbc.media.srtp.SdesKeys.parse(profile, relay.b().outbound().key()).orNull();
    byte[] probe = rtp(99, 0x3333);
    byte[] pbuf = Arrays.copyOf(probe, probe.length + 64);
    int plen = restored.newContext(64).protect(pbuf, 0, probe.length);
    byte[] wire = Arrays.copyOf(pbuf, plen);
    assertEquals(probe.length, sbcToB.newContext(64).unprotect(wire, 0, plen),
        "the restored outbound key protects what the callee, holding the key of our offer, accepts");
    assertArrayEquals(probe, Arrays.copyOf(wire, probe.length));
    assertEquals("127.0.0.1:" + callerRtp.getLocalPort(), relay.a().rtpPeer());
    assertEquals("127.0.0.1:" + calleeRtp.getLocalPort(), relay.b().rtpPeer());
  }

  @Test
  @org.junit.jupiter.api.Tag("srtp-pbx")
  void plainOfferFromAnSrtpOnlyTrunkGets488() throws Exception {
    caller.sendRaw(invite("media-plain", sdp("11", callerRtp.getLocalPort())), sbc);
    SipResponse r = caller.expectResponse(488);
    assertTrue(r.header("Warning").contains("SRTP required on trunk pbx"), r.header("Warning"));
    callee.expectSilence(300);
    assertEquals(0, stack.relay().sessions());
  }

  @Test
  void reInviteWithoutSdpTakesTheOfferFromThe2xxAndTheAnswerFromTheAck() throws Exception {
    caller.sendRaw(invite("media-late", sdp("11", callerRtp.getLocalPort())), sbc);
    SipRequest bInvite = callee.expectRequest("INVITE");
    int bPort = Integer.parseInt(endpoint(bInvite.body().toString())[1]);
    callee.replyWithBody(bInvite, 200, "callee1", "application/sdp", sdp("22", calleeRtp.getLocalPort()),
        HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
    SipResponse ok = caller.expectResponse(200);
    int aPort = Integer.parseInt(endpoint(ok.body().toString())[1]);
    caller.sendRaw(inDialog("ACK", "media-late", 1, ok.to().tag(), "ack1"), sbc);
    callee.expectRequest("ACK");

    try (DatagramSocket moved = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      moved.setSoTimeout(3000);
      // the caller re-INVITEs without SDP; the callee offers in its 2xx, the caller answers in the ACK
      caller.sendRaw(inDialog("INVITE", "media-late", 2, ok.to().tag(), "reinv2")
          .replace("Content-Length: 0", "Contact: <sip:alice@127.0.0.1:" + caller.port() + ">\r\nContent-Length: 0"), sbc);
      SipRequest bRe = callee.expectRequest("INVITE");
      assertEquals(0, bRe.body().length());
      callee.replyWithBody(bRe, 200, "callee1", "application/sdp",
          sdp("22", calleeRtp.getLocalPort()).replace(" 22 1 IN", " 22 2 IN") + "m=video 0 RTP/AVP 96\r\n",
          HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + callee.port() + ">");
      SipResponse reOk = caller.expectResponse(200);
      assertEquals(Integer.toString(aPort), endpoint(reOk.body().toString())[1], "the 2xx offer names the A-leg port");
      // a new offer, not an answer to the first one: it may have another number of m= lines
      assertTrue(reOk.body().toString().contains("m=video 0 "), reOk.body().toString());
      String answer = sdp("11", moved.getLocalPort()).replace(" 11 1 IN", " 11 2 IN") + "m=video 0 RTP/AVP 96\r\n";
      caller.sendRaw("ACK sip:alice@127.0.0.1:" + sbc + " SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-ack2\r\n"
          + "Max-Forwards: 70\r\n"
          + "From: <sip:alice@127.0.0.1:" + caller.port() + ">;tag=caller1\r\n"
          + "To: <sip:+4420123@127.0.0.1:" + sbc + ">;tag=" + ok.to().tag() + "\r\n"
          + "Call-ID: media-late\r\nCSeq: 2 ACK\r\nContent-Type: application/sdp\r\n"
          + "Content-Length: " + answer.length() + "\r\n\r\n" + answer, sbc);
      SipRequest bAck = callee.expectRequest("ACK");
      assertEquals(Integer.toString(bPort), endpoint(bAck.body().toString())[1], "the ACK answer names the B-leg port");

      // the caller's media now comes from and goes to the socket named in its ACK; the relay learns
      // the new address asynchronously after the ACK is relayed, so send until the first arrives
      byte[] down = rtp(1, 0x2222);
      assertArrayEquals(down, sendUntilReceived(calleeRtp, down, bPort, moved));
      byte[] up = rtp(1, 0x4444);
      sendRtp(moved, up, aPort);
      assertArrayEquals(up, receiveRtp(calleeRtp));
    }
  }
}
