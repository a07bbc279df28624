package io.opensbc.media.relay;

import static io.opensbc.media.relay.UdpPeer.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.control.DtlsEstablished;
import io.opensbc.media.control.DtlsParameters;
import io.opensbc.media.control.DtlsRole;
import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaException;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.control.RemoteEndpoint;
import io.opensbc.media.dtls.CertificateFingerprint;
import io.opensbc.media.srtp.SdesKeys;
import io.opensbc.media.srtp.SrtpContext;
import io.opensbc.media.srtp.SrtpProfile;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.DatagramPacket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DTLS-SRTP on a relay leg against a real Bouncy Castle DTLS peer over loopback UDP: the handshake
 * in both roles, the fingerprint check, media blocked until keys exist, then SRTP on the DTLS leg
 * and plain RTP on the other, byte for byte.
 */
class RelayDtlsTest extends RelayHarness {

  @Test
  void relayAsServerTurnsThePeersSrtpIntoPlainRtpAndBack() throws Exception {
    UdpPeer alice = peer();
    try (BcDtlsPeer bob = new BcDtlsPeer(SrtpProfile.AES_CM_128_HMAC_SHA1_80.dtlsProfileId())) {
      MediaSessionHandle h = session("dtls-server", alice, bob.port());
      Future<DtlsEstablished> relay = control.dtls(h, Leg.B,
          new DtlsParameters(DtlsRole.SERVER, "sha-256", bob.fingerprint(), List.of()));

      // before the keys exist, plain media towards the DTLS leg is dropped, not sent in clear
      stats(h, Leg.B); // runs on the shard after the DTLS start
      alice.send(rtp(0, 1, 0xA11CE), h.a().rtpPort());
      await(() -> stats(h, Leg.B).drops().transform() >= 1);

      bob.connect(h.b().rtpPort());
      DtlsEstablished done = sync(relay);
      assertEquals(new DtlsEstablished(DtlsRole.SERVER, "AES_CM_128_HMAC_SHA1_80", done.handshakeMillis()), done);
      assertEquals(control.dtlsFingerprint(), "sha-256 "
          + CertificateFingerprint.hex(CertificateFingerprint.digest("sha-256", bob.relayCertificate)),
          "the relay presents the certificate whose fingerprint goes into our SDP");

      exchange(alice, h, bob, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
      assertEquals(0, control.dtlsHandshakes() > 0 ? waitIdle() : 0);
    }
  }

  @Test
  void theSameParametersKeepTheAssociationAndStopDtlsMakesTheLegPlainAgain() throws Exception {
    UdpPeer alice = peer();
    try (BcDtlsPeer bob = new BcDtlsPeer(SrtpProfile.AES_CM_128_HMAC_SHA1_80.dtlsProfileId())) {
      MediaSessionHandle h = session("dtls-reinvite", alice, bob.port());
      DtlsParameters p = new DtlsParameters(DtlsRole.SERVER, "sha-256", bob.fingerprint(), List.of());
      Future<DtlsEstablished> relay = control.dtls(h, Leg.B, p);
      bob.connect(h.b().rtpPort());
      DtlsEstablished first = sync(relay);
      // a re-INVITE repeating the SDP: the same association, no new handshake
      assertEquals(first, sync(control.dtls(h, Leg.B, p)));
      exchange(alice, h, bob, SrtpProfile.AES_CM_128_HMAC_SHA1_80);

      sync(control.stopDtls(h, Leg.B));
      byte[] plain = rtp(0, 500, 0xB0B);
      bob.socket.send(new DatagramPacket(plain, plain.length));
      assertArrayEquals(plain, alice.receive(), "plain RTP once DTLS is stopped");
      byte[] back = rtp(0, 501, 0xA11CE);
      alice.send(back, h.a().rtpPort());
      assertArrayEquals(back, receiveRtp(bob));

      // DTLS again with the same parameters is a new association: blocked until it completes
      Future<DtlsEstablished> again = control.dtls(h, Leg.B, p);
      stats(h, Leg.B);
      long dropped = stats(h, Leg.B).drops().transform();
      alice.send(rtp(0, 502, 0xA11CE), h.a().rtpPort());
      await(() -> stats(h, Leg.B).drops().transform() == dropped + 1);
      sync(control.release(h));
      assertEquals(MediaException.Reason.DTLS_FAILED, failure(again).reason());
    }
  }

  @Test
  void relayAsClientWithGcm() throws Exception {
    UdpPeer alice = peer();
    try (BcDtlsPeer bob = new BcDtlsPeer(SrtpProfile.AEAD_AES_128_GCM.dtlsProfileId())) {
      MediaSessionHandle h = session("dtls-client", alice, bob.port());
      CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
        try {
          bob.accept(h.b().rtpPort());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      DtlsEstablished done = sync(control.dtls(h, Leg.B,
          new DtlsParameters(DtlsRole.CLIENT, "SHA-256", bob.fingerprint(), List.of())));
      accepted.get(5, TimeUnit.SECONDS);
      assertEquals(DtlsRole.CLIENT, done.role());
      assertEquals("AEAD_AES_128_GCM", done.srtpProfile());
      exchange(alice, h, bob, SrtpProfile.AEAD_AES_128_GCM);
    }
  }

  @Test
  void aCertificateThatIsNotTheOneInTheSdpFailsTheHandshakeAndMediaStaysBlocked() throws Exception {
    UdpPeer alice = peer();
    try (BcDtlsPeer bob = new BcDtlsPeer(SrtpProfile.AES_CM_128_HMAC_SHA1_80.dtlsProfileId())) {
      MediaSessionHandle h = session("dtls-mitm", alice, bob.port());
      byte[] other = bob.fingerprint();
      other[0] ^= 1;
      Future<DtlsEstablished> relay = control.dtls(h, Leg.B,
          new DtlsParameters(DtlsRole.SERVER, "sha-256", other, List.of()));
      assertThrows(IOException.class, () -> bob.connect(h.b().rtpPort()));
      assertEquals(MediaException.Reason.DTLS_FAILED, failure(relay).reason());
      long before = stats(h, Leg.B).drops().transform();
      alice.send(rtp(0, 1, 0xA11CE), h.a().rtpPort());
      await(() -> stats(h, Leg.B).drops().transform() == before + 1);
      assertEquals(0, stats(h, Leg.B).sent().packets(), "nothing left towards the peer in clear");
    }
  }

  @Test
  void aSilentPeerTimesTheHandshakeOut() throws Exception {
    RelayControl quick = deploy(config(), DtlsSettings.DEFAULT.withHandshakeTimeout(Duration.ofMillis(800)));
    UdpPeer alice = peer();
    UdpPeer silent = peer();
    MediaSessionHandle h = sync(quick.allocate("dtls-timeout"));
    sync(quick.updateRemote(h, Leg.A, RemoteEndpoint.of("127.0.0.1", alice.port(), alice.port() + 1)));
    sync(quick.updateRemote(h, Leg.B, RemoteEndpoint.mux("127.0.0.1", silent.port())));
    long start = System.nanoTime();
    Future<DtlsEstablished> f = quick.dtls(h, Leg.B,
        new DtlsParameters(DtlsRole.CLIENT, "sha-256", new byte[32], List.of()));
    byte[] hello = silent.receive();
    assertTrue(hello[0] == 22, "a DTLS handshake record (ClientHello) reaches the peer");
    assertEquals(MediaException.Reason.DTLS_FAILED, failure(f).reason());
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= 700 && ms < 4_000, "gave up after the handshake timeout: " + ms + " ms");
    await(() -> quick.dtlsHandshakes() == 0);
  }

  @Test
  void hostileDtlsAndStunNeverBreakTheLeg() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    UdpPeer attacker = peer();
    MediaSessionHandle h = call("dtls-fuzz", alice, bob);
    sync(control.iceLite(h, Leg.B, "relayU", "relayPasswordOf22Chars"));
    Future<DtlsEstablished> f = control.dtls(h, Leg.B,
        new DtlsParameters(DtlsRole.SERVER, "sha-256", new byte[32], List.of()));
    bob.send(rtp(0, 1, 0xB0B), h.b().rtpPort()); // latches bob (then dropped: no keys yet)
    await(() -> stats(h, Leg.B).rtpLatched());
    Random random = new Random(7);
    for (int i = 0; i < 3_000; i++) {
      byte[] junk = new byte[random.nextInt(300)];
      random.nextBytes(junk);
      if (junk.length > 0) {
        junk[0] = (byte) (i % 3 == 0 ? random.nextInt(4) : i % 3 == 1 ? 20 + random.nextInt(44) : random.nextInt(256));
      }
      (i % 2 == 0 ? bob : attacker).send(junk, h.b().rtpPort());
    }
    // the leg is still alive: plain A -> B still forwards once B is plain again
    await(() -> stats(h, Leg.B).drops().malformed() + stats(h, Leg.B).drops().foreignSource() > 0);
    sync(control.setTransform(h, Leg.B, io.opensbc.media.control.Direction.OUTBOUND,
        io.opensbc.media.control.PacketTransform.IDENTITY));
    byte[] p = rtp(0, 9, 0xA11CE);
    alice.send(p, h.a().rtpPort());
    byte[] got = receiveRtp(bob);
    assertArrayEquals(p, got);
    sync(control.release(h));
    assertEquals(MediaException.Reason.DTLS_FAILED, failure(f).reason());
  }

  // ---------------------------------------------------------------- helpers

  private MediaSessionHandle session(String ref, UdpPeer alice, int bobPort) throws Exception {
    MediaSessionHandle h = sync(control.allocate(ref));
    sync(control.updateRemote(h, Leg.A, RemoteEndpoint.of("127.0.0.1", alice.port(), alice.port() + 1)));
    sync(control.updateRemote(h, Leg.B, RemoteEndpoint.mux("127.0.0.1", bobPort)));
    return h;
  }

  /** 50 SRTP packets from the DTLS peer arrive plain at alice; 50 plain ones reach it as SRTP. */
  private void exchange(UdpPeer alice, MediaSessionHandle h, BcDtlsPeer bob, SrtpProfile profile) throws Exception {
    SdesKeys[] keys = bob.keys();
    SrtpContext protect = keys[0].newContext(128);
    SrtpContext unprotect = keys[1].newContext(128);
    Random random = new Random(1);
    for (int seq = 1; seq <= 50; seq++) {
      byte[] payload = new byte[20 + random.nextInt(300)];
      random.nextBytes(payload);
      byte[] plain = rtp(0, seq, 0xB0B, payload);
      byte[] buf = Arrays.copyOf(plain, plain.length + 64);
      int n = protect.protect(buf, 0, plain.length);
      bob.socket.send(new DatagramPacket(buf, n));
      assertArrayEquals(plain, alice.receive(), "packet " + seq + " decrypted on the plain leg");
    }
    for (int seq = 1; seq <= 50; seq++) {
      byte[] plain = rtp(0, seq, 0xA11CE);
      alice.send(plain, h.a().rtpPort());
      byte[] got = receiveRtp(bob);
      assertNotEquals(Arrays.toString(plain), Arrays.toString(Arrays.copyOf(got, plain.length)), "encrypted");
      int n = unprotect.unprotect(got, 0, got.length);
      assertEquals(plain.length, n, "SRTP from the relay authenticates with the peer's view of the keys");
      assertArrayEquals(plain, Arrays.copyOf(got, n));
    }
  }

  /** The next RTP packet on bob's socket (skipping DTLS retransmissions). */
  private static byte[] receiveRtp(Object peer) throws IOException {
    for (int i = 0; i < 20; i++) {
      byte[] got;
      if (peer instanceof BcDtlsPeer b) {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        b.socket.setSoTimeout(2_000);
        b.socket.receive(p);
        got = Arrays.copyOf(buf, p.getLength());
      } else {
        got = ((UdpPeer) peer).receive();
      }
      if ((got[0] & 0xff) >= 128) {
        return got;
      }
    }
    throw new AssertionError("no RTP");
  }

  private int waitIdle() throws Exception {
    await(() -> control.dtlsHandshakes() == 0);
    return 0;
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void await(Check c) throws Exception {
    long end = System.nanoTime() + 5_000_000_000L;
    while (!c.ok()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(20);
    }
  }
}
