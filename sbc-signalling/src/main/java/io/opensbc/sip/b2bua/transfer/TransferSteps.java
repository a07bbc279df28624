package io.opensbc.sip.b2bua.transfer;

import io.opensbc.sip.dialog.CallEvent;

/** One line of text per transfer event, for call records and ladders (docs/transfers.md). */
public final class TransferSteps {
  private TransferSteps() {}

  /** The text of a transfer event, or null when {@code e} is not one. */
  public static String describe(CallEvent e) {
    if (e instanceof CallEvent.TransferRequested r) {
      return "transfer requested on leg " + r.side() + " (" + r.handling() + "): Refer-To " + r.referTo()
          + (r.referredBy() == null ? "" : ", Referred-By " + r.referredBy());
    } else if (e instanceof CallEvent.TransferAccepted a) {
      return "transfer accepted on leg " + a.side() + " with " + a.status() + " (" + a.detail() + ")";
    } else if (e instanceof CallEvent.TransferLegDialed d) {
      return "transfer target leg " + d.leg().remoteTarget() + " via " + (d.trunk() == null ? "no trunk" : "trunk "
          + d.trunk()) + " (" + d.target() + ")";
    } else if (e instanceof CallEvent.TransferNotified n) {
      return "NOTIFY to leg " + n.side() + ": sipfrag " + n.status() + (n.terminated() ? ", subscription ended" : "");
    } else if (e instanceof CallEvent.LegReplaced lr) {
      return "leg " + lr.side() + " replaced by " + lr.dialog().remoteTarget() + " (" + lr.reason() + ")";
    } else if (e instanceof CallEvent.TransferRolledBack rb) {
      return "transfer rolled back: " + rb.status() + " " + rb.reason() + "; the transferee stays with the transferor";
    } else if (e instanceof CallEvent.RedirectFollowed rf) {
      return "redirect " + rf.status() + " from trunk " + rf.trunk() + " followed to " + rf.contact() + " (hop "
          + rf.hop() + ")";
    }
    return null;
  }
}
