package io.opensbc.media.control;

/**
 * A media session as signalling holds it: the call it belongs to, an id unique on this node, and
 * the local endpoint of each leg (what goes into the SDP sent to that leg's peer). Immutable; pass
 * it back to every {@link MediaControl} operation.
 */
public record MediaSessionHandle(String callRef, long id, LocalEndpoint a, LocalEndpoint b) {
  public LocalEndpoint local(Leg leg) {
    return leg == Leg.A ? a : b;
  }
}
