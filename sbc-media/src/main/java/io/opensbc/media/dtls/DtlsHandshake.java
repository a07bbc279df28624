package io.opensbc.media.dtls;

import io.opensbc.media.control.DtlsParameters;
import io.opensbc.media.control.DtlsRole;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One DTLS-SRTP handshake, run to completion on the calling thread, which must be a worker: it
 * blocks in {@link QueuedDatagramTransport#receive} between flights. Bouncy Castle retransmits
 * flights and gives up after the handshake timeout; a certificate that does not match the SDP
 * fingerprint, no common SRTP profile or a fatal alert fail it with an {@link IOException}.
 */
public final class DtlsHandshake {
  /** The outcome: the SRTP keys, and the association (for {@link #linger}). */
  public record Result(DtlsSrtpKeys keys, DTLSTransport transport) {}

  private DtlsHandshake() {}

  /** Runs the handshake as {@code parameters.role()} over {@code transport}. Blocking. */
  public static Result run(DtlsIdentity identity, DtlsParameters parameters, QueuedDatagramTransport transport,
      Duration timeout, SecureRandom random) throws IOException {
    BcTlsCrypto crypto = new BcTlsCrypto(random);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    if (parameters.role() == DtlsRole.CLIENT) {
      DtlsSrtpClient client = new DtlsSrtpClient(crypto, identity, parameters, millis);
      DTLSTransport t = new DTLSClientProtocol().connect(client, transport);
      return new Result(client.keys(), t);
    }
    DtlsSrtpServer server = new DtlsSrtpServer(crypto, identity, parameters, millis);
    DTLSTransport t = new DTLSServerProtocol().accept(server, transport);
    return new Result(server.keys(), t);
  }

  /**
   * After the handshake, keeps reading the association so that a peer that lost our last flight
   * and retransmits its own gets ours again (RFC 6347 §4.2.4), until {@code confirmed} (the peer
   * sent media under the new keys, so it has everything), the transport closes, or {@code max}
   * passes. Blocking; never throws.
   */
  public static void linger(DTLSTransport association, BooleanSupplier confirmed, Duration max) {
    long end = System.nanoTime() + max.toNanos();
    byte[] buf = new byte[QueuedDatagramTransport.RECEIVE_LIMIT];
    try {
      while (!confirmed.getAsBoolean() && System.nanoTime() - end < 0) {
        association.receive(buf, 0, buf.length, 50); // application data is not expected; ignored
      }
    } catch (IOException | RuntimeException e) {
      // closed, or the peer sent an alert: nothing left to answer
    }
  }
}
