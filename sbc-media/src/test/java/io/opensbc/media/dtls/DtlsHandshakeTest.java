package io.opensbc.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.control.DtlsParameters;
import io.opensbc.media.control.DtlsRole;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Our client against our server through two queued transports wired back to back (no sockets),
 * profile negotiation, and garbage fed to a handshake: it fails with an IOException, never a
 * runtime exception, and within its timeout.
 */
class DtlsHandshakeTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final DtlsIdentity client = DtlsIdentity.generate(RANDOM);
  private final DtlsIdentity server = DtlsIdentity.generate(RANDOM);

  @Test
  void clientAndServerAgreeOnKeysAndTheFirstCommonProfile() throws Exception {
    DtlsHandshake.Result[] r = run(List.of("AES_CM_128_HMAC_SHA1_32", "AEAD_AES_256_GCM"),
        List.of("AEAD_AES_256_GCM", "AES_CM_128_HMAC_SHA1_32"));
    assertEquals("AES_CM_128_HMAC_SHA1_32", r[0].keys().profile().sdesName(), "the server's first choice the client offered");
    assertEquals(r[0].keys().local(), r[1].keys().remote());
    assertEquals(r[0].keys().remote(), r[1].keys().local());
  }

  @Test
  void noCommonProfileFailsBothEnds() {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> run(List.of("AES_CM_128_HMAC_SHA1_80"), List.of("AEAD_AES_128_GCM")));
    assertTrue(e.getCause() instanceof IOException, e.getCause().toString());
  }

  @Test
  void garbageRecordsEndTheHandshakeWithAnIoExceptionOnly() throws Exception {
    Random random = new Random(3);
    for (int round = 0; round < 10; round++) {
      QueuedDatagramTransport t = new QueuedDatagramTransport(64, d -> { });
      for (int i = 0; i < 40; i++) {
        byte[] junk = new byte[1 + random.nextInt(200)];
        random.nextBytes(junk);
        junk[0] = (byte) (20 + random.nextInt(44)); // looks like DTLS to the demux
        if (junk.length > 2 && i % 2 == 0) {
          junk[1] = (byte) 0xfe; // DTLS 1.x version bytes, to get past the record header
          junk[2] = (byte) 0xfd;
        }
        t.offer(junk);
      }
      DtlsParameters p = new DtlsParameters(round % 2 == 0 ? DtlsRole.SERVER : DtlsRole.CLIENT, "sha-256",
          new byte[32], List.of());
      long start = System.nanoTime();
      assertThrows(IOException.class, () -> DtlsHandshake.run(server, p, t, Duration.ofMillis(300), RANDOM));
      assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
  }

  /** [server result, client result] of one handshake over two wired queues. */
  private DtlsHandshake.Result[] run(List<String> serverProfiles, List<String> clientProfiles) throws Exception {
    AtomicReference<QueuedDatagramTransport> toClient = new AtomicReference<>();
    AtomicReference<QueuedDatagramTransport> toServer = new AtomicReference<>();
    QueuedDatagramTransport serverSide = new QueuedDatagramTransport(64, d -> toClient.get().offer(d));
    QueuedDatagramTransport clientSide = new QueuedDatagramTransport(64, d -> toServer.get().offer(d));
    toClient.set(clientSide);
    toServer.set(serverSide);
    CompletableFuture<DtlsHandshake.Result> s = CompletableFuture.supplyAsync(() -> handshake(server,
        new DtlsParameters(DtlsRole.SERVER, "sha-256", fingerprint(client), serverProfiles), serverSide));
    CompletableFuture<DtlsHandshake.Result> c = CompletableFuture.supplyAsync(() -> handshake(client,
        new DtlsParameters(DtlsRole.CLIENT, "sha-256", fingerprint(server), clientProfiles), clientSide));
    try {
      return new DtlsHandshake.Result[] {s.get(10, TimeUnit.SECONDS), c.get(10, TimeUnit.SECONDS)};
    } catch (ExecutionException e) {
      serverSide.close();
      clientSide.close();
      throw new ExecutionException(e.getCause().getCause());
    }
  }

  private static DtlsHandshake.Result handshake(DtlsIdentity id, DtlsParameters p, QueuedDatagramTransport t) {
    try {
      return DtlsHandshake.run(id, p, t, Duration.ofSeconds(3), RANDOM);
    } catch (IOException e) {
      t.close();
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] fingerprint(DtlsIdentity id) {
    return CertificateFingerprint.digest("sha-256", id.certificateDer());
  }
}
