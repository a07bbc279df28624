package io.opensbc.config.model.signalling;

/**
 * What the SBC does with a REFER (RFC 3515) that would go to a trunk: the trunk named is the one
 * on the other leg of the call, the transferee's (docs/transfers.md).
 */
public enum ReferMode {
  /** The REFER is relayed to the trunk like any other in-dialog request. Default. */
  PASSTHROUGH,
  /**
   * The SBC answers 202, sends NOTIFY with sipfrag progress, calls the Refer-To target through
   * normal routing, re-INVITEs the transferee towards it and ends the transferor's leg.
   */
  HANDLE_LOCALLY,
  /** Handled locally when the trunk's OPTIONS answers do not list REFER in Allow; relayed otherwise. */
  AUTO;

  public String configName() {
    return switch (this) {
      case PASSTHROUGH -> "passthrough";
      case HANDLE_LOCALLY -> "handle-locally";
      case AUTO -> "auto";
    };
  }
}
