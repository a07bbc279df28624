package io.opensbc.sip.dialog;

/** The two legs of a call: A received the INVITE from the caller, B sent it on to the callee. */
public enum Side {
  A, B;

  public Side other() {
    return this == A ? B : A;
  }
}
