package io.opensbc.sip.transport.tls;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.sip.b2bua.CallLogStore;
import io.opensbc.sip.b2bua.SipStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS listener with a real handshake from a JDK TLS client: a certificate replaced on disk is
 * used for new connections without a restart while an established connection keeps working; bad
 * certificates are refused with the file and the problem; a trunk whose FQDN is not in the
 * certificate stops the start.
 */
class TlsTransportTest {
  @TempDir Path dir;
  private Vertx vertx;

  private static final CallLogStore NO_STORE = new CallLogStore() {
    @Override
    public Future<Void> put(String callRef, long version, byte[] log) {
      return Future.succeededFuture();
    }

    @Override
    public Future<byte[]> get(String callRef) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> remove(String callRef, long version) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Set<String>> callRefs() {
      return Future.succeededFuture(Set.of());
    }
  };

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private SbcConfig config(String trunkFqdn) {
    String yaml = """
        admin: {enabled: false}
        listeners:
          - name: tls
            transport: tls
            host: 127.0.0.1
            port: 0
            tls: {certificate: %s, key: %s, reload-interval: 1s}
        trunks:
          - {name: teams, template: teams, fqdn: %s, health: {enabled: false}}
        routes:
          - {name: all, match: {}, trunk: teams}
        """.formatted(dir.resolve("cert.pem"), dir.resolve("key.pem"), trunkFqdn);
    ConfigResult r = ConfigLoader.parse(yaml, "tls.yaml");
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    return ((ConfigResult.Valid) r).config();
  }

  private SipStack start(SbcConfig config) throws Exception {
    vertx = Vertx.vertx();
    SipStack stack = new SipStack();
    stack.start(vertx, config, NO_STORE).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    return stack;
  }

  @Test
  void aReplacedCertificateIsUsedForNewConnectionsWhileTheOpenOneGoesOn() throws Exception {
    LabCertificate first = LabCertificate.create("sbc.lab.test", Duration.ofDays(30));
    first.write(dir);
    SipStack stack = start(config("sbc.lab.test"));
    int port = stack.transports().address("tls").port();

    try (SSLSocket held = connect(port)) {
      assertEquals(first.certificate().getSerialNumber(), serial(held));
      assertTrue(ask(held, "held-1").startsWith("SIP/2.0 200"), "OPTIONS over TLS is answered");

      LabCertificate second = LabCertificate.create("sbc.lab.test", Duration.ofDays(60));
      replace(second);
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
        try (SSLSocket fresh = connect(port)) {
          return serial(fresh).equals(second.certificate().getSerialNumber());
        }
      });
      assertEquals(second.certificate().getSerialNumber(),
          stack.transports().tls("tls").credentials().leaf().getSerialNumber());

      // the connection made before the swap is still up, still on the first certificate
      assertEquals(first.certificate().getSerialNumber(), serial(held));
      assertTrue(ask(held, "held-2").startsWith("SIP/2.0 200"), "the held connection still carries SIP");
    }
  }

  @Test
  void aBrokenReplacementIsRefusedAndTheCurrentCertificateStays() throws Exception {
    LabCertificate good = LabCertificate.create("sbc.lab.test", Duration.ofDays(30));
    good.write(dir);
    SipStack stack = start(config("sbc.lab.test"));
    int port = stack.transports().address("tls").port();
    Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
    Files.setLastModifiedTime(dir.resolve("cert.pem"), FileTime.from(Instant.now().plusSeconds(5)));
    Thread.sleep(2500); // two reload checks
    try (SSLSocket s = connect(port)) {
      assertEquals(good.certificate().getSerialNumber(), serial(s));
      assertTrue(ask(s, "after-bad").startsWith("SIP/2.0 200"));
    }
  }

  @Test
  void badCertificatesAreRefusedWithTheFileAndTheProblem() throws Exception {
    LabCertificate expired = LabCertificate.create("sbc.lab.test", Instant.now().minus(Duration.ofDays(10)),
        Duration.ofDays(1));
    Path e = dir.resolve("expired");
    expired.write(e);
    CertificateProblem p = assertThrows(CertificateProblem.class, () -> CredentialsLoader.load(
        e.resolve("cert.pem").toString(), e.resolve("key.pem").toString(), null, new Date()));
    assertTrue(p.getMessage().startsWith(e.resolve("cert.pem") + ": the certificate ")
        && p.getMessage().contains("CN=sbc.lab.test expired on"), p.getMessage());

    LabCertificate a = LabCertificate.create("a.lab.test", Duration.ofDays(1));
    LabCertificate b = LabCertificate.create("b.lab.test", Duration.ofDays(1));
    Path mixed = dir.resolve("mixed");
    a.write(mixed);
    Files.writeString(mixed.resolve("key.pem"), b.keyPem());
    p = assertThrows(CertificateProblem.class, () -> CredentialsLoader.load(
        mixed.resolve("cert.pem").toString(), mixed.resolve("key.pem").toString(), null, new Date()));
    assertTrue(p.getMessage().contains("key.pem: the private key does not belong to the certificate"),
        p.getMessage());

    p = assertThrows(CertificateProblem.class, () -> CredentialsLoader.load(
        dir.resolve("missing.pem").toString(), dir.resolve("missing.key").toString(), null, new Date()));
    assertTrue(p.getMessage().contains("missing.pem: cannot read the file"), p.getMessage());
  }

  @Test
  void aTeamsTrunkWhoseFqdnIsNotInTheCertificateStopsTheStart() throws Exception {
    LabCertificate.create("sbc.lab.test", Duration.ofDays(30)).write(dir);
    ExecutionException failed = assertThrows(ExecutionException.class, () -> start(config("other.lab.test")));
    String why = failed.getCause().getMessage();
    assertTrue(why.contains("trunk 'teams': fqdn other.lab.test is not in the certificate's SAN")
        && why.contains("names: sbc.lab.test"), why);
  }

  @Test
  void outboundTlsChecksThatThePeersCertificateCoversTheServerName() throws Exception {
    LabCertificate own = LabCertificate.create("sbc.lab.test", Duration.ofDays(30));
    own.write(dir);
    LabCertificate peer = LabCertificate.create("peer.lab.test", Duration.ofDays(30));
    Path peerDir = dir.resolve("peer");
    peer.write(peerDir);
    int peerPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      peerPort = free.getLocalPort();
    }
    String health = "{enabled: true, interval: 2s, timeout: 1500ms, failures-to-down: 1, successes-to-up: 1}";
    String yaml = """
        admin: {enabled: false}
        listeners:
          - name: tls
            transport: tls
            host: 127.0.0.1
            port: 0
            tls: {certificate: %1$s/cert.pem, key: %1$s/key.pem}
          - name: peer
            transport: tls
            host: 127.0.0.1
            port: %3$d
            tls: {certificate: %2$s/cert.pem, key: %2$s/key.pem}
        trunks:
          - {name: right, host: 127.0.0.1, port: %3$d, transport: tls, listener: tls,
             tls: {ca: %2$s/cert.pem, server-name: peer.lab.test}, health: %4$s}
          - {name: wrong, host: 127.0.0.1, port: %3$d, transport: tls, listener: tls,
             tls: {ca: %2$s/cert.pem, server-name: other.lab.test}, health: %4$s}
          - {name: untrusted, host: 127.0.0.1, port: %3$d, transport: tls, listener: tls,
             tls: {ca: %1$s/cert.pem, server-name: peer.lab.test}, health: %4$s}
        routes:
          - {name: all, match: {}, trunk: right}
        # the node probes its own second listener: the trunks and that listener share 127.0.0.1
        security: {trunk-listener-binding: false}
        """.formatted(dir, peerDir, peerPort, health);
    ConfigResult r = ConfigLoader.parse(yaml, "tls-out.yaml");
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    SipStack stack = start(((ConfigResult.Valid) r).config());
    var target = (java.util.function.Function<String, io.opensbc.sip.routing.health.TargetId>) trunk ->
        new io.opensbc.sip.routing.health.TargetId(trunk, "127.0.0.1", peerPort,
            io.opensbc.sip.routing.dns.SipTransport.TLS);
    var up = io.opensbc.sip.routing.health.TargetState.UP;
    var down = io.opensbc.sip.routing.health.TargetState.DOWN;
    var h = stack.health();
    // the right name and CA: the OPTIONS gets through (UP); a wrong name or an unknown CA: no
    // connection, so every probe fails (DOWN). Generous time: the first handshakes of a JVM are slow.
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
      var right = h.current(target.apply("right"));
      return right != null && right.state() == up;
    });
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
      var wrong = h.current(target.apply("wrong"));
      var untrusted = h.current(target.apply("untrusted"));
      return wrong != null && wrong.state() == down && untrusted != null && untrusted.state() == down;
    });
  }

  @Test
  void aPkcs12FileWithItsPasswordIsReadAndAWrongPasswordNamed() throws Exception {
    LabCertificate c = LabCertificate.create("sbc.lab.test", Duration.ofDays(30));
    String base64 = c.keyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(base64)));
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("sbc", key, "secret".toCharArray(), new java.security.cert.Certificate[] {c.certificate()});
    Path p12 = dir.resolve("sbc.p12");
    try (var out = Files.newOutputStream(p12)) {
      ks.store(out, "secret".toCharArray());
    }
    Credentials read = CredentialsLoader.load(p12.toString(), null, "secret", new Date());
    assertEquals(c.certificate().getSerialNumber(), read.leaf().getSerialNumber());
    CertificateProblem p = assertThrows(CertificateProblem.class,
        () -> CredentialsLoader.load(p12.toString(), null, "wrong", new Date()));
    assertTrue(p.getMessage().startsWith(p12 + ": cannot open the PKCS#12 file"), p.getMessage());
  }

  @Test
  void wildcardSansCoverOneLabel() {
    assertTrue(SubjectNames.matches("*.lab.test", "sbc.lab.test"));
    assertTrue(SubjectNames.matches("SBC.lab.test", "sbc.LAB.test."));
    assertTrue(!SubjectNames.matches("*.lab.test", "a.sbc.lab.test"));
    assertTrue(!SubjectNames.matches("*.lab.test", "lab.test"));
  }

  /** Writes the new files beside the old and moves them in, then makes their times distinct. */
  private void replace(LabCertificate c) throws IOException {
    Path tmp = dir.resolve("next");
    c.write(tmp);
    Files.move(tmp.resolve("key.pem"), dir.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp.resolve("cert.pem"), dir.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
    FileTime later = FileTime.from(Instant.now().plusSeconds(3));
    Files.setLastModifiedTime(dir.resolve("cert.pem"), later);
    Files.setLastModifiedTime(dir.resolve("key.pem"), later);
  }

  private static SSLSocket connect(int port) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    s.setSoTimeout(10_000); // the first handshake of a JVM loads the TLS stack on both sides
    s.startHandshake();
    s.setSoTimeout(3000);
    String protocol = s.getSession().getProtocol();
    assertTrue(protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2"), protocol);
    return s;
  }

  private static BigInteger serial(SSLSocket s) throws Exception {
    return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
  }

  /** Sends an OPTIONS and returns what came back (the response's first line first). */
  private static String ask(SSLSocket s, String callId) throws IOException {
    String req = "OPTIONS sip:sbc.lab.test SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-" + callId
        + "\r\nMax-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:sbc.lab.test>\r\nCall-ID: " + callId
        + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    StringBuilder sb = new StringBuilder();
    byte[] buf = new byte[4096];
    while (sb.indexOf("Call-ID: " + callId) < 0 || sb.indexOf("\r\n\r\n") < 0) {
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        break;
      }
      if (n < 0) {
        break;
      }
      sb.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
    }
    return sb.toString();
  }

  /** The client accepts the lab certificate: what is under test is which one the server shows. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
