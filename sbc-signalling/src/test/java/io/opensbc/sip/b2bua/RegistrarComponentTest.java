package io.opensbc.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.security.DigestHash;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.security.Binding;
import io.opensbc.sip.security.DigestParams;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registrar and phone calls between real UDP peers: a phone on 127.0.0.2, the carrier trunk
 * on 127.0.0.1. Digest (RFC 8760 SHA-256 and MD5), REGISTER handling (RFC 3261 §10.3), the
 * brute-force ban, calls to and from registered phones.
 */
class RegistrarComponentTest {
  private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\nm=audio 6000 RTP/AVP 0\r\n";

  private Vertx vertx;
  private SipStack stack;
  private TestPeer phone;
  private TestPeer carrier;
  private int sbc;
  private int cseq = 1;

  @BeforeEach
  void start() throws Exception {
    phone = new TestPeer("127.0.0.2");
    carrier = new TestPeer();
    String yaml = """
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp}
        routes:
          - {name: to-phones, match: {source-trunk: carrier}, trunk: registered-users}
          - {name: out, match: {}, trunk: carrier}
        sip:
          timers: {t1: 100ms, t2: 400ms, t4: 500ms}
        admission:
          unknown-sources: {rate: 1000, burst: 1000}
        security:
          brute-force: {max-failures: 3, window: 60s, ban-time: 60s}
          registrar:
            realm: sbc.test
            domains: [sbc.test]
            min-expires: 60
            keepalive: 5s
            users:
              - {username: alice, password: wonderland}
              - {username: bob, ha1-md5: %s}
        """.formatted(carrier.port(), DigestHash.ha1("MD5", "bob", "sbc.test", "builder"));
    ConfigResult r = ConfigLoader.parse(yaml, "registrar.yaml");
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
    phone.close();
    carrier.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String register(String user, String contactExpires, String expiresHeader, String authorization) {
    int n = cseq++;
    return "REGISTER sip:sbc.test SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.2:" + phone.port() + ";branch=z9hG4bK-reg" + n + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:" + user + "@sbc.test>;tag=reg1\r\n"
        + "To: <sip:" + user + "@sbc.test>\r\n"
        + "Call-ID: reg-" + user + "@127.0.0.2\r\n"
        + "CSeq: " + n + " REGISTER\r\n"
        + (contactExpires == null ? "" : "Contact: " + contactExpires + "\r\n")
        + (expiresHeader == null ? "" : "Expires: " + expiresHeader + "\r\n")
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Length: 0\r\n\r\n";
  }

  /** The Authorization value answering {@code challenge} (qop=auth) for REGISTER sip:sbc.test. */
  static String answer(String challenge, String method, String uri, String user, String password) {
    Map<String, String> c = DigestParams.parse(challenge);
    String alg = c.get("algorithm");
    String ha1 = DigestHash.ha1(alg, user, c.get("realm"), password);
    String ha2 = DigestHash.hash(alg, method + ":" + uri);
    String response = DigestHash.hash(alg, ha1 + ":" + c.get("nonce") + ":00000001:0a4f113b:auth:" + ha2);
    return "Digest username=\"" + user + "\", realm=\"" + c.get("realm") + "\", nonce=\"" + c.get("nonce")
        + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + alg
        + ", qop=auth, nc=00000001, cnonce=\"0a4f113b\"";
  }

  private SipResponse registerWithDigest(String user, String password, String algorithm, String contact,
      String expires) throws Exception {
    phone.sendRaw(register(user, contact, expires, null), sbc);
    SipResponse challenge = phone.expectResponse(401);
    String c = challenge.headers().values("WWW-Authenticate").stream()
        .filter(v -> v.contains("algorithm=" + algorithm)).findFirst().orElseThrow();
    phone.sendRaw(register(user, contact, expires, answer(c, "REGISTER", "sip:sbc.test", user, password)), sbc);
    SipResponse r = (SipResponse) phone.receive();
    return r;
  }

  private List<Binding> bindings(String user) throws Exception {
    return stack.locations().lookup(user).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void challengeOffersSha256ThenMd5WithQopAuth() throws Exception {
    phone.sendRaw(register("alice", "<sip:alice@127.0.0.2:5060>", null, null), sbc);
    SipResponse r = phone.expectResponse(401);
    List<String> challenges = r.headers().values("WWW-Authenticate");
    assertEquals(2, challenges.size());
    assertTrue(challenges.get(0).contains("algorithm=SHA-256"), challenges::toString);
    assertTrue(challenges.get(1).contains("algorithm=MD5"), challenges::toString);
    assertEquals("auth", DigestParams.parse(challenges.get(0)).get("qop"));
    assertEquals("sbc.test", DigestParams.parse(challenges.get(0)).get("realm"));
  }

  @Test
  void registersWithSha256AndMd5AndKeepsTheFlow() throws Exception {
    SipResponse ok = registerWithDigest("alice", "wonderland", "SHA-256", "<sip:alice@192.0.2.7:5062>", "600");
    assertEquals(200, ok.status(), ok::toString);
    assertEquals(List.of("<sip:alice@192.0.2.7:5062>;expires=600"), ok.headers().values("Contact"));
    List<Binding> b = bindings("alice");
    assertEquals(1, b.size());
    assertEquals("127.0.0.2", b.get(0).host(), "the flow, not the (unreachable) Contact address");
    assertEquals(phone.port(), b.get(0).port());
    SipResponse bob = registerWithDigest("bob", "builder", "MD5", "<sip:bob@127.0.0.2:5070>", null);
    assertEquals(200, bob.status(), "MD5 with an HA1 from the config");
    assertEquals(List.of("<sip:bob@127.0.0.2:5070>;expires=3600"), bob.headers().values("Contact"),
        "no Expires: the default (3600)");
  }

  @Test
  void aUdpPhoneGetsNatKeepAliveOptions() throws Exception {
    assertEquals(200, registerWithDigest("alice", "wonderland", "MD5", "<sip:alice@10.0.0.5:5060>", "300").status());
    long start = System.nanoTime();
    phone.timeout(9000);
    SipRequest ping = phone.expectRequest("OPTIONS");
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited < 8000, "within the 5 s keep-alive interval (and some scheduling slack), took " + waited);
    assertTrue(ping.uri().contains("127.0.0.2:" + phone.port()), "sent down the flow, not to the Contact: " + ping.uri());
    phone.reply(ping, 200, "ka1");
  }

  @Test
  void tooBriefIs423AndMaxIsCapped() throws Exception {
    SipResponse brief = registerWithDigest("alice", "wonderland", "MD5", "<sip:alice@127.0.0.2:5060>;expires=10",
        null);
    assertEquals(423, brief.status());
    assertEquals("60", brief.headers().first("Min-Expires"));
    SipResponse capped = registerWithDigest("alice", "wonderland", "MD5", "<sip:alice@127.0.0.2:5060>", "999999");
    assertEquals(List.of("<sip:alice@127.0.0.2:5060>;expires=3600"), capped.headers().values("Contact"));
  }

  @Test
  void starWithExpiresZeroRemovesEveryBindingAndNeedsExpiresZero() throws Exception {
    registerWithDigest("alice", "wonderland", "MD5", "<sip:alice@127.0.0.2:5060>", "300");
    registerWithDigest("alice", "wonderland", "MD5", "<sip:alice@127.0.0.2:5061>", "300");
    assertEquals(2, bindings("alice").size());
    assertEquals(400, registerWithDigest("alice", "wonderland", "MD5", "*", "300").status());
    SipResponse removed = registerWithDigest("alice", "wonderland", "MD5", "*", "0");
    assertEquals(200, removed.status());
    assertTrue(removed.headers().values("Contact").isEmpty());
    assertTrue(bindings("alice").isEmpty());
  }

  @Test
  void unregisterOneContactWithExpiresZero() throws Exception {
    registerWithDigest("alice", "wonderland", "MD5", "<sip:alice@127.0.0.2:5060>", "300");
    SipResponse r = registerWithDigest("alice", "wonderland", "MD5", "<sip:alice@127.0.0.2:5060>;expires=0", null);
    assertEquals(200, r.status());
    assertTrue(bindings("alice").isEmpty());
  }

  @Test
  void anotherUsersToIsForbidden() throws Exception {
    phone.sendRaw(register("alice", "<sip:alice@127.0.0.2:5060>", null, null), sbc);
    String c = phone.expectResponse(401).headers().values("WWW-Authenticate").get(1);
    // bob's valid credentials on a REGISTER for alice
    phone.sendRaw(register("alice", "<sip:alice@127.0.0.2:5060>", null,
        answer(c, "REGISTER", "sip:sbc.test", "bob", "builder")), sbc);
    assertEquals(403, ((SipResponse) phone.receive()).status());
    assertTrue(bindings("alice").isEmpty());
  }

  @Test
  void unknownUserAndWrongPasswordGetTheSameAnswer() throws Exception {
    SipResponse wrong = registerWithDigest("alice", "not-it", "MD5", "<sip:alice@127.0.0.2:5060>", null);
    SipResponse unknown = registerWithDigest("mallory", "whatever", "MD5", "<sip:mallory@127.0.0.2:5060>", null);
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals(wrong.reason(), unknown.reason());
    assertEquals(names(wrong), names(unknown), "same headers, in the same order");
    assertEquals(wrong.headers().values("WWW-Authenticate").size(), unknown.headers().values("WWW-Authenticate").size());
  }

  private static List<String> names(SipResponse r) {
    return r.headers().fields().stream().map(f -> f.name()).toList();
  }

  @Test
  void aSourceIsBannedAfterMaxFailuresAndThenDropped() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(401, registerWithDigest("alice", "guess" + i, "MD5", "<sip:alice@127.0.0.2:5060>", null).status());
    }
    phone.sendRaw(register("alice", "<sip:alice@127.0.0.2:5060>", null, null), sbc);
    phone.expectSilence(500);
    assertTrue(stack.stats().accessRefusedRequests() > 0);
    // the carrier (a trunk) is never banned with it
    carrier.sendRaw("OPTIONS sip:127.0.0.1:" + sbc + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + carrier.port()
        + ";branch=z9hG4bK-o1\r\nMax-Forwards: 70\r\nFrom: <sip:c@127.0.0.1>;tag=1\r\nTo: <sip:s@127.0.0.1>\r\n"
        + "Call-ID: opt1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", sbc);
    assertEquals(200, carrier.expectResponse(200).status());
  }

  @Test
  void aCarrierCallReachesTheRegisteredPhoneAtItsContact() throws Exception {
    assertEquals(200, registerWithDigest("alice", "wonderland", "SHA-256", "<sip:alice@127.0.0.2:" + phone.port()
        + ";ob>", "300").status());
    carrier.sendRaw(invite("alice", "c1", carrier.port(), "127.0.0.1", null), sbc);
    SipRequest in = phone.expectRequest("INVITE");
    assertEquals("sip:alice@127.0.0.2:" + phone.port() + ";ob", in.uri(), "Request-URI: the registered Contact");
    assertNull(in.headers().first("Authorization"));
    phone.reply(in, 486, "busy1");
    assertEquals(486, carrier.expectResponse(486).status());
  }

  @Test
  void aCallToAnUnregisteredUserFails() throws Exception {
    carrier.sendRaw(invite("nobody", "c2", carrier.port(), "127.0.0.1", null), sbc);
    SipResponse r = (SipResponse) carrier.receive();
    while (r.status() < 200) {
      r = (SipResponse) carrier.receive();
    }
    assertEquals(480, r.status(), "no binding: 480 Temporarily Unavailable");
    phone.expectSilence(300);
  }

  @Test
  void aPhonesCallIsChallengedThenRoutedWithoutItsCredentials() throws Exception {
    phone.sendRaw(invite("+4420123", "p1", phone.port(), "127.0.0.2", null).replace("From: <sip:carrier@",
        "From: <sip:alice@"), sbc);
    SipResponse challenge = phone.expectResponse(407);
    String c = challenge.headers().values("Proxy-Authenticate").get(0);
    phone.sendRaw(inDialogAck("p1", challenge.to().tag()), sbc);
    String uri = "sip:+4420123@sbc.test";
    phone.sendRaw(invite("+4420123", "p1", phone.port(), "127.0.0.2",
        answer(c, "INVITE", uri, "alice", "wonderland")).replace("From: <sip:carrier@", "From: <sip:alice@")
        .replace("CSeq: 1 INVITE", "CSeq: 2 INVITE").replace("branch=z9hG4bK-p1", "branch=z9hG4bK-p1b"), sbc);
    SipRequest out = carrier.expectRequest("INVITE");
    assertNull(out.headers().first("Proxy-Authorization"), "our credentials never cross to the carrier");
    carrier.reply(out, 486, "busy2");
  }

  @Test
  void aPhonesCallWithAnotherUsersCredentialsIsForbidden() throws Exception {
    phone.sendRaw(invite("+4420123", "p2", phone.port(), "127.0.0.2", null).replace("From: <sip:carrier@",
        "From: <sip:alice@"), sbc);
    SipResponse challenge = phone.expectResponse(407);
    String c = challenge.headers().values("Proxy-Authenticate").get(1);
    phone.sendRaw(inDialogAck("p2", challenge.to().tag()), sbc);
    phone.sendRaw(invite("+4420123", "p2", phone.port(), "127.0.0.2",
        answer(c, "INVITE", "sip:+4420123@sbc.test", "bob", "builder")).replace("From: <sip:carrier@",
        "From: <sip:alice@").replace("CSeq: 1 INVITE", "CSeq: 2 INVITE").replace("branch=z9hG4bK-p2", "branch=z9hG4bK-p2b"),
        sbc);
    assertEquals(403, phone.expectResponse(403).status());
  }

  private String invite(String user, String callId, int port, String host, String proxyAuth) {
    return "INVITE sip:" + user + "@sbc.test SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP " + host + ":" + port + ";branch=z9hG4bK-" + callId + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:carrier@" + host + ">;tag=from-" + callId + "\r\n"
        + "To: <sip:" + user + "@sbc.test>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:x@" + host + ":" + port + ">\r\n"
        + (proxyAuth == null ? "" : "Proxy-Authorization: " + proxyAuth + "\r\n")
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP;
  }

  private String inDialogAck(String callId, String toTag) {
    return "ACK sip:+4420123@sbc.test SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.2:" + phone.port() + ";branch=z9hG4bK-" + callId + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.2>;tag=from-" + callId + "\r\n"
        + "To: <sip:+4420123@sbc.test>;tag=" + toTag + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
  }

  @Test
  void nonceIsValidOnAnyNodeWithTheSecret() {
    var a = new io.opensbc.sip.security.NonceService("0123456789abcdef0123".getBytes(), "sbc.test", 1000);
    var b = new io.opensbc.sip.security.NonceService("0123456789abcdef0123".getBytes(), "sbc.test", 1000);
    var other = new io.opensbc.sip.security.NonceService("another-secret-0000".getBytes(), "sbc.test", 1000);
    String n = a.issue(10_000);
    assertEquals(io.opensbc.sip.security.NonceService.Check.VALID, b.check(n, 10_500));
    assertEquals(io.opensbc.sip.security.NonceService.Check.STALE, b.check(n, 11_001));
    assertEquals(io.opensbc.sip.security.NonceService.Check.INVALID, other.check(n, 10_500));
    assertEquals(io.opensbc.sip.security.NonceService.Check.INVALID, b.check(n.replace('.', 'x'), 10_500));
    assertFalse(n.contains("sbc.test"));
    assertNotNull(DigestParams.parse("Digest realm=\"a,b\", nonce=\"x\\\"y\""));
    assertEquals("a,b", DigestParams.parse("Digest realm=\"a,b\", nonce=x").get("realm"));
    assertNull(DigestParams.parse("Basic abc"));
    assertNull(DigestParams.parse("Digest realm=\"open"));
  }
}
