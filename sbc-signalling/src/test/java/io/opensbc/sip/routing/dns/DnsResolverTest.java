package io.opensbc.sip.routing.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.routing.dns.DnsAnswer.Status;
import io.opensbc.sip.routing.dns.DnsException.Reason;
import io.opensbc.sip.routing.dns.DnsRecord.ARecord;
import io.opensbc.sip.routing.dns.DnsRecord.CnameRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SrvRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resolver against {@link TestDnsServer} on loopback: retries and timeouts with real (short)
 * timers, the cache with a manual clock.
 */
class DnsResolverTest {
  private static final Duration TIMEOUT = Duration.ofMillis(150);

  private final AtomicLong now = new AtomicLong(1_000_000);
  private Vertx vertx;
  private TestDnsServer server;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = new TestDnsServer();
    closeLater.add(server);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
    for (AutoCloseable c : closeLater) {
      c.close();
    }
  }

  @Test
  void answersFromTheServerThenFromTheCacheUntilTheTtlRunsOut() throws Exception {
    server.add(a("sip.example.test", 30, "192.0.2.1"));
    DnsResolver r = resolver(settings(server));
    DnsAnswer first = await(r.lookup("sip.example.test", RecordType.A));
    assertEquals(List.of(a("sip.example.test", 30, "192.0.2.1")), first.records());
    assertEquals(Duration.ofSeconds(30), first.ttl());

    now.addAndGet(29_000);
    DnsAnswer cached = await(r.lookup("SIP.example.test.", RecordType.A));
    assertEquals(first.records(), cached.records());
    assertEquals(Duration.ofSeconds(1), cached.ttl());
    assertEquals(1, server.queries("sip.example.test", RecordType.A), "within the TTL: no query");

    now.addAndGet(1_000);
    await(r.lookup("sip.example.test", RecordType.A));
    assertEquals(2, server.queries("sip.example.test", RecordType.A), "after the TTL: asked again");
  }

  @Test
  void ttlsAreHeldWithinTheBounds() throws Exception {
    server.add(a("zero.example.test", 0, "192.0.2.1"), a("day.example.test", 86_400, "192.0.2.2"));
    DnsResolver r = resolver(settings(server));
    assertEquals(Duration.ofSeconds(1), await(r.lookup("zero.example.test", RecordType.A)).ttl());
    assertEquals(Duration.ofMinutes(10), await(r.lookup("day.example.test", RecordType.A)).ttl());
    now.addAndGet(999);
    await(r.lookup("zero.example.test", RecordType.A));
    assertEquals(1, server.queries("zero.example.test", RecordType.A));
    now.addAndGet(Duration.ofMinutes(10).toMillis());
    await(r.lookup("day.example.test", RecordType.A));
    assertEquals(2, server.queries("day.example.test", RecordType.A));
  }

  @Test
  void nxdomainIsCachedForTheSoaMinimum() throws Exception {
    server.soa(300, 30);
    DnsResolver r = resolver(settings(server));
    DnsAnswer no = await(r.lookup("nowhere.example.test", RecordType.NAPTR));
    assertEquals(Status.NXDOMAIN, no.status());
    assertEquals(Duration.ofSeconds(30), no.ttl());
    now.addAndGet(29_999);
    assertEquals(Status.NXDOMAIN, await(r.lookup("nowhere.example.test", RecordType.NAPTR)).status());
    assertEquals(1, server.queries("nowhere.example.test", RecordType.NAPTR));
    now.addAndGet(1);
    await(r.lookup("nowhere.example.test", RecordType.NAPTR));
    assertEquals(2, server.queries("nowhere.example.test", RecordType.NAPTR));
  }

  @Test
  void nodataIsCachedForTheSoaTtlWhenThatIsSmaller() throws Exception {
    server.soa(20, 3600);
    server.add(a("sip.example.test", 60, "192.0.2.1"));
    DnsResolver r = resolver(settings(server));
    DnsAnswer none = await(r.lookup("sip.example.test", RecordType.AAAA));
    assertEquals(Status.NODATA, none.status());
    assertEquals(Duration.ofSeconds(20), none.ttl());
  }

  @Test
  void aNegativeAnswerWithoutSoaIsCachedForTheMinimumTtl() throws Exception {
    server.noSoa();
    DnsResolver r = resolver(settings(server));
    assertEquals(Duration.ofSeconds(1), await(r.lookup("gone.example.test", RecordType.A)).ttl());
  }

  @Test
  void anUnansweredQueryIsSentAgain() throws Exception {
    server.add(a("sip.example.test", 60, "192.0.2.1"));
    server.dropNext(1);
    DnsResolver r = resolver(settings(server));
    long t0 = System.nanoTime();
    DnsAnswer answer = await(r.lookup("sip.example.test", RecordType.A));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(1, answer.records().size());
    assertEquals(2, server.queries("sip.example.test", RecordType.A));
    assertTrue(ms >= TIMEOUT.toMillis(), "the second try waits for the first one's timeout: " + ms);
  }

  @Test
  void aQueryTimesOutAfterAllAttempts() throws Exception {
    server.dropNext(100);
    DnsResolver r = resolver(settings(server).withAttempts(3));
    long t0 = System.nanoTime();
    DnsException e = failure(r.lookup("sip.example.test", RecordType.A));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(Reason.TIMEOUT, e.reason());
    assertEquals(new DnsQuestion("sip.example.test", RecordType.A), e.question());
    assertEquals(3, server.queries());
    assertTrue(ms >= 3 * TIMEOUT.toMillis(), "three timeouts: " + ms);
    assertEquals(0, r.outstanding());
  }

  @Test
  void aSilentServerIsFollowedByTheNextOne() throws Exception {
    TestDnsServer silent = new TestDnsServer();
    closeLater.add(silent);
    silent.dropNext(100);
    server.add(a("sip.example.test", 60, "192.0.2.1"));
    DnsResolver r = resolver(settings(silent).withServers(List.of(silent.address(), server.address())));
    assertEquals(1, await(r.lookup("sip.example.test", RecordType.A)).records().size());
    assertEquals(1, silent.queries());
    assertEquals(1, server.queries());
  }

  @Test
  void servfailMovesToTheNextServerAtOnce() throws Exception {
    TestDnsServer failing = new TestDnsServer();
    closeLater.add(failing);
    failing.answerWithRcode(DnsMessage.SERVFAIL);
    server.add(a("sip.example.test", 60, "192.0.2.1"));
    DnsResolver r = resolver(settings(failing).withTimeout(Duration.ofSeconds(5))
        .withServers(List.of(failing.address(), server.address())));
    long t0 = System.nanoTime();
    assertEquals(1, await(r.lookup("sip.example.test", RecordType.A)).records().size());
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 2_000);

    failing.answerWithRcode(DnsMessage.REFUSED);
    DnsException e = failure(resolver(settings(failing).withTimeout(Duration.ofSeconds(5)))
        .lookup("other.example.test", RecordType.A));
    assertEquals(Reason.SERVER_FAILURE, e.reason());
    assertTrue(e.getMessage().contains("REFUSED"), e.getMessage());
  }

  @Test
  void aTruncatedAnswerIsAskedAgainOverTcp() throws Exception {
    List<DnsRecord> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(new SrvRecord("_sip._udp.example.test", 60, 10, i, 5060, "sip" + i + ".example.test"));
    }
    server.add(many.toArray(DnsRecord[]::new));
    server.truncateUdp(true);
    DnsResolver r = resolver(settings(server));
    DnsAnswer answer = await(r.lookup("_sip._udp.example.test", RecordType.SRV));
    assertEquals(40, answer.records().size());
    assertEquals(1, server.tcpQueries());
  }

  @Test
  void identicalLookupsInFlightShareOneQuery() throws Exception {
    server.add(a("sip.example.test", 60, "192.0.2.1"));
    server.delay(Duration.ofMillis(50));
    DnsResolver r = resolver(settings(server).withTimeout(Duration.ofSeconds(2)));
    Future<DnsAnswer> one = r.lookup("sip.example.test", RecordType.A);
    Future<DnsAnswer> two = r.lookup("sip.example.test", RecordType.A);
    assertEquals(await(one).records(), await(two).records());
    assertEquals(1, server.queries());
  }

  @Test
  void lookupsBeyondTheOutstandingBoundFailAtOnce() throws Exception {
    server.delay(Duration.ofMillis(300));
    DnsResolver r = resolver(settings(server).withTimeout(Duration.ofSeconds(2)).withMaxOutstanding(2));
    Future<DnsAnswer> one = r.lookup("one.example.test", RecordType.A);
    Future<DnsAnswer> two = r.lookup("two.example.test", RecordType.A);
    DnsException third = failure(r.lookup("three.example.test", RecordType.A));
    assertEquals(Reason.OVERLOADED, third.reason());
    assertEquals(Status.NXDOMAIN, await(one).status());
    assertEquals(Status.NXDOMAIN, await(two).status());
    assertEquals(Status.NXDOMAIN, await(r.lookup("three.example.test", RecordType.A)).status());
  }

  @Test
  void followsACnameChainInTheAnswer() throws Exception {
    server.add(cname("sip.example.test", 20, "host.example.test"),
        a("host.example.test", 60, "192.0.2.7"));
    DnsResolver r = resolver(settings(server));
    DnsAnswer answer = await(r.lookup("sip.example.test", RecordType.A));
    assertEquals(List.of(a("host.example.test", 60, "192.0.2.7")), answer.records());
    assertEquals(Duration.ofSeconds(20), answer.ttl(), "the smallest TTL of the chain");
    assertEquals(0, server.queries("host.example.test", RecordType.A));
  }

  @Test
  void asksForTheEndOfAChainTheServerLeftUnresolved() throws Exception {
    server.followCnames(false);
    server.add(cname("sip.example.test", 60, "host.example.test"),
        a("host.example.test", 40, "192.0.2.7"));
    DnsResolver r = resolver(settings(server));
    DnsAnswer answer = await(r.lookup("sip.example.test", RecordType.A));
    assertEquals(List.of(a("host.example.test", 40, "192.0.2.7")), answer.records());
    assertEquals(Duration.ofSeconds(40), answer.ttl());
    assertEquals(1, server.queries("host.example.test", RecordType.A));
  }

  @Test
  void aCnameLoopFails() throws Exception {
    server.followCnames(false);
    server.add(cname("a.example.test", 60, "b.example.test"),
        cname("b.example.test", 60, "a.example.test"));
    DnsResolver r = resolver(settings(server));
    assertEquals(Reason.CNAME_CHAIN, failure(r.lookup("a.example.test", RecordType.A)).reason());
  }

  @Test
  void aNameThatCannotBeSentFailsWithoutAQuery() throws Exception {
    DnsResolver r = resolver(settings(server));
    assertEquals(Reason.BAD_NAME, failure(r.lookup("sip..example.test", RecordType.A)).reason());
    assertEquals(Reason.BAD_NAME, failure(r.lookup("x".repeat(64) + ".test", RecordType.A)).reason());
    assertEquals(0, server.queries());
  }

  @Test
  void closingFailsTheLookupsInFlight() throws Exception {
    server.delay(Duration.ofMillis(500));
    DnsResolver r = resolver(settings(server).withTimeout(Duration.ofSeconds(2)));
    Future<DnsAnswer> pending = r.lookup("sip.example.test", RecordType.A);
    await(r.close());
    assertEquals(Reason.CLOSED, failure(pending).reason());
    assertEquals(Reason.CLOSED, failure(r.lookup("sip.example.test", RecordType.A)).reason());
  }

  @Test
  void answersFromElsewhereWithAnotherIdOrQuestionAreIgnored() throws Exception {
    try (DatagramSocket fake = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      fake.setSoTimeout(5000);
      InetSocketAddress fakeAddress = new InetSocketAddress(ip("127.0.0.1"), fake.getLocalPort());
      DnsResolver r = resolver(DnsSettings.of(List.of(fakeAddress)).withTimeout(Duration.ofSeconds(3)));
      Future<DnsAnswer> answer = r.lookup("sip.example.test", RecordType.A);

      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      fake.receive(p);
      DnsMessage query = ((DnsDecoded.Message) DnsMessage.decode(
          Arrays.copyOf(p.getData(), p.getLength()))).message();
      SocketAddress resolverAddress = p.getSocketAddress();
      DnsMessage.Flags ok = query.flags().answer(false, false, DnsMessage.NOERROR);
      List<DnsQuestion> other = List.of(new DnsQuestion("evil.example.test", RecordType.A));
      DnsMessage fromStranger = new DnsMessage(query.id(), ok, query.questions(),
          List.of(a("sip.example.test", 60, "203.0.113.1")), List.of(), List.of());
      DnsMessage otherId = new DnsMessage(query.id() ^ 1, ok, query.questions(),
          List.of(a("sip.example.test", 60, "203.0.113.2")), List.of(), List.of());
      DnsMessage otherQuestion = new DnsMessage(query.id(), ok, other,
          List.of(a("sip.example.test", 60, "203.0.113.3")), List.of(), List.of());
      DnsMessage right = new DnsMessage(query.id(), ok, query.questions(),
          List.of(a("sip.example.test", 60, "192.0.2.1")), List.of(), List.of());
      send(stranger, fromStranger, resolverAddress);
      send(fake, otherId, resolverAddress);
      send(fake, otherQuestion, resolverAddress);
      send(fake, right, resolverAddress);
      assertEquals(List.of(a("sip.example.test", 60, "192.0.2.1")), await(answer).records());
    }
  }

  @Test
  void futuresCompleteOnTheCallersContext() throws Exception {
    server.add(a("sip.example.test", 60, "192.0.2.1"));
    DnsResolver r = resolver(settings(server));
    // contexts are spread over the event loops: some share the resolver's thread, some do not
    for (int i = 0; i < 2 * VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE; i++) {
      Context caller = vertx.getOrCreateContext();
      CompletableFuture<Boolean> onCaller = new CompletableFuture<>();
      caller.runOnContext(v -> r.lookup("sip.example.test", RecordType.A)
          .onComplete(ar -> onCaller.complete(ar.succeeded() && Vertx.currentContext() == caller)));
      assertTrue(onCaller.get(5, TimeUnit.SECONDS), "context " + i);
    }
  }

  @Test
  void resolvConfGivesServersAndOptions() {
    DnsSettings s = DnsSettings.fromResolvConf("""
        # generated
        search example.test
        nameserver 192.0.2.53
        nameserver 2001:db8::53
        nameserver not-an-ip
        options ndots:2 timeout:3 attempts:4
        """);
    assertEquals(List.of(new InetSocketAddress(ip("192.0.2.53"), 53),
        new InetSocketAddress(ip("2001:db8::53"), 53)), s.servers());
    assertEquals(Duration.ofSeconds(3), s.timeout());
    assertEquals(4, s.attempts());
    assertEquals(List.of(DnsSettings.LOCAL_SERVER), DnsSettings.fromResolvConf("").servers());
    assertEquals("127.0.0.1", DnsSettings.LOCAL_SERVER.getAddress().getHostAddress());
  }

  @Test
  void serversAreIpLiteralsWithAnOptionalPort() {
    assertEquals(new InetSocketAddress(ip("192.0.2.1"), 5353), DnsSettings.server("192.0.2.1:5353").orNull());
    assertEquals(new InetSocketAddress(ip("192.0.2.1"), 53), DnsSettings.server("192.0.2.1").orNull());
    assertEquals(new InetSocketAddress(ip("::1"), 5353), DnsSettings.server("[::1]:5353").orNull());
    assertEquals(new InetSocketAddress(ip("::1"), 53), DnsSettings.server("::1").orNull());
    assertTrue(DnsSettings.server("dns.example.test").reason().contains("IP address"));
    assertTrue(DnsSettings.server("192.0.2.1:99999").reason().contains("port"));
  }

  private static void send(DatagramSocket from, DnsMessage m, SocketAddress to) throws Exception {
    byte[] b = m.encode().getBytes();
    from.send(new DatagramPacket(b, b.length, to));
  }

  private DnsResolver resolver(DnsSettings settings) throws Exception {
    return await(DnsResolver.create(vertx, settings, now::get));
  }

  private static DnsSettings settings(TestDnsServer s) {
    return DnsSettings.of(List.of(s.address())).withTimeout(TIMEOUT).withAttempts(2);
  }

  static ARecord a(String name, long ttl, String ip) {
    return new ARecord(name, ttl, ip(ip));
  }

  static CnameRecord cname(String name, long ttl, String target) {
    return new CnameRecord(name, ttl, target);
  }

  static InetAddress ip(String literal) {
    return DnsSettings.literal(literal);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static DnsException failure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      return assertInstanceOf(DnsException.class, e.getCause());
    }
    throw new AssertionError("expected a failure");
  }
}
