package io.opensbc.sip.b2bua;

import io.opensbc.sip.b2bua.transfer.TransferFsm;
import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.ClientTransaction;
import io.opensbc.sip.transport.ListenerAddress;

/**
 * One transfer of a call handled by the SBC (runtime state of the shard, like {@link CallMedia}):
 * the machine's state, the transferor's side, the target leg and the responses the next steps need.
 */
final class Transfer {
  TransferFsm.State state = TransferFsm.State.DIALING_TARGET;
  /** The side the REFER came from; the transferee is on the other. */
  final Side transferor;
  /** The address the transferor's leg is reached with (kept: the leg leaves the call on success). */
  final ListenerAddress transferorAddress;
  /** The transferor's dialog once the target took its place in the call (NOTIFY and BYE go there). */
  Dialog formerTransferor;
  /** The transferor sent BYE while the transfer ran: no NOTIFY, no BYE to it. */
  boolean transferorGone;

  /** Blind: the new INVITE's plan, the hop tried now, the attempt (stale answers are told apart). */
  TransferTargets.TargetPlan plan;
  int hopIndex;
  int attempt;
  final String targetTag = Ids.tag();
  /** A provisional came for the current attempt: no more hunting. */
  boolean targetProvisional;

  /** The target leg: a new INVITE's dialog, or the leg taken from another call (attended). */
  Dialog target;
  String targetTrunk;
  ListenerAddress targetAddress;
  ClientTransaction targetInvite;
  /** The INVITE's CSeq on the target leg (its ACK takes it). */
  long targetCSeq;
  /** The target's 2xx with its offer; null until it answers. */
  SipResponse targetAnswer;
  boolean targetAcked;
  /** Attended transfer: the call the target leg comes from, and the target's side in it. */
  Call otherCall;
  Side otherSide;

  /** The re-INVITE to the transferee: its CSeq and its 2xx (the answer for the target). */
  long transfereeCSeq;
  SipResponse transfereeAnswer;

  /** The status and reason of the failure reported in the final NOTIFY. */
  int failureStatus;
  String failureReason;

  Transfer(Side transferor, ListenerAddress transferorAddress) {
    this.transferor = transferor;
    this.transferorAddress = transferorAddress;
  }

  boolean running() {
    return !state.isFinal();
  }
}
