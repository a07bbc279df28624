package io.opensbc.sip.routing.dns;

import static io.opensbc.sip.routing.dns.DnsResolverTest.a;
import static io.opensbc.sip.routing.dns.DnsResolverTest.await;
import static io.opensbc.sip.routing.dns.DnsResolverTest.cname;
import static io.opensbc.sip.routing.dns.DnsResolverTest.failure;
import static io.opensbc.sip.routing.dns.DnsResolverTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.message.SipUri;
import io.opensbc.sip.routing.dns.DnsException.Reason;
import io.opensbc.sip.routing.dns.DnsRecord.NaptrRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SrvRecord;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server location (RFC 3263 §4) against {@link TestDnsServer}: which lookups, in what order. */
class Rfc3263ServerLocatorTest {
  private static final String DOMAIN = "example.test";

  private final AtomicLong now = new AtomicLong();
  private Vertx vertx;
  private TestDnsServer server;
  private ServerLocator locator;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = new TestDnsServer();
    DnsSettings settings = DnsSettings.of(List.of(server.address()))
        .withTimeout(Duration.ofMillis(200)).withAttempts(1);
    locator = new ServerLocator(await(DnsResolver.create(vertx, settings, now::get)), new Random(7));
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
    server.close();
  }

  @Test
  void aNumericHostIsUsedAsItIsWithoutDns() throws Exception {
    assertEquals(List.of("udp:192.0.2.1:5060"), targets(SipTarget.of("192.0.2.1")));
    assertEquals(List.of("tcp:192.0.2.1:5080"),
        targets(new SipTarget("192.0.2.1", 5080, SipTransport.TCP, false)));
    assertEquals(List.of("tls:[2001:db8:0:0:0:0:0:1]:5061"),
        targets(new SipTarget("[2001:db8::1]", -1, null, true)));
    Location l = await(locator.resolve(SipTarget.of("192.0.2.1")));
    assertEquals(Duration.ofMinutes(10), l.ttl());
    assertEquals(0, server.queries());
  }

  @Test
  void anExplicitPortMeansAddressRecordsOnly() throws Exception {
    zone();
    assertEquals(List.of("udp:192.0.2.1:5070", "udp:[2001:db8:0:0:0:0:0:1]:5070"),
        targets(new SipTarget(DOMAIN, 5070, null, false)));
    assertEquals(List.of("tls:192.0.2.1:5071", "tls:[2001:db8:0:0:0:0:0:1]:5071"),
        targets(new SipTarget(DOMAIN, 5071, null, true)));
    assertEquals(0, server.queries(DOMAIN, RecordType.NAPTR));
    assertEquals(0, server.queries("_sip._udp." + DOMAIN, RecordType.SRV));
  }

  @Test
  void anExplicitTransportSkipsNaptrAndAsksOnlyItsSrv() throws Exception {
    zone();
    assertEquals(List.of("tcp:192.0.2.20:5060"),
        targets(new SipTarget(DOMAIN, -1, SipTransport.TCP, false)));
    assertEquals(0, server.queries(DOMAIN, RecordType.NAPTR));
    assertEquals(0, server.queries("_sip._udp." + DOMAIN, RecordType.SRV));
  }

  @Test
  void naptrThenSrvThenAddressesInNaptrOrder() throws Exception {
    zone();
    server.add(
        naptr(10, 20, "SIP+D2U", "_sip._udp." + DOMAIN),
        naptr(10, 10, "SIP+D2T", "_sip._tcp." + DOMAIN),
        naptr(10, 30, "SIPS+D2T", "_sips._tcp." + DOMAIN));
    Location l = await(locator.resolve(SipTarget.of(DOMAIN)));
    assertEquals(List.of("tcp:192.0.2.20:5060", "udp:192.0.2.10:5060", "udp:192.0.2.11:5062",
        "tls:192.0.2.30:5061"), strings(l.targets()));
    assertEquals(Duration.ofSeconds(45), l.ttl(), "the smallest TTL used (the AAAA NODATA's is 60)");
  }

  @Test
  void aSipsUriKeepsOnlySipsNaptrRecords() throws Exception {
    zone();
    server.add(naptr(10, 10, "SIP+D2U", "_sip._udp." + DOMAIN),
        naptr(10, 20, "SIPS+D2T", "_sips._tcp." + DOMAIN));
    assertEquals(List.of("tls:192.0.2.30:5061"), targets(new SipTarget(DOMAIN, -1, null, true)));
    assertEquals(0, server.queries("_sip._udp." + DOMAIN, RecordType.SRV));
  }

  @Test
  void naptrRecordsOfAHigherOrderAreNotConsidered() throws Exception {
    zone();
    server.add(naptr(20, 10, "SIP+D2U", "_sip._udp." + DOMAIN),
        naptr(10, 50, "SIP+D2T", "_sip._tcp." + DOMAIN));
    assertEquals(List.of("tcp:192.0.2.20:5060"), targets(SipTarget.of(DOMAIN)));
  }

  @Test
  void unsupportedNaptrServicesFallBackToSrv() throws Exception {
    zone();
    server.add(naptr(10, 10, "SIP+D2S", "_sip._sctp." + DOMAIN),
        new NaptrRecord(DOMAIN, 60, 10, 10, "U", "E2U+sip", "!^.*$!sip:x@example.test!", ""));
    assertEquals(List.of("udp:192.0.2.10:5060", "udp:192.0.2.11:5062", "tcp:192.0.2.20:5060",
        "tls:192.0.2.30:5061"), targets(SipTarget.of(DOMAIN)));
    assertEquals(0, server.queries("_sip._sctp." + DOMAIN, RecordType.SRV));
  }

  @Test
  void withoutNaptrSrvForUdpTcpAndTls() throws Exception {
    zone();
    assertEquals(List.of("udp:192.0.2.10:5060", "udp:192.0.2.11:5062", "tcp:192.0.2.20:5060",
        "tls:192.0.2.30:5061"), targets(SipTarget.of(DOMAIN)));
    assertEquals(1, server.queries(DOMAIN, RecordType.NAPTR));
    assertEquals(List.of("tls:192.0.2.30:5061"), targets(new SipTarget(DOMAIN, -1, null, true)));
    assertEquals(1, server.queries("_sips._tcp." + DOMAIN, RecordType.SRV), "cached");
  }

  @Test
  void withoutSrvTheAddressesOnTheDefaultPort() throws Exception {
    server.add(a(DOMAIN, 60, "192.0.2.1"));
    assertEquals(List.of("udp:192.0.2.1:5060"), targets(SipTarget.of(DOMAIN)));
    assertEquals(List.of("tls:192.0.2.1:5061"), targets(new SipTarget(DOMAIN, -1, null, true)));
    assertEquals(List.of("tcp:192.0.2.1:5060"),
        targets(new SipTarget(DOMAIN, -1, SipTransport.TCP, false)));
  }

  @Test
  void lowerPriorityTargetsComeAfterHigherOnes() throws Exception {
    server.add(
        srv("_sip._udp.", 20, 50, 5060, "backup1"), srv("_sip._udp.", 10, 10, 5060, "main1"),
        srv("_sip._udp.", 10, 90, 5060, "main2"), srv("_sip._udp.", 20, 50, 5060, "backup2"),
        srv("_sip._udp.", 30, 0, 5060, "last"),
        a("main1." + DOMAIN, 60, "192.0.2.1"), a("main2." + DOMAIN, 60, "192.0.2.2"),
        a("backup1." + DOMAIN, 60, "192.0.2.3"), a("backup2." + DOMAIN, 60, "192.0.2.4"),
        a("last." + DOMAIN, 60, "192.0.2.5"));
    for (int i = 0; i < 20; i++) {
      List<String> t = targets(SipTarget.of(DOMAIN));
      assertEquals(5, t.size());
      assertEquals(List.of("udp:192.0.2.1:5060", "udp:192.0.2.2:5060"), t.subList(0, 2).stream().sorted().toList());
      assertEquals(List.of("udp:192.0.2.3:5060", "udp:192.0.2.4:5060"), t.subList(2, 4).stream().sorted().toList());
      assertEquals("udp:192.0.2.5:5060", t.get(4));
    }
  }

  @Test
  void theSameSeedGivesTheSameOrder() throws Exception {
    server.add(srv("_sip._udp.", 10, 50, 5060, "one"), srv("_sip._udp.", 10, 50, 5060, "two"),
        srv("_sip._udp.", 10, 50, 5060, "three"),
        a("one." + DOMAIN, 60, "192.0.2.1"), a("two." + DOMAIN, 60, "192.0.2.2"),
        a("three." + DOMAIN, 60, "192.0.2.3"));
    DnsSettings settings = DnsSettings.of(List.of(server.address()));
    DnsResolver resolver = await(DnsResolver.create(vertx, settings, now::get));
    List<Target> first = await(new ServerLocator(resolver, new Random(99)).locate(SipTarget.of(DOMAIN)));
    List<Target> again = await(new ServerLocator(resolver, new Random(99)).locate(SipTarget.of(DOMAIN)));
    assertEquals(first, again);
    assertEquals(3, first.size());
  }

  @Test
  void srvTargetsMayBeAliasesAndDuplicatesAreDropped() throws Exception {
    server.add(srv("_sip._udp.", 10, 0, 5060, "alias"), srv("_sip._udp.", 20, 0, 5060, "host"),
        cname("alias." + DOMAIN, 60, "host." + DOMAIN), a("host." + DOMAIN, 60, "192.0.2.9"));
    assertEquals(List.of("udp:192.0.2.9:5060"), targets(SipTarget.of(DOMAIN)));
  }

  @Test
  void aDotTargetMeansNoServiceAndNoAddressFallback() throws Exception {
    server.add(srv("_sip._udp.", 0, 0, 0, ""), a(DOMAIN, 60, "192.0.2.1"));
    // SRV exists for UDP ("." = not here); TCP and TLS have none: no A/AAAA fallback
    DnsException e = failure(locator.locate(SipTarget.of(DOMAIN)));
    assertEquals(Reason.NO_TARGETS, e.reason());
  }

  @Test
  void anUnknownDomainFailsAndItsNxdomainIsCached() throws Exception {
    server.soa(300, 120);
    DnsException e = failure(locator.locate(SipTarget.of("nowhere.test")));
    assertEquals(Reason.NO_TARGETS, e.reason());
    assertTrue(e.getMessage().contains("nowhere.test"), e.getMessage());
    int queries = server.queries();
    assertEquals(6, queries, "NAPTR, three SRV, A, AAAA");
    failure(locator.locate(SipTarget.of("nowhere.test")));
    assertEquals(queries, server.queries(), "negative answers cached");
    now.addAndGet(120_000);
    failure(locator.locate(SipTarget.of("nowhere.test")));
    assertEquals(2 * queries, server.queries(), "asked again after the negative TTL");
  }

  @Test
  void aDeadServerFailsWithTheResolverReason() throws Exception {
    server.dropNext(1000);
    DnsException e = failure(locator.locate(SipTarget.of(DOMAIN)));
    assertEquals(Reason.TIMEOUT, e.reason());
  }

  @Test
  void targetsFromSipUris() {
    assertEquals(new SipTarget("192.0.2.5", -1, null, false),
        SipTarget.of(uri("sip:carrier.test;maddr=192.0.2.5")).orNull());
    assertEquals(new SipTarget("carrier.test", 5080, SipTransport.TCP, false),
        SipTarget.of(uri("sip:+15551234@carrier.test:5080;transport=TCP")).orNull());
    assertEquals(new SipTarget("carrier.test", -1, SipTransport.TLS, true),
        SipTarget.of(uri("sips:carrier.test;transport=tcp")).orNull());
    assertEquals(new SipTarget("[2001:db8::1]", -1, null, false),
        SipTarget.of(uri("sip:[2001:db8::1]")).orNull());
    assertTrue(SipTarget.of(uri("sip:carrier.test;transport=sctp")).reason().contains("sctp"));
    assertTrue(SipTarget.of(uri("sips:carrier.test;transport=udp")).reason().contains("udp"));
    assertTrue(SipTarget.of(uri("tel:+15551234")).reason().contains("tel"));
    assertEquals(ip("2001:db8::1"), SipTarget.of(uri("sip:[2001:db8::1]")).orNull().numericHost());
  }

  /** _sip._udp: two targets; _sip._tcp and _sips._tcp: one each; the domain has A and AAAA. */
  private void zone() {
    server.add(
        srv("_sip._udp.", 10, 0, 5060, "udp1"), srv("_sip._udp.", 20, 0, 5062, "udp2"),
        srv("_sip._tcp.", 10, 0, 5060, "tcp"), srv("_sips._tcp.", 10, 0, 5061, "tls"),
        a("udp1." + DOMAIN, 300, "192.0.2.10"), a("udp2." + DOMAIN, 300, "192.0.2.11"),
        a("tcp." + DOMAIN, 45, "192.0.2.20"), a("tls." + DOMAIN, 300, "192.0.2.30"),
        a(DOMAIN, 300, "192.0.2.1"), a(DOMAIN, 300, "2001:db8::1"));
  }

  private List<String> targets(SipTarget t) throws Exception {
    return strings(await(locator.locate(t)));
  }

  private static List<String> strings(List<Target> targets) {
    return targets.stream().map(Target::toString).toList();
  }

  private static SrvRecord srv(String prefix, int priority, int weight, int port, String host) {
    return new SrvRecord(prefix + DOMAIN, 300, priority, weight, port,
        host.isEmpty() ? "" : host + "." + DOMAIN);
  }

  private static NaptrRecord naptr(int order, int pref, String service, String replacement) {
    return new NaptrRecord(DOMAIN, 120, order, pref, "S", service, "", replacement);
  }

  private static SipUri uri(String text) {
    return SipUri.parse(text).orNull();
  }
}
