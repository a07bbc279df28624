package io.opensbc.sip.b2bua;

import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.routing.Router;
import io.opensbc.sip.transaction.TransactionLayer;
import io.opensbc.sip.transaction.VertxTimers;
import io.opensbc.sip.transaction.fsm.TimerConfig;
import io.opensbc.sip.transport.SipSender;
import io.opensbc.sip.transport.Source;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.opensbc.sip.rules.RuleBook;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One shard of the dialog state: a transaction layer and a B2BUA core on one event loop, owning
 * the calls whose Call-IDs map to it. Messages reach it from the transports through
 * {@link SipStack}, always on its own context.
 */
public final class ShardVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ShardVerticle.class.getName());

  private final B2buaSettings settings;
  private final SipSender sender;
  private final Router router;
  private final CallLogStore store;
  private final CallStats stats;
  private final BooleanSupplier draining;
  private final TimerConfig timerConfig;
  private final Supplier<RuleBook> rules;
  private final io.opensbc.sip.routing.Dispatcher dispatcher;
  private final io.opensbc.config.model.admission.AdmissionConfig admissionConfig;
  private final io.opensbc.sip.admission.TrunkAdmission trunkAdmission;
  private AdmissionControl admission;
  private volatile Context shardContext;
  private TransactionLayer layer;
  private B2bua b2bua;

  public ShardVerticle(B2buaSettings settings, TimerConfig timerConfig, SipSender sender, Router router,
      CallLogStore store, CallStats stats, BooleanSupplier draining, Supplier<RuleBook> rules,
      io.opensbc.sip.routing.Dispatcher dispatcher, io.opensbc.config.model.admission.AdmissionConfig admissionConfig,
      io.opensbc.sip.admission.TrunkAdmission trunkAdmission) {
    this.rules = rules;
    this.dispatcher = dispatcher;
    this.admissionConfig = admissionConfig;
    this.trunkAdmission = trunkAdmission;
    this.settings = settings;
    this.timerConfig = timerConfig;
    this.sender = sender;
    this.router = router;
    this.store = store;
    this.stats = stats;
    this.draining = draining;
  }

  @Override
  public Future<?> start() {
    shardContext = context;
    // a call holds a few transactions at a time; the rest of the budget absorbs OPTIONS and strays
    int maxTransactions = (int) Math.min(Integer.MAX_VALUE, 4L * settings.maxCalls() + 1000);
    layer = new TransactionLayer(sender, new VertxTimers(context), timerConfig, maxTransactions,
        settings.retryAfterSeconds());
    admission = new AdmissionControl(admissionConfig, trunkAdmission, context);
    b2bua = new B2bua(layer, sender, router, store, settings, stats, draining, rules, dispatcher, admission);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (admission != null) {
      admission.stop();
    }
    return Future.succeededFuture();
  }

  /** Hands a message to this shard; runs it at once when already on the shard's thread. */
  void deliver(SipMessage m, Source source) {
    Context c = shardContext;
    if (c == null) {
      return;
    }
    if (Context.isOnEventLoopThread() && io.vertx.core.Vertx.currentContext() == c) {
      handle(m, source);
    } else {
      c.runOnContext(v -> handle(m, source));
    }
  }

  private void handle(SipMessage m, Source source) {
    try {
      if (m instanceof SipRequest r) {
        if (isNew(r) && !admitted(r, source)) {
          return;
        }
        layer.onRequest(r, source);
      } else {
        layer.onResponse((SipResponse) m, source);
      }
    } catch (RuntimeException e) {
      // one bad message must not take the shard (and its calls) down; it is logged with its Call-ID
      LOG.log(Level.WARNING, "callId=" + m.callId() + ": message dropped after an internal error", e);
    }
  }

  /** An out-of-dialog request that would start something (not ACK/CANCEL, no To tag). */
  private static boolean isNew(SipRequest r) {
    if (r.isAck() || r.isCancel()) {
      return false;
    }
    var to = r.to();
    return to == null || to.tag() == null;
  }

  /**
   * The checks that cost no transaction state, before the transaction layer sees the request:
   * scanners are dropped silently; sources that are not trunks are held to their token bucket.
   */
  private boolean admitted(SipRequest r, Source source) {
    if (admission.scanners.isScanner(r)) {
      stats.scannerDropped();
      return false;
    }
    if (router.sourceTrunk(source.listener(), source.host(), source.port()) != null) {
      return true;
    }
    switch (admission.sources.admit(source.host(), System.nanoTime())) {
      case DROP -> {
        stats.rateLimited();
        return false;
      }
      case REJECT_503 -> {
        stats.rateLimited();
        layer.respondStateless(r, source, 503, "Service Unavailable (rate limit)");
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  public int calls() {
    B2bua b = b2bua;
    return b == null ? 0 : b.callCount();
  }
}
