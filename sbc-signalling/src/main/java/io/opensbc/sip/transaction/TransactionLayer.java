package io.opensbc.sip.transaction;

import io.opensbc.config.model.Transport;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.Via;
import io.opensbc.sip.message.codec.SipWriter;
import io.opensbc.sip.transaction.fsm.TimerConfig;
import io.opensbc.sip.transaction.fsm.TransactionKey;
import io.opensbc.sip.transaction.fsm.TxInput;
import io.opensbc.sip.transport.Destination;
import io.opensbc.sip.transport.SipSender;
import io.opensbc.sip.transport.Source;
import java.util.HashMap;
import java.util.Map;

/**
 * The transaction layer of one shard (RFC 3261 §17): matches requests and responses to
 * transactions, creates server transactions, answers CANCEL, and routes responses per §18.2.2
 * and RFC 3581. Single-threaded: everything runs on the shard's event loop.
 */
public final class TransactionLayer {
  private final SipSender sender;
  private final Timers timers;
  private final TimerConfig timerConfig;
  private TransactionUser user;
  private final Map<ServerKey, ServerTransaction> servers = new HashMap<>();

  /**
   * RFC 3261 §17.2.3 matching (branch, sent-by, method) plus the Call-ID and CSeq number, which
   * a real retransmission, its CANCEL and its ACK all share: a peer that reuses a branch for a
   * new request (RFC 4475 unkscm/novelsc do) gets a new transaction, not an old answer.
   */
  record ServerKey(TransactionKey key, String callId, long cseq) {
    static ServerKey of(TransactionKey key, SipRequest r) {
      var c = r.cseq();
      return new ServerKey(key, r.callId(), c == null ? -1 : c.seq());
    }
  }
  private final Map<String, ClientTransaction> clients = new HashMap<>();

  /** Server transactions a shard holds at most; beyond it new requests are shed with 503. */
  private final int maxServerTransactions;
  private final int retryAfterSeconds;

  public TransactionLayer(SipSender sender, Timers timers, TimerConfig timerConfig) {
    this(sender, timers, timerConfig, Integer.MAX_VALUE, 5);
  }

  public TransactionLayer(SipSender sender, Timers timers, TimerConfig timerConfig,
      int maxServerTransactions, int retryAfterSeconds) {
    this.sender = sender;
    this.timers = timers;
    this.timerConfig = timerConfig;
    this.maxServerTransactions = maxServerTransactions;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public void user(TransactionUser u) {
    this.user = u;
  }

  TimerConfig timerConfig() {
    return timerConfig;
  }

  public Timers timers() {
    return timers;
  }

  /** A request from the transport, already on this shard's thread. */
  public void onRequest(SipRequest raw, Source source) {
    SipRequest request = stampVia(raw, source);
    ServerKey key = ServerKey.of(TransactionKey.forServer(request), request);
    if (request.isAck()) {
      ServerTransaction tx = servers.get(key);
      if (tx != null) {
        tx.feed(new TxInput.RequestReceived(request));
      } else {
        user.onAck(request, source);
      }
      return;
    }
    ServerTransaction existing = servers.get(key);
    if (existing != null) {
      existing.feed(new TxInput.RequestReceived(request));
      return;
    }
    if (servers.size() >= maxServerTransactions) {
      // a flood of new requests (each holding a transaction for up to 64*T1) is shed statelessly
      // instead of growing without bound; requests of known transactions were handled above
      sendResponse(Responses.serviceUnavailable(request, null, retryAfterSeconds, null), source);
      return;
    }
    ServerTransaction tx = new ServerTransaction(this, key, request, source, timers);
    servers.put(key, tx);
    tx.start();
    if (request.isCancel()) {
      ServerTransaction invite = servers.get(ServerKey.of(TransactionKey.forCancelTarget(request), request));
      if (invite == null || !invite.request().isInvite()) {
        tx.respond(Responses.create(request, 481, "Call/Transaction Does Not Exist"));
      } else {
        tx.respond(Responses.create(request, 200, "OK"));
        user.onCancel(invite, request);
      }
      return;
    }
    user.onRequest(tx);
  }

  /** A response from the transport, already on this shard's thread. */
  public void onResponse(SipResponse response, Source source) {
    Via via = response.topVia();
    String method = response.method();
    ClientTransaction tx = via == null || via.branch() == null || method == null
        ? null : clients.get(clientKey(via.branch(), method));
    if (tx != null) {
      tx.feed(new TxInput.ResponseReceived(response));
    } else {
      user.onStrayResponse(response, source);
    }
  }

  /** Starts a client transaction for a request whose top Via (with a fresh branch) is already set. */
  public ClientTransaction send(SipRequest request, Destination destination, ClientTransactionUser u) {
    Via via = request.topVia();
    String key = clientKey(via.branch(), request.method());
    ClientTransaction tx = new ClientTransaction(this, key, request, destination, u, timers);
    clients.put(key, tx);
    tx.start();
    return tx;
  }

  /** Sends a message outside any transaction (the ACK for a 2xx, a stateless answer). */
  public void sendStateless(SipMessage message, Destination destination) {
    sender.send(SipWriter.encode(message), destination, () -> {});
  }

  /** Answers a request statelessly, routed like any response. */
  public void respondStateless(SipRequest request, Source source, int status, String reason) {
    sendResponse(Responses.create(stampVia(request, source), status, reason), source);
  }

  /** Sheds a request statelessly: 503 with this layer's Retry-After (RFC 3261 §21.5.4). */
  public void shedStateless(SipRequest request, Source source, String why) {
    sendResponse(Responses.serviceUnavailable(stampVia(request, source), why, retryAfterSeconds, null), source);
  }

  /** A stateless final answer (e.g. 403 to a source access control refuses). */
  public void rejectStateless(SipRequest request, Source source, int status, String reason) {
    sendResponse(Responses.create(stampVia(request, source), status, reason), source);
  }

  void sendRequest(SipRequest request, Destination d, Runnable onError) {
    sender.send(SipWriter.encode(request), d, onError);
  }

  void sendResponse(SipResponse response, Source source) {
    sendResponse(response, responseDestination(response, source));
  }

  void sendResponse(SipResponse response, Destination destination) {
    sender.send(SipWriter.encode(response), destination, () -> {});
  }

  void onTransportError(ClientTransaction tx) {
    // reported on a transport thread: hop back to the shard before touching the transaction
    timers.execute(() -> tx.feed(new TxInput.TransportError()));
  }

  void forget(ServerTransaction tx) {
    servers.remove(tx.key(), tx);
  }

  void forget(ClientTransaction tx) {
    clients.remove(tx.key(), tx);
  }

  void serverTerminated(ServerTransaction tx, boolean timedOut) {
    user.onServerTerminated(tx, timedOut);
  }

  public int serverCount() {
    return servers.size();
  }

  public int clientCount() {
    return clients.size();
  }

  static String clientKey(String branch, String method) {
    String m = "ACK".equals(method) ? "INVITE" : method;
    return branch + '|' + m;
  }

  /**
   * RFC 3261 §18.2.1 and RFC 3581 §4: record where the request really came from in its top Via
   * (received, and rport when asked for), so responses find their way back.
   */
  static SipRequest stampVia(SipRequest request, Source source) {
    Via via = request.topVia();
    if (via == null) {
      return request;
    }
    Via stamped = via;
    if (via.hasRport()) {
      stamped = via.withParams(via.params().with("received", source.host())
          .with("rport", Integer.toString(source.port())));
    } else if (!via.host().equals(source.host())) {
      stamped = via.withParams(via.params().with("received", source.host()));
    }
    if (stamped == via) {
      return request;
    }
    return request.withHeaders(request.headers().removeFirstValue(HeaderNames.VIA)
        .prepend(HeaderNames.VIA, stamped.toString()));
  }

  /** RFC 3261 §18.2.2 with RFC 3581: where a response goes. */
  static Destination responseDestination(SipResponse response, Source source) {
    if (source.transport() != Transport.UDP) {
      return new Destination(source.listener(), source.transport(), source.host(), source.port(),
          source.connectionId());
    }
    Via via = response.topVia();
    if (via == null) {
      return Destination.of(source.listener(), Transport.UDP, source.host(), source.port());
    }
    String host = via.received() != null ? via.received() : via.host();
    int port = via.rport() > 0 ? via.rport() : via.port() > 0 ? via.port() : 5060;
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return Destination.of(source.listener(), Transport.UDP, host, port);
  }
}
