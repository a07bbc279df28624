package io.opensbc.cluster.ownership;

/**
 * Who owns a call after a takeover: the node and the claim's epoch (1 for the first takeover, one
 * more for each further one). Stored as {@code "<epoch> <node>"}; no entry means the node its
 * Call-ID names, at epoch 0.
 */
public record Claim(String node, long epoch) {

  static Claim parse(String stored) {
    if (stored == null) {
      return null;
    }
    int sp = stored.indexOf(' ');
    return new Claim(stored.substring(sp + 1), Long.parseLong(stored.substring(0, sp)));
  }

  String stored() {
    return epoch + " " + node;
  }
}
