package io.opensbc.sip.b2bua;

import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.transport.Source;

/**
 * Where a received message is handled when the node is one of a cluster (docs/cluster.md): the
 * cluster looks at the owner our Call-IDs and tags name ({@link Ids#nodeOf}) and may take the
 * message away from this node's shards, to forward it to the call's owner or to adopt the call
 * first. Called on the listener's thread; must not block.
 */
@FunctionalInterface
public interface CallSteering {
  /** Handles every message on this node. */
  CallSteering LOCAL = (m, s) -> false;

  /** True when the cluster took the message (it is then not handed to this node's shards). */
  boolean steer(SipMessage message, Source source);

  /**
   * The call reference a message belongs to as our identifiers name it (B-leg Call-ID, our A-side
   * To tag on a request, our From tag on a response), or null for a message of no call of ours.
   */
  static String callRefOf(SipMessage m) {
    String ref = Ids.callRefOf(m.callId());
    if (ref != null) {
      return ref;
    }
    var to = m.to();
    ref = to == null ? null : Ids.callRefOf(to.tag());
    if (ref != null) {
      return ref;
    }
    var from = m.from();
    return from == null ? null : Ids.callRefOf(from.tag());
  }
}
