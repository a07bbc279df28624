package io.opensbc.sip.b2bua.transfer;

import io.opensbc.config.model.signalling.ReferMode;

/** Whether the SBC handles a REFER itself or relays it (docs/transfers.md, "REFER modes"). */
public final class ReferHandling {
  private ReferHandling() {}

  /**
   * {@code mode}: the transferee's trunk's {@code transfer.refer} (null: the transferee is no
   * trunk, which gets passthrough); {@code peerAcceptsRefer}: whether that trunk's OPTIONS answers
   * list REFER (true while unknown).
   */
  public static boolean handleLocally(ReferMode mode, boolean peerAcceptsRefer) {
    if (mode == null) {
      return false;
    }
    return switch (mode) {
      case PASSTHROUGH -> false;
      case HANDLE_LOCALLY -> true;
      case AUTO -> !peerAcceptsRefer;
    };
  }
}
