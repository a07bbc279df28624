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
  private final io.opensbc.media.control.MediaControl mediaControl;
  private final io.opensbc.config.model.media.MediaConfig mediaConfig;
  private final CallWatch watch;
  private AdmissionControl admission;
  private volatile Context shardContext;
  private TransactionLayer layer;
  private B2bua b2bua;
  private io.opensbc.sip.security.Registrar registrar;
  /** How long datagrams wait in the node's UDP sockets, ms (set before deployment). */
  private java.util.function.LongSupplier receiveDelay = () -> 0;

  public ShardVerticle(B2buaSettings settings, TimerConfig timerConfig, SipSender sender, Router router,
      CallLogStore store, CallStats stats, BooleanSupplier draining, Supplier<RuleBook> rules,
      io.opensbc.sip.routing.Dispatcher dispatcher, io.opensbc.config.model.admission.AdmissionConfig admissionConfig,
      io.opensbc.sip.admission.TrunkAdmission trunkAdmission, io.opensbc.media.control.MediaControl mediaControl,
      io.opensbc.config.model.media.MediaConfig mediaConfig) {
    this(settings, timerConfig, sender, router, store, stats, draining, rules, dispatcher, admissionConfig,
        trunkAdmission, mediaControl, mediaConfig, CallWatch.none());
  }

  public ShardVerticle(B2buaSettings settings, TimerConfig timerConfig, SipSender sender, Router router,
      CallLogStore store, CallStats stats, BooleanSupplier draining, Supplier<RuleBook> rules,
      io.opensbc.sip.routing.Dispatcher dispatcher, io.opensbc.config.model.admission.AdmissionConfig admissionConfig,
      io.opensbc.sip.admission.TrunkAdmission trunkAdmission, io.opensbc.media.control.MediaControl mediaControl,
      io.opensbc.config.model.media.MediaConfig mediaConfig, CallWatch watch) {
    this.watch = watch;
    this.mediaControl = mediaControl;
    this.mediaConfig = mediaConfig;
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
    admission = new AdmissionControl(admissionConfig, trunkAdmission, context, receiveDelay);
    b2bua = new B2bua(layer, sender, router, store, settings, stats, draining, rules, dispatcher, admission,
        new MediaAnchoring(mediaControl, mediaConfig, sender, router), watch);
    b2bua.registrar(registrar);
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
        layer.onRequest(r, source);
      } else {
        layer.onResponse((SipResponse) m, source);
      }
    } catch (RuntimeException e) {
      // one bad message must not take the shard (and its calls) down; it is logged with its Call-ID
      LOG.log(Level.WARNING, "callId=" + m.callId() + ": message dropped after an internal error", e);
    }
  }

  /** Answers a request access control refuses with a stateless 403 (never an ACK). */
  void rejectForbidden(SipRequest r, Source source) {
    Context c = shardContext;
    if (c != null && !r.isAck()) {
      c.runOnContext(v -> layer.rejectStateless(r, source, 403, "Forbidden"));
    }
  }

  /** The registrar the B2BUA hands REGISTER and phone calls to (null: none); set before deployment. */
  /** Where the shard reads how long datagrams wait in the node's UDP sockets; before deployment. */
  void receiveDelay(java.util.function.LongSupplier millis) {
    this.receiveDelay = millis;
  }

  void registrar(io.opensbc.sip.security.Registrar r) {
    this.registrar = r;
  }

  /** Answers a request over its source's rate limit with a stateless 503 + Retry-After. */
  void rejectOverRate(SipRequest r, Source source) {
    Context c = shardContext;
    if (c != null) {
      c.runOnContext(v -> layer.shedStateless(r, source, "rate limit"));
    }
  }

  /**
   * Sends an OPTIONS keep-alive (RFC 3261 §11) from this shard to {@code host:port} over the
   * listener and completes with the final response; a transport error or Timer F fails it. The
   * prober applies its own shorter timeout.
   */
  public Future<SipResponse> options(String listener, io.opensbc.config.model.Transport transport, String host,
      int port) {
    return options(listener, transport, host, port, null, null);
  }

  /**
   * The same towards one of {@code trunk}'s targets: the trunk's FQDN in Via, From and Contact,
   * its product header, and for TLS the peer's name ({@code peer}: SNI and certificate check).
   */
  public Future<SipResponse> options(String listener, io.opensbc.config.model.Transport transport, String host,
      int port, io.opensbc.config.model.TrunkConfig trunk, io.opensbc.sip.transport.Destination.PeerName peer) {
    Context c = shardContext;
    if (c == null) {
      return Future.failedFuture(new IllegalStateException("shard not started"));
    }
    io.vertx.core.Promise<SipResponse> done = io.vertx.core.Promise.promise();
    c.runOnContext(v -> {
      var bound = sender.address(listener);
      var l = bound == null || trunk == null ? bound : bound.as(trunk.signalling().fqdn());
      if (l == null) {
        done.tryFail(new IllegalStateException("no listener " + listener));
        return;
      }
      // the target's name when it has one (a TLS peer's server name), else its address
      String named = peer != null && peer.serverName() != null ? peer.serverName() : host;
      String hp = named.indexOf(':') >= 0 ? "[" + named + "]:" + port : named + ":" + port;
      var headers = io.opensbc.sip.message.Headers.builder()
          .add(io.opensbc.sip.message.HeaderNames.VIA, LegMessages.via(l, Ids.branch()))
          .add(io.opensbc.sip.message.HeaderNames.MAX_FORWARDS, "70")
          .add(io.opensbc.sip.message.HeaderNames.FROM, "<sip:opensbc@" + l.hostPort() + ">;tag=" + Ids.tag())
          .add(io.opensbc.sip.message.HeaderNames.TO, "<sip:" + hp + ">")
          .add(io.opensbc.sip.message.HeaderNames.CALL_ID, Ids.callId(settings.shard()))
          .add(io.opensbc.sip.message.HeaderNames.CSEQ, "1 OPTIONS")
          .add(io.opensbc.sip.message.HeaderNames.CONTACT, LegMessages.contact(l))
          .add(io.opensbc.sip.message.HeaderNames.ALLOW, RequestScreen.ALLOW)
          .add("Accept", "application/sdp");
      if (trunk != null && trunk.signalling().sbcHeader() != null) {
        headers.add(trunk.signalling().sbcHeader(), Product.NAME_VERSION);
      }
      SipRequest req = new SipRequest(SipRequest.OPTIONS, "sip:" + hp + l.uriTransport(), headers.build(), null);
      layer.send(req, io.opensbc.sip.transport.Destination.of(listener, transport, host, port).withPeer(peer),
          new io.opensbc.sip.transaction.ClientTransactionUser() {
            @Override
            public void onResponse(io.opensbc.sip.transaction.ClientTransaction tx, SipResponse r) {
              if (r.isFinal()) {
                done.tryComplete(r);
              }
            }

            @Override
            public void onTimeout(io.opensbc.sip.transaction.ClientTransaction tx) {
              done.tryFail(new java.util.concurrent.TimeoutException("Timer F"));
            }

            @Override
            public void onTransportError(io.opensbc.sip.transaction.ClientTransaction tx) {
              done.tryFail(new java.io.IOException("transport error"));
            }
          });
    });
    return done.future();
  }

  /** Takes over an established call from its log, on this shard's thread ({@link B2bua#adopt}). */
  public Future<Boolean> adopt(java.util.List<io.opensbc.sip.dialog.CallEvent> log, String previousOwner, long epoch) {
    Context c = shardContext;
    if (c == null) {
      return Future.succeededFuture(false);
    }
    io.vertx.core.Promise<Boolean> p = io.vertx.core.Promise.promise();
    c.runOnContext(v -> p.complete(b2bua.adopt(log, previousOwner, epoch)));
    return p.future();
  }

  /** Lets go of a call another node owns ({@link B2bua#forget}), on this shard's thread. */
  public Future<Boolean> forget(String callRef) {
    Context c = shardContext;
    if (c == null) {
      return Future.succeededFuture(false);
    }
    io.vertx.core.Promise<Boolean> p = io.vertx.core.Promise.promise();
    c.runOnContext(v -> p.complete(b2bua.forget(callRef)));
    return p.future();
  }

  /** This shard's context (null before it started). */
  public Context context() {
    return shardContext;
  }

  /** A copy of the event logs of this shard's calls in progress, taken on the shard's thread. */
  public Future<java.util.List<java.util.List<io.opensbc.sip.dialog.CallEvent>>> liveCalls() {
    Context c = shardContext;
    if (c == null) {
      return Future.succeededFuture(java.util.List.of());
    }
    io.vertx.core.Promise<java.util.List<java.util.List<io.opensbc.sip.dialog.CallEvent>>> p =
        io.vertx.core.Promise.promise();
    c.runOnContext(v -> {
      B2bua b = b2bua;
      p.complete(b == null ? java.util.List.of() : b.liveCalls());
    });
    return p.future();
  }

  /** This shard's event-loop lag (moving average, ms). */
  public long lagMillis() {
    AdmissionControl a = admission;
    return a == null ? 0 : a.lagMillis();
  }

  public int calls() {
    B2bua b = b2bua;
    return b == null ? 0 : b.callCount();
  }
}
