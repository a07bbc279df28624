package io.opensbc.sip.rules;

import io.opensbc.sip.message.SipMessage;

/**
 * One event loop's scratch space for running rule chains: the working copy of a message, reused
 * message after message (its header array, scanned address spans and Request-URI spans), so a
 * chain allocates little beyond the text it writes and the outcome it returns. Not thread-safe:
 * one per shard, used by one {@link RuleBook#apply} at a time (nothing of it outlives the call).
 */
public final class RuleWorkspace {
  private final MessageEdit edit = new MessageEdit();
  private boolean busy;

  /** The working copy, started on {@code m}; {@link #release} it when the chain is done. */
  MessageEdit start(SipMessage m, String method, String sourceTrunk, String listener) {
    if (busy) {
      throw new IllegalStateException("a rule workspace is in use by another chain");
    }
    busy = true;
    edit.reset(m, method, sourceTrunk, listener);
    return edit;
  }

  void release() {
    busy = false;
  }
}
