package io.opensbc.sip.transaction;

import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.fsm.ServerInviteTransaction;
import io.opensbc.sip.transaction.fsm.ServerNonInviteTransaction;
import io.opensbc.sip.transaction.fsm.TimerName;
import io.opensbc.sip.transaction.fsm.Transition;
import io.opensbc.sip.transaction.fsm.TxEffect;
import io.opensbc.sip.transaction.fsm.TxInput;
import io.opensbc.sip.transport.Source;
import java.util.List;

/**
 * The shell around a pure server transaction machine: it stores the machine's state, runs its
 * effects (send, timers, terminate) and lets the TU respond. Touched only on its shard's thread.
 */
public final class ServerTransaction {
  private final TransactionLayer layer;
  private final TransactionLayer.ServerKey key;
  private final SipRequest request;
  private final Source source;
  private final TimerSlots timers;
  private ServerInviteTransaction invite;
  private ServerNonInviteTransaction nonInvite;
  private int lastStatus;
  private boolean terminated;
  private io.opensbc.sip.transport.Destination replyTo;
  /** Free slot for the TU (the call this transaction belongs to). */
  private Object owner;

  ServerTransaction(TransactionLayer layer, TransactionLayer.ServerKey key, SipRequest request, Source source, Timers t) {
    this.layer = layer;
    this.key = key;
    this.request = request;
    this.source = source;
    this.timers = new TimerSlots(t);
  }

  void start() {
    boolean reliable = source.transport() != io.opensbc.config.model.Transport.UDP;
    if (request.isInvite()) {
      Transition<ServerInviteTransaction> t = ServerInviteTransaction.start(request, reliable, layer.timerConfig());
      invite = t.next();
      run(t.effects());
    } else {
      Transition<ServerNonInviteTransaction> t = ServerNonInviteTransaction.start(request, reliable, layer.timerConfig());
      nonInvite = t.next();
      run(t.effects());
    }
  }

  void feed(TxInput in) {
    if (terminated) {
      return;
    }
    if (invite != null) {
      Transition<ServerInviteTransaction> t = invite.on(in);
      invite = t.next();
      run(t.effects());
    } else {
      Transition<ServerNonInviteTransaction> t = nonInvite.on(in);
      nonInvite = t.next();
      run(t.effects());
    }
  }

  private void run(List<TxEffect> effects) {
    for (TxEffect e : effects) {
      if (e instanceof TxEffect.SendResponse s) {
        if (replyTo == null) {
          // every response of a transaction carries the request's Via: route it once (§18.2.2)
          replyTo = TransactionLayer.responseDestination(s.response(), source);
        }
        layer.sendResponse(s.response(), replyTo);
      } else if (e instanceof TxEffect.StartTimer st) {
        timers.start(st.timer(), st.after().toMillis(), this::onTimer);
      } else if (e instanceof TxEffect.CancelTimer ct) {
        timers.cancel(ct.timer());
      } else if (e instanceof TxEffect.Timeout) {
        layer.serverTerminated(this, true);
      } else if (e instanceof TxEffect.TransportFailure) {
        layer.serverTerminated(this, false);
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

  /** Sends a response through the transaction (the TU's only way to answer). */
  public void respond(SipResponse response) {
    if (response.status() > lastStatus || response.isSuccess()) {
      lastStatus = Math.max(lastStatus, response.status());
    }
    feed(new TxInput.TuResponse(response));
  }

  public SipRequest request() {
    return request;
  }

  public Source source() {
    return source;
  }

  TransactionLayer.ServerKey key() {
    return key;
  }

  /** True once a final response went through. */
  public boolean answered() {
    return lastStatus >= 200;
  }

  public boolean terminated() {
    return terminated;
  }

  public Object owner() {
    return owner;
  }

  public void owner(Object o) {
    this.owner = o;
  }
}
