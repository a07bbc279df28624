package io.opensbc.sip.security;

import io.opensbc.config.model.security.BruteForce;
import io.opensbc.config.model.security.IpLiteral;
import io.opensbc.config.model.security.RegistrarConfig;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.Parsed;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.SipUri;
import io.opensbc.sip.routing.Hop;
import io.opensbc.sip.transaction.ServerTransaction;
import io.opensbc.sip.transport.Source;
import io.vertx.core.Future;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The registrar (RFC 3261 §10.3) and the authentication of calls from phones. REGISTER: digest
 * (401 challenge, stale=true for an expired nonce), the To user must be the authenticated user,
 * Contact/Expires handling with 423 below min-expires, {@code *} with Expires: 0 to remove all,
 * Call-ID/CSeq ordering, and the flow the REGISTER came over kept with each binding. Every failed
 * authentication counts against the source address and the username (whether the user exists or
 * not); a banned source is dropped by {@link AccessPolicy}, a banned username is never accepted.
 * Runs on the calling shard's context; holds no per-request state.
 */
public final class Registrar {
  private static final Logger LOG = Logger.getLogger(Registrar.class.getName());
  private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
  private static final String SEP = "|";

  private final RegistrarConfig config;
  private final BruteForce bruteForce;
  private final DigestAuth auth;
  private final LocationStore locations;
  private final AuthFailureStore failures;
  private final String node;
  private final LongSupplier clock;
  /** This node's UDP flows per AOR, for the NAT keep-alive OPTIONS (bounded by {@link #MAX_KEPT_ALIVE}). */
  private final java.util.Map<String, List<Binding>> udpFlows = new java.util.concurrent.ConcurrentHashMap<>();
  static final int MAX_KEPT_ALIVE = 100_000;

  public Registrar(RegistrarConfig config, BruteForce bruteForce, DigestAuth auth, LocationStore locations,
      AuthFailureStore failures, String node, LongSupplier clockMillis) {
    this.config = config;
    this.bruteForce = bruteForce;
    this.auth = auth;
    this.locations = locations;
    this.failures = failures;
    this.node = node;
    this.clock = clockMillis;
  }

  /** True for the route target name that means "the registered users". */
  public boolean servesTrunk(String trunk) {
    return config.trunk().equals(trunk);
  }

  public String realm() {
    return config.realm();
  }

  // ------------------------------------------------------------------ REGISTER

  /** Answers a REGISTER (always, except when a store fails: then 500 with Retry-After). */
  public void onRegister(ServerTransaction tx) {
    SipRequest req = tx.request();
    Parsed<SipUri> ruri = SipUri.parse(req.uri());
    if (!ruri.isOk() || !servesDomain(ruri.orNull().host())) {
      tx.respond(Responses.create(req, 404, "Not Found (domain)", tag()));
      return;
    }
    long now = clock.getAsLong();
    DigestAuth.Result r = auth.verify(req, "Authorization", now);
    authenticated(tx, r, now, false).onSuccess(user -> {
      if (user != null) {
        register(tx, user, now);
      }
    });
  }

  /**
   * Completes with the authenticated username, or null after answering the request itself (401/407
   * challenge, 403). {@code proxy}: Proxy-Authenticate/407 rather than WWW-Authenticate/401.
   */
  private Future<String> authenticated(ServerTransaction tx, DigestAuth.Result r, long now, boolean proxy) {
    SipRequest req = tx.request();
    if (r instanceof DigestAuth.Missing) {
      challenge(tx, now, false, proxy);
      return Future.succeededFuture(null);
    }
    if (r instanceof DigestAuth.Stale) {
      challenge(tx, now, true, proxy);
      return Future.succeededFuture(null);
    }
    if (r instanceof DigestAuth.Accepted a && !failures.banned(AuthFailureStore.user(a.username()), now)) {
      return Future.succeededFuture(a.username());
    }
    String username = r instanceof DigestAuth.Accepted a ? a.username() : ((DigestAuth.Rejected) r).username();
    String why = r instanceof DigestAuth.Rejected rj ? rj.why() : "username banned";
    Source src = tx.source();
    // usernames as the attacker wrote them; never a password, hash or nonce
    LOG.info(() -> "auth failed: method=" + req.method() + " source=" + src.host() + " username=" + safe(username)
        + " reason=" + why);
    Future<Boolean> bySource = failures.failed(AuthFailureStore.source(src.host()), bruteForce, now);
    Future<Boolean> byUser = username == null ? Future.succeededFuture(false)
        : failures.failed(AuthFailureStore.user(username), bruteForce, now);
    // the answer waits for the count, so the request that reaches the limit is the last one answered
    return Future.join(bySource, byUser).transform(ar -> {
      if (Boolean.TRUE.equals(bySource.result())) {
        LOG.warning(() -> "source " + src.host() + " banned for " + bruteForce.banTime().toSeconds()
            + " s after " + bruteForce.maxFailures() + " failed authentications");
      }
      if (Boolean.TRUE.equals(byUser.result())) {
        LOG.warning(() -> "username " + safe(username) + " banned for " + bruteForce.banTime().toSeconds()
            + " s after " + bruteForce.maxFailures() + " failed authentications");
      }
      challenge(tx, now, false, proxy);
      return Future.succeededFuture(null);
    });
  }

  private void challenge(ServerTransaction tx, long now, boolean stale, boolean proxy) {
    SipRequest req = tx.request();
    SipResponse base = proxy ? Responses.create(req, 407, "Proxy Authentication Required", tag())
        : Responses.create(req, 401, "Unauthorized", tag());
    Headers h = base.headers();
    for (String c : auth.challenges(now, stale)) {
      h = h.add(proxy ? "Proxy-Authenticate" : "WWW-Authenticate", c);
    }
    tx.respond(base.withHeaders(h));
  }

  private void register(ServerTransaction tx, String username, long now) {
    SipRequest req = tx.request();
    NameAddr to = req.to();
    SipUri toUri = to == null ? null : SipUri.parse(to.uri()).orNull();
    if (toUri == null || !username.equals(toUri.user())) {
      tx.respond(Responses.create(req, 403, "Forbidden (To is not the authenticated user)", tag()));
      return;
    }
    List<String> contacts = req.headers().values(HeaderNames.CONTACT);
    int headerExpires = expiresHeader(req);
    boolean star = contacts.size() == 1 && contacts.get(0).trim().equals("*");
    if (star && headerExpires != 0 || !star && contacts.stream().anyMatch(c -> c.trim().equals("*"))) {
      // RFC 3261 §10.3 step 6: '*' only alone and with Expires: 0
      tx.respond(Responses.create(req, 400, "Bad Request (Contact: * needs Expires: 0 and no other contact)", tag()));
      return;
    }
    List<Change> changes = new ArrayList<>();
    if (!star) {
      for (String c : contacts) {
        Parsed<NameAddr> na = NameAddr.parse(c);
        if (!na.isOk() || !SipUri.parse(na.orNull().uri()).isOk()) {
          tx.respond(Responses.create(req, 400, "Bad Request (unreadable Contact)", tag()));
          return;
        }
        NameAddr contact = na.orNull();
        int expires = expires(contact, headerExpires);
        if (expires > 0 && expires < config.minExpires()) {
          SipResponse brief = Responses.create(req, 423, "Interval Too Brief", tag());
          tx.respond(brief.withHeaders(brief.headers().add("Min-Expires", Integer.toString(config.minExpires()))));
          return;
        }
        changes.add(new Change(contact.uri(), Math.min(expires, config.maxExpires()), contact.params().get(
            "+sip.instance")));
      }
    }
    String callId = req.callId();
    long cseq = req.cseq().seq();
    Source src = tx.source();
    if (changes.isEmpty() && !star) {
      // a query (RFC 3261 §10.2.3): the current bindings
      locations.lookup(username).onComplete(ar -> answer(tx, ar.succeeded() ? ar.result() : null, now));
      return;
    }
    locations.update(username, current -> {
      List<Binding> next = new ArrayList<>(current);
      if (star) {
        next.removeIf(b -> !b.callId().equals(callId) || b.cseq() < cseq);
        return next;
      }
      for (Change ch : changes) {
        Binding old = next.stream().filter(b -> sameContact(b.contact(), ch.uri())).findFirst().orElse(null);
        if (old != null && old.callId().equals(callId) && old.cseq() >= cseq) {
          continue; // an older or repeated REGISTER of the same registration: no change
        }
        next.remove(old);
        if (ch.expires() > 0) {
          next.add(new Binding(ch.uri(), now + ch.expires() * 1000L, callId, cseq, src.listener(), src.transport(),
              src.host(), src.port(), src.connectionId(), node, ch.instance()));
        }
      }
      // most recent first; the oldest go when over the limit
      next.sort(Comparator.comparingLong(Binding::expiresAtMillis).reversed());
      return next.size() > config.maxBindings() ? next.subList(0, config.maxBindings()) : next;
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        keepAlive(username, ar.result());
      }
      answer(tx, ar.succeeded() ? ar.result() : null, now);
    });
  }

  private void keepAlive(String aor, List<Binding> bindings) {
    List<Binding> udp = bindings.stream()
        .filter(b -> b.node().equals(node) && b.transport() == io.opensbc.config.model.Transport.UDP).toList();
    if (udp.isEmpty()) {
      udpFlows.remove(aor);
    } else if (udpFlows.size() < MAX_KEPT_ALIVE || udpFlows.containsKey(aor)) {
      udpFlows.put(aor, udp);
    }
  }

  /**
   * The UDP flows of this node's registrations still live at {@code nowMillis} (one per
   * listener/address/port), for the NAT keep-alive OPTIONS; expired ones are forgotten.
   */
  public java.util.Collection<Binding> udpFlowsToKeepAlive(long nowMillis) {
    java.util.Map<String, Binding> flows = new java.util.LinkedHashMap<>();
    udpFlows.entrySet().removeIf(e -> Bindings.live(e.getValue(), nowMillis).isEmpty());
    for (List<Binding> l : udpFlows.values()) {
      for (Binding b : l) {
        if (b.expiresAtMillis() > nowMillis) {
          flows.putIfAbsent(b.listener() + "|" + b.host() + ":" + b.port(), b);
        }
      }
    }
    return flows.values();
  }

  public long keepaliveMillis() {
    return config.keepalive().toMillis();
  }

  private record Change(String uri, int expires, String instance) {}

  private void answer(ServerTransaction tx, List<Binding> bindings, long now) {
    SipRequest req = tx.request();
    if (bindings == null) {
      SipResponse r = Responses.create(req, 500, "Server Internal Error (location service)", tag());
      tx.respond(r.withHeaders(r.headers().add(HeaderNames.RETRY_AFTER, "5")));
      return;
    }
    SipResponse ok = Responses.create(req, 200, "OK", tag());
    Headers h = ok.headers();
    for (Binding b : bindings) {
      h = h.add(HeaderNames.CONTACT, "<" + b.contact() + ">;expires=" + b.secondsLeft(now));
    }
    h = h.add("Date", DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    if (supportsOutbound(req)) {
      // RFC 5626 §4.4.1: the phone keeps its flow alive with CRLF at this interval (TCP)
      h = h.add(HeaderNames.REQUIRE, "outbound").add("Flow-Timer", Long.toString(config.keepalive().toSeconds()));
    }
    tx.respond(ok.withHeaders(h));
  }

  // ------------------------------------------------------------------ calls

  /**
   * Authenticates an out-of-dialog request from a phone (a source that is no trunk): runs
   * {@code proceed} when its Proxy-Authorization is valid and its From user is the authenticated
   * user; answers 407 (challenge) or 403 itself otherwise.
   */
  public void authorize(ServerTransaction tx, Runnable proceed) {
    SipRequest req = tx.request();
    long now = clock.getAsLong();
    authenticated(tx, auth.verify(req, "Proxy-Authorization", now), now, true).onSuccess(user -> {
      if (user == null) {
        return;
      }
      NameAddr from = req.from();
      SipUri fromUri = from == null ? null : SipUri.parse(from.uri()).orNull();
      if (fromUri == null || !user.equals(fromUri.user())) {
        tx.respond(Responses.create(req, 403, "Forbidden (From is not the authenticated user)", tag()));
        return;
      }
      proceed.run();
    });
  }

  public boolean authenticateCalls() {
    return config.authenticateCalls();
  }

  /** The request without the credentials meant for us (they never cross to the other leg). */
  public SipRequest withoutOwnCredentials(SipRequest r) {
    Headers h = r.headers();
    for (String name : new String[] {"Authorization", "Proxy-Authorization"}) {
      List<String> keep = new ArrayList<>();
      boolean ours = false;
      for (String v : h.values(name)) {
        var p = DigestParams.parse(v);
        if (p != null && config.realm().equals(p.get("realm"))) {
          ours = true;
        } else {
          keep.add(v);
        }
      }
      if (ours) {
        h = h.remove(name);
        for (String v : keep) {
          h = h.add(name, v);
        }
      }
    }
    return h == r.headers() ? r : r.withHeaders(h);
  }

  // ------------------------------------------------------------------ routing to phones

  /**
   * The hops of a call to a registered user (the Request-URI user): one per live binding, most
   * recent first, each sent back over the flow its REGISTER came on. {@link #listenerOf} and
   * {@link #contactOf} read a hop's target.
   */
  public Future<List<Hop>> hops(String trunk, SipRequest request) {
    SipUri ruri = SipUri.parse(request.uri()).orNull();
    String user = ruri == null ? null : ruri.user();
    if (user == null || user.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return locations.lookup(user).map(bindings -> bindings.stream()
        .filter(b -> b.node().equals(node) || b.transport() == io.opensbc.config.model.Transport.UDP)
        .map(b -> new Hop(trunk, b.listener() + SEP + b.contact(), b.host(), b.port(), b.transport()))
        .toList());
  }

  public static String listenerOf(Hop hop) {
    int i = hop.target().indexOf(SEP);
    return i < 0 ? null : hop.target().substring(0, i);
  }

  public static String contactOf(Hop hop) {
    int i = hop.target().indexOf(SEP);
    return i < 0 ? hop.target() : hop.target().substring(i + 1);
  }

  // ------------------------------------------------------------------ helpers

  private boolean servesDomain(String host) {
    if (config.domains().isEmpty() || IpLiteral.bytes(host) != null) {
      return true;
    }
    return config.domains().contains(host.toLowerCase(Locale.ROOT));
  }

  private int expires(NameAddr contact, int headerExpires) {
    String p = contact.params().get("expires");
    int e = p != null ? seconds(p) : headerExpires;
    return e < 0 ? config.defaultExpires() : e;
  }

  private static int expiresHeader(SipRequest req) {
    String v = req.headers().first("Expires");
    return v == null ? -1 : seconds(v.trim());
  }

  /** A delta-seconds value; -1 when absent or unreadable; capped (RFC 3261 §20.19: 2**32-1). */
  private static int seconds(String s) {
    if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return (int) Math.min(Integer.MAX_VALUE, Long.parseLong(s));
  }

  private static boolean sameContact(String a, String b) {
    return a.equalsIgnoreCase(b);
  }

  private static boolean supportsOutbound(SipRequest req) {
    for (String s : req.headers().values(HeaderNames.SUPPORTED)) {
      if (s.trim().equalsIgnoreCase("outbound")) {
        return true;
      }
    }
    return false;
  }

  private static String safe(String s) {
    if (s == null) {
      return "-";
    }
    String t = s.length() > 64 ? s.substring(0, 64) : s;
    return t.replaceAll("[^A-Za-z0-9_.!~*'()&=+$,;?/%@-]", "?");
  }

  private static String tag() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }
}
