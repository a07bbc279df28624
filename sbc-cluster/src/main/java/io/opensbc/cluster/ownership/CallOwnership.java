package io.opensbc.cluster.ownership;

import io.opensbc.cluster.store.HazelcastCallLogStore;
import io.opensbc.sip.b2bua.CallSteering;
import io.opensbc.sip.b2bua.Ids;
import io.opensbc.sip.b2bua.SipStack;
import io.opensbc.sip.dialog.CallEventCodec;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.codec.SizeLimits;
import io.opensbc.sip.transport.Source;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.opensbc.sip.dialog.CallEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Steers each received message of one of our calls to the node that owns it (docs/cluster.md):
 * the owner named on the wire when it is a member, else the holder of the call's claim, else this
 * node, which claims the call (fenced, {@link CallOwners}) and adopts it by folding its log before
 * handing it the message. Messages for another node cross the clustered event bus to
 * {@value #ADDRESS}{@code <node>}. Messages of calls this node owns take no lookup at all.
 */
public final class CallOwnership implements CallSteering {
  public static final String ADDRESS = "sbc.cluster.sip.";
  /** After a failure, how long calls without media wait for their adoption behind those with. */
  static final long QUIET_CALLS_AFTER_MILLIS = 300;
  private static final Logger LOG = Logger.getLogger(CallOwnership.class.getName());

  private final Vertx vertx;
  private final String me;
  private final NodeDirectory nodes;
  private final CallOwners owners;
  private final HazelcastCallLogStore logs;
  private final SizeLimits limits;
  private volatile SipStack stack;
  /** Calls being adopted here: their messages wait for the adoption. */
  private final Map<String, Future<Boolean>> adopting = new ConcurrentHashMap<>();
  /** Calls taken over by this node and not ended yet (their Call-IDs name another node). */
  private final Set<String> adopted = ConcurrentHashMap.newKeySet();
  private final LongAdder forwarded = new LongAdder();
  private final LongAdder adoptions = new LongAdder();
  private final LongAdder forgotten = new LongAdder();
  private final AtomicLong firstAdoptedMessageAt = new AtomicLong();

  public CallOwnership(Vertx vertx, String me, NodeDirectory nodes, CallOwners owners, HazelcastCallLogStore logs,
      SizeLimits limits) {
    this.vertx = vertx;
    this.me = me;
    this.nodes = nodes;
    this.owners = owners;
    this.logs = logs;
    this.limits = limits;
  }

  /** Starts taking messages other nodes forward to this one; completes once registered cluster-wide. */
  public Future<Void> start(SipStack stack) {
    this.stack = stack;
    MessageConsumer<Buffer> c = vertx.eventBus().consumer(ADDRESS + me, msg -> received(msg.body()));
    return c.completion();
  }

  @Override
  public boolean steer(SipMessage m, Source s) {
    String ref = CallSteering.callRefOf(m);
    if (ref == null || stack == null) {
      return false;
    }
    if (adopted.contains(ref)) {
      servedAdopted();
      return false;
    }
    Future<Boolean> pending = adopting.get(ref);
    if (pending != null) {
      pending.onComplete(x -> deliverHere(ref, m, s));
      return true;
    }
    String wire = Ids.nodeOf(ref);
    if (me.equals(wire)) {
      return false;
    }
    if (nodes.alive(wire)) {
      forward(wire, m, s);
      return true;
    }
    if (!nodes.gone(wire)) {
      return false; // a node this one has not heard of: never take its calls (answered here, 481)
    }
    owners.current(ref).onComplete(ar -> {
      Claim c = ar.succeeded() ? ar.result() : null;
      if (ar.failed() || c != null && me.equals(c.node())) {
        deliverHere(ref, m, s);
      } else if (c != null && !nodes.gone(c.node())) {
        forward(c.node(), m, s);
      } else {
        adopt(ref, c == null ? new Claim(wire, 0) : c).onComplete(done -> afterAdoption(ref, m, s));
      }
    });
    return true;
  }

  /** After an adoption attempt: handle here when this node won, else pass to whoever did. */
  private void afterAdoption(String ref, SipMessage m, Source s) {
    if (adopted.contains(ref)) {
      deliverHere(ref, m, s);
      return;
    }
    owners.current(ref).onComplete(ar -> {
      Claim c = ar.succeeded() ? ar.result() : null;
      if (c != null && !me.equals(c.node()) && nodes.alive(c.node())) {
        forward(c.node(), m, s);
      } else {
        deliverHere(ref, m, s); // nobody carries the call: answered here (481)
      }
    });
  }

  /**
   * Takes over the calls among {@code refs} whose owner is {@code dead} (the failover sweep over
   * the logs this member's partitions hold): the logs are read in one batch, and the calls whose
   * relay had media are claimed and adopted first, the others {@link #QUIET_CALLS_AFTER_MILLIS}
   * later, so RTP resumes first where it was flowing.
   */
  public void adoptAll(Collection<String> refs, String dead) {
    Set<String> candidates = new java.util.HashSet<>();
    for (String ref : refs) {
      if (Ids.nodeOf(ref) != null && !adopted.contains(ref) && !adopting.containsKey(ref)) {
        candidates.add(ref);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    logs.getAll(candidates).onSuccess(found -> {
      List<String> quiet = new ArrayList<>();
      for (Map.Entry<String, byte[]> e : found.entrySet()) {
        if (hadMedia(e.getValue())) {
          adoptIfOwnedBy(e.getKey(), dead);
        } else {
          quiet.add(e.getKey());
        }
      }
      if (!quiet.isEmpty()) {
        vertx.setTimer(QUIET_CALLS_AFTER_MILLIS, t -> quiet.forEach(ref -> adoptIfOwnedBy(ref, dead)));
      }
    }).onFailure(err -> LOG.warning("node=" + dead + ": reading its calls' logs failed: " + err));
  }

  private static boolean hadMedia(byte[] log) {
    return CallEventCodec.decode(log).stream().anyMatch(e -> e instanceof CallEvent.MediaPeerLatched);
  }

  private void adoptIfOwnedBy(String ref, String dead) {
    owners.current(ref).onSuccess(c -> {
      Claim owner = c == null ? new Claim(Ids.nodeOf(ref), 0) : c;
      if (owner.node().equals(dead)) {
        adopt(ref, owner);
      }
    });
  }

  /**
   * Claims a call whose owner was {@code expected} and adopts it from its log; completes with
   * whether this node now carries it. Concurrent attempts for one call share one adoption.
   */
  public Future<Boolean> adopt(String ref, Claim expected) {
    return adopting.computeIfAbsent(ref, r -> {
      Promise<Boolean> p = Promise.promise();
      owners.claim(r, expected, me).compose(epoch -> epoch < 0 ? Future.succeededFuture(false)
          : logs.get(r).compose(bytes -> bytes == null ? Future.succeededFuture(false)
              : stack.adopt(r, CallEventCodec.decode(bytes), expected.node(), epoch)))
          .onComplete(ar -> {
            if (ar.succeeded() && ar.result()) {
              adopted.add(r);
              adoptions.increment();
              LOG.info(() -> "callId=" + r + " node=" + me + ": adopted from " + expected.node());
            } else if (ar.failed()) {
              LOG.warning("callId=" + r + ": adoption failed: " + ar.cause());
            }
            adopting.remove(r);
            p.handle(ar);
          });
      return p.future();
    });
  }

  /**
   * Lets go of every call here whose owner is another node now (after a network partition healed,
   * both sides may have adopted the same call; the merged claims decide, docs/cluster.md "Split
   * brain"). Completes with the number of calls let go.
   */
  public Future<Integer> reconcile() {
    return stack.liveCalls().compose(logs -> {
      List<Future<Boolean>> all = new ArrayList<>();
      for (List<CallEvent> log : logs) {
        if (!log.isEmpty() && log.get(0) instanceof CallEvent.CallOffered o) {
          all.add(letGoIfOwnedElsewhere(o.callRef()));
        }
      }
      return Future.join(all).map(cf -> (int) all.stream().filter(f -> f.succeeded() && f.result()).count());
    });
  }

  private Future<Boolean> letGoIfOwnedElsewhere(String ref) {
    return owners.current(ref).compose(c -> {
      String owner = c == null ? Ids.nodeOf(ref) : c.node();
      if (owner == null || owner.equals(me)) {
        return Future.succeededFuture(false);
      }
      adopted.remove(ref);
      return stack.forget(ref).onSuccess(gone -> {
        if (gone) {
          forgotten.increment();
          LOG.warning("callId=" + ref + " node=" + me + ": let go, " + owner + " owns it");
        }
      });
    });
  }

  /** Calls this node let go because another node owned them (since start). */
  public long forgotten() {
    return forgotten.sum();
  }

  /** A call ended: it is no longer carried here. */
  public void ended(String ref) {
    if (ref != null) {
      adopted.remove(ref);
    }
  }

  /** Calls this node took over so far (since start). */
  public long adoptions() {
    return adoptions.sum();
  }

  /** Messages this node passed to another one. */
  public long forwarded() {
    return forwarded.sum();
  }

  /** When this node first handled a message of a call it adopted (epoch ms, 0: never). */
  public long firstAdoptedMessageAt() {
    return firstAdoptedMessageAt.get();
  }

  private void forward(String node, SipMessage m, Source s) {
    forwarded.increment();
    vertx.eventBus().send(ADDRESS + node, new ForwardedMessage(m, s).encode());
  }

  private void received(Buffer b) {
    ForwardedMessage f = ForwardedMessage.decode(b, limits);
    if (f == null) {
      return;
    }
    String ref = CallSteering.callRefOf(f.message());
    Future<Boolean> pending = ref == null ? null : adopting.get(ref);
    Source local = local(f.source());
    if (pending != null) {
      pending.onComplete(x -> deliverHere(ref, f.message(), local));
    } else {
      deliverHere(ref, f.message(), local);
    }
  }

  private void deliverHere(String ref, SipMessage m, Source s) {
    if (ref != null && adopted.contains(ref)) {
      servedAdopted();
    }
    stack.deliver(m, s);
  }

  private void servedAdopted() {
    long now = System.currentTimeMillis();
    if (firstAdoptedMessageAt.compareAndSet(0, now)) {
      LOG.info("node=" + me + ": first message of an adopted call served at " + now);
    }
  }

  /** A source as this node sees it: its own listener of that name, else its first of that transport. */
  private Source local(Source s) {
    if (stack.transports().address(s.listener()) != null) {
      return s;
    }
    String l = stack.transports().firstListener(s.transport());
    return new Source(l == null ? s.listener() : l, s.transport(), s.host(), s.port(), 0);
  }
}
