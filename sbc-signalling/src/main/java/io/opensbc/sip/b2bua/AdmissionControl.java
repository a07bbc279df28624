package io.opensbc.sip.b2bua;

import io.opensbc.config.model.admission.AdmissionConfig;
import io.opensbc.sip.admission.FinalResponseCache;
import io.opensbc.sip.admission.LagMonitor;
import io.opensbc.sip.admission.RetryDamper;
import io.opensbc.sip.admission.TrunkAdmission;
import io.vertx.core.Context;
import java.time.Duration;

/**
 * The flood-control pieces one shard uses (docs/flood-control.md): its own retry damper,
 * final-response cache and event-loop lag monitor, and the node's per-trunk limits (shared by the
 * shards). The scanner filter and per-source limits run earlier, on the listeners' threads
 * ({@link SipStack}).
 */
final class AdmissionControl {
  final RetryDamper damper;
  final FinalResponseCache responses;
  final TrunkAdmission trunks;
  private final LagMonitor lag;
  /** How long datagrams wait in the UDP sockets before they are read, ms (node-wide). */
  private final java.util.function.LongSupplier receiveDelay;
  private final long maxLagMillis;

  AdmissionControl(AdmissionConfig c, TrunkAdmission trunks, Context context) {
    this(c, trunks, context, () -> 0);
  }

  AdmissionControl(AdmissionConfig c, TrunkAdmission trunks, Context context,
      java.util.function.LongSupplier receiveDelay) {
    this.receiveDelay = receiveDelay;
    this.damper = new RetryDamper(c.retryDamping());
    this.responses = new FinalResponseCache(c.finalResponseCache());
    this.trunks = trunks;
    Duration maxLag = c.maxEventLoopLag() == null ? Duration.ofMillis(100) : c.maxEventLoopLag();
    this.maxLagMillis = maxLag.toMillis();
    this.lag = context == null ? null : LagMonitor.start(context, maxLag);
  }

  /**
   * New calls are refused: the shard's event loop runs its timers late, or requests wait in the
   * UDP sockets longer than the same limit ({@code admission.max-event-loop-lag}; 0 disables both).
   */
  boolean overloaded() {
    return lag != null && (lag.overloaded() || maxLagMillis > 0 && receiveDelay.getAsLong() > maxLagMillis);
  }

  long lagMillis() {
    return lag == null ? 0 : lag.lagMillis();
  }

  void stop() {
    if (lag != null) {
      lag.stop();
    }
  }
}
