package io.opensbc.sip.dialog;

/** Where a call is in its life. */
public enum CallPhase {
  /** INVITE received on A, sent on B, no provisional with a tag yet. */
  OFFERED,
  /** A provisional response with a To tag came from B (early dialog). */
  EARLY,
  /** B answered; the 2xx went to A; A's ACK not yet seen. */
  ANSWERED,
  /** A acknowledged the answer: both dialogs are confirmed. */
  CONFIRMED,
  /** The call is over (BYE, CANCEL, failure). */
  RELEASED
}
