package io.opensbc.sip.b2bua;

import io.opensbc.config.model.admission.AdmissionConfig;
import io.opensbc.sip.admission.FinalResponseCache;
import io.opensbc.sip.admission.LagMonitor;
import io.opensbc.sip.admission.RetryDamper;
import io.opensbc.sip.admission.ScannerFilter;
import io.opensbc.sip.admission.SourceLimiter;
import io.opensbc.sip.admission.TrunkAdmission;
import io.vertx.core.Context;
import java.time.Duration;

/**
 * The flood-control pieces one shard uses (docs/flood-control.md): its own per-source limiter,
 * retry damper, final-response cache and event-loop lag monitor, the node's scanner filter and
 * per-trunk limits (shared by the shards).
 */
final class AdmissionControl {
  final ScannerFilter scanners;
  final SourceLimiter sources;
  final RetryDamper damper;
  final FinalResponseCache responses;
  final TrunkAdmission trunks;
  private final LagMonitor lag;

  AdmissionControl(AdmissionConfig c, TrunkAdmission trunks, Context context) {
    this.scanners = new ScannerFilter(c.scannerUserAgents());
    this.sources = new SourceLimiter(c.unknownSources());
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
