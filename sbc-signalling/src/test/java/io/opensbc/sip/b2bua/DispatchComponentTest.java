package io.opensbc.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.routing.Failover;
import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.config.model.routing.Selection;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.config.model.routing.TrunkDispatch;
import io.opensbc.config.model.routing.TrunkLimits;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.TrunkRules;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.routing.dns.DnsRecord;
import io.opensbc.sip.routing.dns.DnsSettings;
import io.opensbc.sip.routing.dns.TestDnsServer;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Serial hunting across a trunk's targets between real UDP peers on 127.0.0.1, with IP targets
 * and with an FQDN resolved through an in-process DNS server (RFC 3263 SRV).
 */
class DispatchComponentTest {
  private Vertx vertx;
  private SipStack stack;
  private TestPeer caller;
  private TestPeer first;
  private TestPeer second;
  private TestDnsServer dns;
  private int sbc;

  @BeforeEach
  void peers() throws Exception {
    caller = new TestPeer();
    first = new TestPeer();
    second = new TestPeer();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    caller.close();
    first.close();
    second.close();
    if (dns != null) {
      dns.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void start(List<TargetConfig> targets, String host) throws Exception {
    String yaml = """
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1}
        routes:
          - {name: all, match: {}, trunk: carrier}
        sip:
          timers: {t1: 100ms, t2: 400ms, t4: 500ms}
        """;
    SbcConfig base = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "dispatch.yaml")).config();
    TrunkConfig trunk = new TrunkConfig("carrier", host, 5060, Transport.UDP, "udp", false, TrunkRules.NONE,
        ResponseMap.NONE, null, new TrunkDispatch(targets, Selection.PRIORITY, HealthCheck.OFF, Failover.DEFAULT,
            TrunkLimits.NONE));
    SbcConfig config = new SbcConfig(base.node(), base.admin(), base.cluster(), base.listeners(), List.of(trunk),
        base.routes(), base.sip(), base.ruleSets(), base.admission());
    stack = new SipStack();
    DnsSettings settings = dns == null ? null : DnsSettings.of(List.of(dns.address()));
    stack.start(vertx, config, new RecordingCallLogStore(), settings).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    sbc = stack.transports().address("udp").port();
  }

  private List<TargetConfig> twoTargets() {
    return List.of(new TargetConfig("127.0.0.1", first.port(), null, 1, 1),
        new TargetConfig("127.0.0.1", second.port(), null, 2, 1));
  }

  private void invite(String callId) throws Exception {
    caller.sendRaw("INVITE sip:+442071234567@127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-" + callId + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1:" + caller.port() + ">;tag=a-" + callId + "\r\n"
        + "To: <sip:+442071234567@127.0.0.1:" + sbc + ">\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:alice@127.0.0.1:" + caller.port() + ">\r\n"
        + "Content-Length: 0\r\n\r\n", sbc);
  }

  @Test
  void a503WithRetryAfterMovesOnAndMarksTheTargetBusy() throws Exception {
    start(twoTargets(), "127.0.0.1");
    invite("hunt-1");
    SipRequest a = first.expectRequest("INVITE");
    first.reply(a, 503, "t1", HeaderNames.RETRY_AFTER, "30");
    first.expectRequest("ACK");
    SipRequest b = second.expectRequest("INVITE");
    assertEquals(a.callId(), b.callId(), "one B-leg Call-ID across attempts");
    assertTrue(b.cseq().seq() > a.cseq().seq(), "a new CSeq for the new attempt");
    second.reply(b, 200, "t2", HeaderNames.CONTACT, "<sip:b@127.0.0.1:" + second.port() + ">");
    assertEquals(200, caller.expectResponse(200).status());

    invite("hunt-2");
    assertNotNull(second.expectRequest("INVITE"), "the busy target is skipped for Retry-After");
    first.expectSilence(200);
  }

  @Test
  void failoverCodesHuntButOtherFinalsAndAnythingAfterRingingDoNot() throws Exception {
    start(twoTargets(), "127.0.0.1");
    invite("hunt-3");
    first.reply(first.expectRequest("INVITE"), 500, "t1");
    SipRequest b = second.expectRequest("INVITE");
    second.reply(b, 486, "t2");
    assertEquals(486, caller.expectResponse(486).status(), "486 is not a failover code: relayed");
    second.expectRequest("ACK");

    invite("hunt-4");
    SipRequest a = first.expectRequest("INVITE");
    first.reply(a, 180, "t1");
    caller.expectResponse(180);
    first.reply(a, 503, "t1");
    assertEquals(503, caller.expectResponse(503).status(), "never hunt after a provisional other than 100");
    second.expectSilence(200);
  }

  @Test
  void noUsableTargetAnswers503AtOnceAndSendsNothing() throws Exception {
    start(twoTargets(), "127.0.0.1");
    stack.availability().busyFor("carrier|127.0.0.1:" + first.port(), 30_000);
    stack.availability().busyFor("carrier|127.0.0.1:" + second.port(), 30_000);
    invite("hunt-5");
    SipResponse r = caller.expectResponse(503);
    assertNotNull(r.headers().first(HeaderNames.RETRY_AFTER));
    first.expectSilence(200);
    second.expectSilence(10);
  }

  @Test
  void anFqdnTargetResolvesBySrvPriorityAndFailsOver() throws Exception {
    dns = new TestDnsServer();
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    dns.add(new DnsRecord.SrvRecord("_sip._udp.carrier.test", 60, 20, 1, second.port(), "b.carrier.test"),
        new DnsRecord.SrvRecord("_sip._udp.carrier.test", 60, 10, 1, first.port(), "a.carrier.test"),
        new DnsRecord.ARecord("a.carrier.test", 60, lo),
        new DnsRecord.ARecord("b.carrier.test", 60, lo));
    start(List.of(new TargetConfig("carrier.test", 0, null, 1, 1)), "carrier.test");
    invite("dns-1");
    SipRequest a = first.expectRequest("INVITE");
    assertTrue(a.uri().contains("@carrier.test"), "the Request-URI names the trunk's domain: " + a.uri());
    first.reply(a, 503, "t1");
    SipRequest b = second.expectRequest("INVITE");
    second.reply(b, 200, "t2", HeaderNames.CONTACT, "<sip:b@127.0.0.1:" + second.port() + ">");
    assertEquals(200, caller.expectResponse(200).status());
  }

  /**
   * Seed 000: the carrier's OPTIONS answer has no REFER, so the SBC stops advertising REFER to the
   * PBX whose calls go to that carrier (the PBX then transfers with re-INVITEs).
   */
  @Test
  void referIsAdvertisedOnlyWhereTheDestinationAcceptsIt() throws Exception {
    String yaml = """
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: pbx, host: 127.0.0.1, port: %d}
          - name: carrier
            host: 127.0.0.1
            port: %d
            health: {interval: 1s, timeout: 500ms}
        routes:
          - {name: out, match: {source-trunk: pbx}, trunk: carrier}
        sip:
          timers: {t1: 100ms, t2: 400ms, t4: 500ms}
        """.formatted(caller.port(), first.port());
    SbcConfig config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "refer.yaml")).config();
    stack = new SipStack();
    stack.start(vertx, config, new RecordingCallLogStore()).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    sbc = stack.transports().address("udp").port();
    assertTrue(options().contains("REFER"), "nothing learned yet: REFER relayed as it comes");
    SipRequest probe = first.expectRequest("OPTIONS");
    first.reply(probe, 200, "c1", HeaderNames.ALLOW, "INVITE, ACK, BYE, CANCEL, OPTIONS");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3))
        .until(() -> !options().contains("REFER"));
  }

  private String options() throws Exception {
    caller.sendRaw("OPTIONS sip:127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-o" + System.nanoTime() + "\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:pbx@127.0.0.1>;tag=o1\r\nTo: <sip:127.0.0.1>\r\n"
        + "Call-ID: opt-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", sbc);
    SipResponse r = caller.expectResponse(200);
    return String.join(",", r.headers().values(HeaderNames.ALLOW));
  }
}
