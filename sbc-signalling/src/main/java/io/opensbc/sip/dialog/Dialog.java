package io.opensbc.sip.dialog;

import io.opensbc.config.model.Transport;
import java.util.List;

/**
 * One leg's dialog state (RFC 3261 §12) as the SBC holds it. {@code localUri}/{@code remoteUri}
 * are name-addrs without tags; {@code localCSeq} is the last CSeq we sent on this leg,
 * {@code remoteCSeq} the last we received (-1 = none). {@code listener}, {@code transport},
 * {@code host}, {@code port} say where in-dialog requests for this leg are sent (the next hop).
 */
public record Dialog(
    String callId, String localTag, String remoteTag, String localUri, String remoteUri,
    String remoteTarget, List<String> routeSet, long localCSeq, long remoteCSeq,
    String listener, Transport transport, String host, int port) {

  public Dialog {
    routeSet = List.copyOf(routeSet);
  }

  public Dialog withRemoteTag(String tag) {
    return new Dialog(callId, localTag, tag, localUri, remoteUri, remoteTarget, routeSet, localCSeq,
        remoteCSeq, listener, transport, host, port);
  }

  public Dialog withRemoteTarget(String target, List<String> routes) {
    return new Dialog(callId, localTag, remoteTag, localUri, remoteUri, target, routes, localCSeq,
        remoteCSeq, listener, transport, host, port);
  }

  public Dialog withLocalCSeq(long seq) {
    return new Dialog(callId, localTag, remoteTag, localUri, remoteUri, remoteTarget, routeSet, seq,
        remoteCSeq, listener, transport, host, port);
  }

  public Dialog withRemoteCSeq(long seq) {
    return new Dialog(callId, localTag, remoteTag, localUri, remoteUri, remoteTarget, routeSet,
        localCSeq, seq, listener, transport, host, port);
  }
}
