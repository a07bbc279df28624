package io.opensbc.sip.transaction;

import io.opensbc.sip.message.HeaderField;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.fsm.ClientInviteTransaction;
import io.opensbc.sip.transaction.fsm.ClientNonInviteTransaction;
import io.opensbc.sip.transaction.fsm.TimerName;
import io.opensbc.sip.transaction.fsm.Transition;
import io.opensbc.sip.transaction.fsm.TxEffect;
import io.opensbc.sip.transaction.fsm.TxInput;
import io.opensbc.sip.transport.Destination;
import java.util.List;

/** The shell around a pure client transaction machine. Touched only on its shard's thread. */
public final class ClientTransaction {
  private final TransactionLayer layer;
  private final String key;
  private final SipRequest request;
  private final Destination destination;
  private final ClientTransactionUser user;
  private final TimerSlots timers;
  private ClientInviteTransaction invite;
  private ClientNonInviteTransaction nonInvite;
  private boolean terminated;
  private boolean provisionalSeen;
  private boolean finalSeen;

  ClientTransaction(TransactionLayer layer, String key, SipRequest request, Destination destination,
      ClientTransactionUser user, Timers t) {
    this.layer = layer;
    this.key = key;
    this.request = request;
    this.destination = destination;
    this.user = user;
    this.timers = new TimerSlots(t);
  }

  void start() {
    boolean reliable = destination.reliable();
    if (request.isInvite()) {
      Transition<ClientInviteTransaction> t = ClientInviteTransaction.start(request, reliable, layer.timerConfig());
      invite = t.next();
      run(t.effects());
    } else {
      Transition<ClientNonInviteTransaction> t = ClientNonInviteTransaction.start(request, reliable, layer.timerConfig());
      nonInvite = t.next();
      run(t.effects());
    }
  }

  void feed(TxInput in) {
    if (terminated) {
      return;
    }
    if (invite != null) {
      Transition<ClientInviteTransaction> t = invite.on(in);
      invite = t.next();
      run(t.effects());
    } else {
      Transition<ClientNonInviteTransaction> t = nonInvite.on(in);
      nonInvite = t.next();
      run(t.effects());
    }
  }

  private void run(List<TxEffect> effects) {
    for (TxEffect e : effects) {
      if (e instanceof TxEffect.SendRequest s) {
        layer.sendRequest(s.request(), destination, () -> layer.onTransportError(this));
      } else if (e instanceof TxEffect.StartTimer st) {
        timers.start(st.timer(), st.after().toMillis(), this::onTimer);
      } else if (e instanceof TxEffect.CancelTimer ct) {
        timers.cancel(ct.timer());
      } else if (e instanceof TxEffect.PassToTu p) {
        SipResponse r = p.response();
        if (r.isProvisional()) {
          provisionalSeen = true;
        } else {
          finalSeen = true;
        }
        user.onResponse(this, r);
      } else if (e instanceof TxEffect.Timeout) {
        user.onTimeout(this);
      } else if (e instanceof TxEffect.TransportFailure) {
        user.onTransportError(this);
      } else if (e instanceof TxEffect.Terminated) {
        terminate();
      }
    }
  }

  private void onTimer(TimerName name) {
    feed(new TxInput.TimerFired(name));
  }

  private void terminate() {
    if (!terminated) {
      terminated = true;
      timers.cancelAll();
      layer.forget(this);
    }
  }

  /**
   * Cancels this INVITE (RFC 3261 §9.1): a CANCEL with the same Request-URI, Call-ID, From, To,
   * CSeq number and top Via, sent in its own client transaction to the same destination.
   * Only meaningful after a provisional response and before a final one.
   */
  public ClientTransaction cancel(ClientTransactionUser cancelUser) {
    Headers.Builder b = Headers.builder();
    b.add(HeaderNames.VIA, request.headers().first(HeaderNames.VIA));
    for (HeaderField f : request.headers().fields()) {
      String n = f.name();
      if (n.equals(HeaderNames.FROM) || n.equals(HeaderNames.TO) || n.equals(HeaderNames.CALL_ID)
          || n.equals(HeaderNames.ROUTE)) {
        b.add(f);
      }
    }
    b.add(HeaderNames.CSEQ, request.cseq().seq() + " CANCEL");
    b.add(HeaderNames.MAX_FORWARDS, "70");
    SipRequest cancel = new SipRequest(SipRequest.CANCEL, request.uri(), b.build(), null);
    return layer.send(cancel, destination, cancelUser);
  }

  public SipRequest request() {
    return request;
  }

  public Destination destination() {
    return destination;
  }

  String key() {
    return key;
  }

  public boolean provisionalSeen() {
    return provisionalSeen;
  }

  public boolean finalSeen() {
    return finalSeen;
  }

  public boolean terminated() {
    return terminated;
  }
}
