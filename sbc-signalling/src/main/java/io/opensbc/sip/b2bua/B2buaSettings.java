package io.opensbc.sip.b2bua;

import io.opensbc.config.model.Transport;
import java.util.Map;

/**
 * What the B2BUA core of a shard needs to know besides its collaborators: the shard's index and
 * count (to name Call-IDs), its share of the call limit, the Retry-After to send when shedding,
 * the longest call, T1 (for the ACK wait of 64*T1), and the listener that sends to a trunk of
 * each transport when the trunk names none, and the node's name on the wire (null outside a
 * cluster; see {@link Ids#callId(int, String)}).
 */
public record B2buaSettings(int shard, int shards, int maxCalls, int retryAfterSeconds,
    long maxCallDurationMillis, long t1Millis, Map<Transport, String> defaultListeners, String node) {

  public B2buaSettings {
    defaultListeners = Map.copyOf(defaultListeners);
  }

  /** Settings of a node outside a cluster: its Call-IDs name no node. */
  public B2buaSettings(int shard, int shards, int maxCalls, int retryAfterSeconds, long maxCallDurationMillis,
      long t1Millis, Map<Transport, String> defaultListeners) {
    this(shard, shards, maxCalls, retryAfterSeconds, maxCallDurationMillis, t1Millis, defaultListeners, null);
  }

  /** The listener for a trunk of this transport, or null when there is none. */
  public String listenerFor(Transport t) {
    return defaultListeners.get(t);
  }
}
