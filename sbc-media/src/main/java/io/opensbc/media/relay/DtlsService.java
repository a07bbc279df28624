package io.opensbc.media.relay;

import io.opensbc.media.dtls.DtlsIdentity;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every shard's DTLS legs share on a node: the node's certificate, the worker pool the
 * blocking handshakes run on, and the count of handshakes in progress (bounded).
 */
final class DtlsService {
  final DtlsIdentity identity;
  final DtlsSettings settings;
  final WorkerExecutor worker;
  final SecureRandom random = new SecureRandom();
  private final AtomicInteger running = new AtomicInteger();

  DtlsService(Vertx vertx, DtlsIdentity identity, DtlsSettings settings, String name) {
    this.identity = identity;
    this.settings = settings;
    long maxSeconds = settings.handshakeTimeout().plus(settings.linger()).toSeconds() + 5;
    this.worker = vertx.createSharedWorkerExecutor(name, settings.workers(), maxSeconds, TimeUnit.SECONDS);
  }

  /** Takes a handshake slot; false when {@code maxHandshakes} are running. */
  boolean acquire() {
    if (running.incrementAndGet() > settings.maxHandshakes()) {
      running.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    running.decrementAndGet();
  }

  int running() {
    return running.get();
  }
}
