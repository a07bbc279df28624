package io.opensbc.config.model.operations;

import io.opensbc.config.model.Defaults;

/**
 * SIP capture.
 *
 * @param calls how many recent calls keep their SIP messages in memory (per-call pcap, the
 *     console's ladder); 0 = off
 * @param messagesPerCall messages kept per call (the first ones; later ones are counted, not kept)
 * @param hep HEPv3 export, or null for none
 */
public record CaptureConfig(int calls, int messagesPerCall, HepConfig hep) {
  public static final CaptureConfig DEFAULT =
      new CaptureConfig(Defaults.CAPTURE_CALLS, Defaults.CAPTURE_MESSAGES_PER_CALL, null);

  /** Whether any capture runs (the transports then tap every message). */
  public boolean enabled() {
    return calls > 0 || hep != null;
  }
}
