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

  AdmissionControl(AdmissionConfig c, TrunkAdmission trunks, Context context) {
    this.damper = new RetryDamper(c.retryDamping());
    this.responses = new FinalResponseCache(c.finalResponseCache());
    this.trunks = trunks;
    Duration maxLag = c.maxEventLoopLag() == null ? Duration.ofMillis(100) : c.maxEventLoopLag();
    this.lag = context == null ? null : LagMonitor.start(context, maxLag);
  }

  boolean overloaded() {
    return lag != null && lag.overloaded();
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
