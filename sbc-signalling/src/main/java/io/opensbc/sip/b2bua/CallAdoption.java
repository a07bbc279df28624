package io.opensbc.sip.b2bua;

import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.CallPhase;
import java.util.List;

/**
 * The replay half of taking a call over (docs/cluster.md): a call folded from the log its owner
 * left in the store. Only established calls are carried on (ADR 0002: a call in set-up is retried
 * by its caller); what is not on the log (open transactions, timers) starts afresh.
 */
final class CallAdoption {
  private CallAdoption() {}

  /** The call the log describes, or null when it is not an established call in progress. */
  static Call fold(List<CallEvent> events) {
    if (events == null || events.isEmpty()) {
      return null;
    }
    Call call = new Call();
    for (CallEvent e : events) {
      call.replay(e);
    }
    CallPhase phase = call.state().phase();
    boolean established = phase == CallPhase.ANSWERED || phase == CallPhase.CONFIRMED;
    return established && call.dialog(io.opensbc.sip.dialog.Side.B) != null ? call : null;
  }

  /** Whether the last request we sent on {@code side} is still the call's initial INVITE. */
  static boolean initialInviteOnly(List<CallEvent> events, io.opensbc.sip.dialog.Side side) {
    return events.stream().noneMatch(e -> e instanceof CallEvent.DialogUpdated du && du.side() == side);
  }
}
