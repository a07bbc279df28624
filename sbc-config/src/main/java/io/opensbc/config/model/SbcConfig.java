package io.opensbc.config.model;

import java.util.List;

/** The whole configuration of a node, as loaded and validated from one YAML file. */
public record SbcConfig(NodeConfig node, AdminConfig admin, ClusterConfig cluster,
    List<ListenerConfig> listeners, List<TrunkConfig> trunks, List<RouteConfig> routes, SipConfig sip) {
  public SbcConfig {
    listeners = List.copyOf(listeners);
    trunks = List.copyOf(trunks);
    routes = List.copyOf(routes);
  }
}
