package io.opensbc.sip.routing.dns;

import io.opensbc.sip.routing.dns.DnsDecoded.Malformed;
import io.opensbc.sip.routing.dns.DnsException.Reason;
import io.opensbc.sip.routing.dns.DnsRecord.SoaRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A stub resolver (RFC 1034 §5.3.1) for A, AAAA, CNAME, SRV and NAPTR over one UDP socket, with a
 * cache. Create it with {@link #create}; ask with {@link #lookup}; {@link #close} it when done.
 *
 * <p><b>Threading.</b> Everything runs on the event loop of the Vert.x context that called {@code
 * create} (a new event-loop context when called from outside Vert.x); calls from other threads hop
 * there, and their futures complete on the caller's context. Nothing blocks.
 *
 * <p><b>Queries.</b> Each query gets a random 16-bit ID; an answer is taken only from a server the
 * query was sent to, with that ID and the same question. A try that is not answered within {@link
 * DnsSettings#timeout()}, or is answered with SERVFAIL, REFUSED, NOTIMP, FORMERR or garbage, is
 * followed by a try to the next server, for at most {@code attempts * servers} tries. An answer with
 * TC set is asked again over TCP (RFC 7766), with the same timeout. Identical lookups in flight
 * share one query; beyond {@link DnsSettings#maxOutstanding()} queries a lookup fails at once with
 * {@link Reason#OVERLOADED}.
 *
 * <p><b>Answers.</b> CNAME chains in the answer are followed, and an alias left unresolved is asked
 * for (at most {@value #MAX_CNAME_CHAIN} aliases). NXDOMAIN and NODATA are answers, not failures
 * (RFC 2308): they are cached for the SOA's {@code min(TTL, MINIMUM)}, or for the minimum TTL when
 * the server sent no SOA. Positive answers are cached for their smallest TTL. All TTLs are held
 * within {@link DnsSettings#minTtl()} and {@link DnsSettings#maxTtl()}, measured with the given
 * clock. Records in the additional section are not used (they would need bailiwick checks).
 */
public final class DnsResolver {
  private static final Logger LOG = Logger.getLogger(DnsResolver.class.getName());
  /** Most aliases followed for one lookup. */
  public static final int MAX_CNAME_CHAIN = 8;

  private final Vertx vertx;
  private final ContextInternal context;
  private final DnsSettings settings;
  private final DnsCache cache;
  private final DatagramSocket socket;
  private final SecureRandom ids = new SecureRandom();
  private final Map<Integer, Exchange> pending = new HashMap<>();
  private final Map<String, Future<DnsAnswer>> inFlight = new HashMap<>();
  private NetClient tcp;
  private boolean closed;

  /** One query on the wire: its UDP tries over the servers, and perhaps one over TCP. */
  private static final class Exchange {
    final int id;
    final DnsQuestion question;
    final Buffer bytes;
    final Promise<DnsMessage> promise;
    final Set<InetSocketAddress> asked = new HashSet<>();
    int tries;
    long timer = -1;
    NetSocket tcpSocket;
    boolean overTcp;

    Exchange(int id, DnsQuestion question, Buffer bytes, Promise<DnsMessage> promise) {
      this.id = id;
      this.question = question;
      this.bytes = bytes;
      this.promise = promise;
    }
  }

  private DnsResolver(Vertx vertx, ContextInternal context, DnsSettings settings, LongSupplier clock,
      DatagramSocket socket) {
    this.vertx = vertx;
    this.context = context;
    this.settings = settings;
    this.cache = new DnsCache(settings.maxCacheEntries(), settings.minTtl(), settings.maxTtl(), clock);
    this.socket = socket;
    socket.handler(this::onDatagram);
    socket.exceptionHandler(e -> LOG.log(Level.FINE, "dns socket: " + e));
  }

  /**
   * A resolver bound to the calling context (or a new event-loop context), with its UDP socket
   * bound to an ephemeral port on the wildcard address.
   *
   * @param clock milliseconds, for cache expiry only (e.g. {@code System::currentTimeMillis})
   */
  public static Future<DnsResolver> create(Vertx vertx, DnsSettings settings, LongSupplier clock) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    boolean v6 = settings.servers().stream().anyMatch(s -> s.getAddress() instanceof Inet6Address);
    Promise<DnsResolver> created = context.promise();
    context.runOnContext(v -> {
      DatagramSocket s = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(v6));
      s.listen(0, v6 ? "::" : "0.0.0.0")
          .map(bound -> new DnsResolver(vertx, context, settings, clock, bound))
          .onComplete(created);
    });
    return created.future();
  }

  /**
   * The records of {@code type} for {@code name} (a trailing dot is allowed), from the cache or
   * the servers. Fails with a {@link DnsException}: BAD_NAME, TIMEOUT, SERVER_FAILURE, OVERLOADED,
   * CNAME_CHAIN or CLOSED.
   */
  public Future<DnsAnswer> lookup(String name, RecordType type) {
    return onContext(() -> lookup(name, type, 0));
  }

  public DnsSettings settings() {
    return settings;
  }

  /** Fails the lookups in flight with CLOSED and closes the sockets. */
  public Future<Void> close() {
    return onContext(() -> {
      closed = true;
      for (Exchange x : new ArrayList<>(pending.values())) {
        finish(x, null, new DnsException(x.question, Reason.CLOSED, "resolver closed"));
      }
      Future<Void> done = socket.close();
      return tcp == null ? done : done.compose(v -> tcp.close());
    });
  }

  /** Queries in flight (for tests and metrics). */
  int outstanding() {
    return pending.size();
  }

  /**
   * Runs {@code work} on the resolver's context; the result completes on the caller's context (the
   * resolver's when the caller is not on one).
   */
  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    ContextInternal caller = (ContextInternal) Vertx.currentContext();
    if (caller == context) {
      return work.get();
    }
    Promise<T> result = (caller != null ? caller : context).promise();
    if (context.inThread()) {
      // another context on the same event loop: run now, but as the resolver's context
      context.emit(v -> work.get().onComplete(result));
    } else {
      context.runOnContext(v -> work.get().onComplete(result));
    }
    return result.future();
  }

  private Future<DnsAnswer> lookup(String name, RecordType type, int depth) {
    DnsQuestion q = new DnsQuestion(name == null ? "" : DnsNames.stripDot(name), type);
    if (closed) {
      return context.failedFuture(new DnsException(q, Reason.CLOSED, "resolver closed"));
    }
    String bad = DnsNames.check(name);
    if (bad != null) {
      return context.failedFuture(new DnsException(q, Reason.BAD_NAME, bad));
    }
    DnsAnswer hit = cache.get(q);
    if (hit != null) {
      return context.succeededFuture(hit);
    }
    if (depth > 0) {
      // not shared: a CNAME loop across two lookups would otherwise wait on itself
      return exchange(q).compose(m -> interpret(q, m, depth));
    }
    String key = q.key();
    Future<DnsAnswer> running = inFlight.get(key);
    if (running != null) {
      return running;
    }
    Future<DnsAnswer> f = exchange(q).compose(m -> interpret(q, m, depth));
    inFlight.put(key, f);
    f.onComplete(ar -> inFlight.remove(key, f));
    return f;
  }

  /** The answer a response gives to {@code q}, cached; may ask for the end of a CNAME chain. */
  private Future<DnsAnswer> interpret(DnsQuestion q, DnsMessage m, int depth) {
    CnameChain chain = CnameChain.follow(q, m.answers());
    if (chain.loop() || depth + chain.aliases() > MAX_CNAME_CHAIN) {
      return context.failedFuture(new DnsException(q, Reason.CNAME_CHAIN,
          "CNAME chain for " + q.name() + " loops or is longer than " + MAX_CNAME_CHAIN));
    }
    if (!chain.records().isEmpty()) {
      return context.succeededFuture(cache.put(
          new DnsAnswer(q, DnsAnswer.Status.ANSWER, chain.records(), seconds(chain.ttl()))));
    }
    SoaRecord soa = null;
    for (DnsRecord r : m.authorities()) {
      if (r instanceof SoaRecord s) {
        soa = s;
        break;
      }
    }
    boolean nxdomain = m.flags().rcode() == DnsMessage.NXDOMAIN;
    if (!nxdomain && soa == null && chain.aliases() > 0) {
      // RFC 1034 §5.3.3: the chain ends at an alias the server did not resolve; ask for it
      return lookup(chain.target(), q.type(), depth + chain.aliases()).map(inner -> cache.put(
          new DnsAnswer(q, inner.status(), inner.records(),
              min(inner.ttl(), seconds(chain.ttl())))));
    }
    // RFC 2308 §5: a negative answer lives for min(SOA TTL, SOA MINIMUM)
    long negative = soa == null ? 0 : Math.min(soa.ttl(), soa.minimum());
    DnsAnswer.Status status = nxdomain ? DnsAnswer.Status.NXDOMAIN : DnsAnswer.Status.NODATA;
    return context.succeededFuture(cache.put(
        new DnsAnswer(q, status, List.of(), seconds(Math.min(negative, chain.ttl())))));
  }

  private Future<DnsMessage> exchange(DnsQuestion q) {
    if (pending.size() >= settings.maxOutstanding()) {
      return context.failedFuture(new DnsException(q, Reason.OVERLOADED,
          settings.maxOutstanding() + " DNS queries already in flight"));
    }
    int id;
    do {
      id = ids.nextInt(0x10000);
    } while (pending.containsKey(id));
    Buffer bytes = DnsMessage.query(id, q.name(), q.type()).encode();
    Exchange x = new Exchange(id, q, bytes, context.promise());
    pending.put(id, x);
    sendUdp(x);
    return x.promise.future();
  }

  private void sendUdp(Exchange x) {
    List<InetSocketAddress> servers = settings.servers();
    InetSocketAddress server = servers.get(x.tries % servers.size());
    x.tries++;
    x.asked.add(server);
    socket.send(x.bytes.copy(), server.getPort(), server.getAddress().getHostAddress())
        .onFailure(e -> LOG.log(Level.FINE, "dns send to " + server + ": " + e));
    x.timer = context.setTimer(settings.timeout().toMillis(), t -> {
      if (pending.get(x.id) == x) {
        nextTry(x, Reason.TIMEOUT, "no answer from " + server + " within " + settings.timeout());
      }
    });
  }

  /** The next try, or the end of the query when the tries are used up. */
  private void nextTry(Exchange x, Reason reason, String problem) {
    cancelTimer(x);
    closeTcp(x);
    if (x.tries >= settings.attempts() * settings.servers().size()) {
      finish(x, null, new DnsException(x.question, reason,
          x.question.type() + " " + x.question.name() + ": " + problem + " (after " + x.tries
              + " tries)"));
    } else {
      sendUdp(x);
    }
  }

  private void finish(Exchange x, DnsMessage answer, DnsException failure) {
    cancelTimer(x);
    closeTcp(x);
    pending.remove(x.id, x);
    if (failure != null) {
      x.promise.tryFail(failure);
    } else {
      x.promise.tryComplete(answer);
    }
  }

  private void onDatagram(DatagramPacket packet) {
    InetSocketAddress from = address(packet.sender());
    DnsDecoded d = DnsMessage.decode(packet.data());
    int id = d instanceof DnsDecoded.Message m ? m.message().id() : ((Malformed) d).id();
    Exchange x = pending.get(id);
    if (x == null || x.overTcp || from == null || !x.asked.contains(from)) {
      LOG.log(Level.FINE, "dns: dropped an unexpected datagram from " + packet.sender());
      return;
    }
    onResponse(x, d, from, false);
  }

  private void onResponse(Exchange x, DnsDecoded d, InetSocketAddress from, boolean overTcp) {
    if (!overTcp && x.overTcp) {
      return; // a late UDP answer (to a retransmission) after a truncated one sent us to TCP
    }
    if (d instanceof Malformed bad) {
      nextTry(x, Reason.SERVER_FAILURE, "malformed answer from " + from + ": " + bad.reason());
      return;
    }
    DnsMessage m = ((DnsDecoded.Message) d).message();
    int rcode = m.flags().rcode();
    boolean sameQuestion = m.questions().size() == 1 && m.questions().get(0).matches(x.question);
    if (m.id() != x.id || !m.flags().response()
        || !(sameQuestion || rcode != DnsMessage.NOERROR && m.questions().isEmpty())) {
      LOG.log(Level.FINE, "dns: answer from " + from + " does not match " + x.question);
      if (overTcp) {
        nextTry(x, Reason.SERVER_FAILURE, "TCP answer from " + from + " does not match the query");
      }
      return;
    }
    if (m.flags().truncated() && !overTcp) {
      retryOverTcp(x, from);
    } else if (rcode == DnsMessage.NOERROR || rcode == DnsMessage.NXDOMAIN) {
      finish(x, m, null);
    } else {
      nextTry(x, Reason.SERVER_FAILURE, DnsMessage.rcodeName(rcode) + " from " + from);
    }
  }

  /** RFC 7766 §5: the answer was truncated, so ask the same server over TCP. */
  private void retryOverTcp(Exchange x, InetSocketAddress server) {
    cancelTimer(x);
    x.overTcp = true;
    if (tcp == null) {
      tcp = vertx.createNetClient(
          new NetClientOptions().setConnectTimeout((int) settings.timeout().toMillis()));
    }
    tcp.connect(server.getPort(), server.getAddress().getHostAddress()).onComplete(ar -> {
      if (pending.get(x.id) != x || !x.overTcp) {
        if (ar.succeeded()) {
          ar.result().close();
        }
        return;
      }
      if (ar.failed()) {
        nextTry(x, Reason.SERVER_FAILURE, "TCP to " + server + ": " + ar.cause().getMessage());
        return;
      }
      NetSocket s = ar.result();
      x.tcpSocket = s;
      Buffer received = Buffer.buffer();
      s.handler(chunk -> {
        if (pending.get(x.id) != x || x.tcpSocket != s) {
          return;
        }
        received.appendBuffer(chunk);
        if (received.length() >= 2 && received.length() >= 2 + received.getUnsignedShort(0)) {
          Buffer body = received.getBuffer(2, 2 + received.getUnsignedShort(0));
          onResponse(x, DnsMessage.decode(body), server, true);
        }
      });
      s.closeHandler(v -> {
        if (pending.get(x.id) == x && x.tcpSocket == s) {
          nextTry(x, Reason.SERVER_FAILURE, "TCP connection to " + server + " closed early");
        }
      });
      s.write(Buffer.buffer(2 + x.bytes.length()).appendUnsignedShort(x.bytes.length())
          .appendBuffer(x.bytes));
    });
    x.timer = context.setTimer(settings.timeout().toMillis(), t -> {
      if (pending.get(x.id) == x) {
        nextTry(x, Reason.TIMEOUT, "no TCP answer from " + server + " within " + settings.timeout());
      }
    });
  }

  private void cancelTimer(Exchange x) {
    if (x.timer >= 0) {
      vertx.cancelTimer(x.timer);
      x.timer = -1;
    }
  }

  private static void closeTcp(Exchange x) {
    x.overTcp = false;
    if (x.tcpSocket != null) {
      NetSocket s = x.tcpSocket;
      x.tcpSocket = null;
      s.close();
    }
  }

  private static InetSocketAddress address(SocketAddress a) {
    InetAddress ip = a.host() == null ? null : DnsSettings.literal(a.host());
    return ip == null ? null : new InetSocketAddress(ip, a.port());
  }

  private static Duration seconds(long s) {
    return Duration.ofSeconds(Math.min(s, Integer.MAX_VALUE));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
