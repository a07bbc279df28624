package io.opensbc.config.model;

import io.opensbc.config.model.admission.AdmissionConfig;
import io.opensbc.config.model.media.MediaConfig;
import io.opensbc.config.model.rules.RuleSet;
import io.opensbc.config.model.security.SecurityConfig;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration of one node. There is no {@code DEFAULT}: at least one listener must be
 * configured; the embedded quickstart is the starting point. Null sections take their defaults and
 * null lists become empty. Secrets (registrar credentials and nonce key, under {@code security})
 * are masked by their records' {@code toString()}, so {@link #toString()} is safe to log.
 */
public record SbcConfig(
    NodeConfig node,
    AdminConfig admin,
    ClusterConfig cluster,
    List<ListenerConfig> listeners,
    List<TrunkConfig> trunks,
    List<RouteConfig> routes,
    SipConfig sip,
    List<RuleSet> ruleSets,
    AdmissionConfig admission,
    MediaConfig media,
    io.opensbc.config.model.operations.OperationsConfig operations,
    SecurityConfig security) {

  public SbcConfig {
    node = node == null ? NodeConfig.DEFAULT : node;
    admin = admin == null ? AdminConfig.DEFAULT : admin;
    cluster = cluster == null ? ClusterConfig.DEFAULT : cluster;
    listeners = listeners == null ? List.of() : List.copyOf(listeners);
    trunks = trunks == null ? List.of() : List.copyOf(trunks);
    routes = routes == null ? List.of() : List.copyOf(routes);
    sip = sip == null ? SipConfig.DEFAULT : sip;
    ruleSets = ruleSets == null ? List.of() : List.copyOf(ruleSets);
    admission = admission == null ? AdmissionConfig.DEFAULT : admission;
    media = media == null ? MediaConfig.DEFAULT : media;
    operations = operations == null ? io.opensbc.config.model.operations.OperationsConfig.DEFAULT : operations;
    security = security == null ? SecurityConfig.DEFAULT : security;
  }

  /** A configuration with the default (open, no registrar) security section. */
  public SbcConfig(NodeConfig node, AdminConfig admin, ClusterConfig cluster,
      List<ListenerConfig> listeners, List<TrunkConfig> trunks, List<RouteConfig> routes, SipConfig sip,
      List<RuleSet> ruleSets, AdmissionConfig admission, MediaConfig media,
      io.opensbc.config.model.operations.OperationsConfig operations) {
    this(node, admin, cluster, listeners, trunks, routes, sip, ruleSets, admission, media, operations, null);
  }

  /** A configuration with the default operations and security sections. */
  public SbcConfig(NodeConfig node, AdminConfig admin, ClusterConfig cluster,
      List<ListenerConfig> listeners, List<TrunkConfig> trunks, List<RouteConfig> routes, SipConfig sip,
      List<RuleSet> ruleSets, AdmissionConfig admission, MediaConfig media) {
    this(node, admin, cluster, listeners, trunks, routes, sip, ruleSets, admission, media, null, null);
  }

  /** A configuration with the default media relay. */
  public SbcConfig(NodeConfig node, AdminConfig admin, ClusterConfig cluster,
      List<ListenerConfig> listeners, List<TrunkConfig> trunks, List<RouteConfig> routes, SipConfig sip,
      List<RuleSet> ruleSets, AdmissionConfig admission) {
    this(node, admin, cluster, listeners, trunks, routes, sip, ruleSets, admission, MediaConfig.DEFAULT);
  }

  /** A configuration with the default admission control. */
  public SbcConfig(NodeConfig node, AdminConfig admin, ClusterConfig cluster,
      List<ListenerConfig> listeners, List<TrunkConfig> trunks, List<RouteConfig> routes, SipConfig sip,
      List<RuleSet> ruleSets) {
    this(node, admin, cluster, listeners, trunks, routes, sip, ruleSets, AdmissionConfig.DEFAULT,
        MediaConfig.DEFAULT);
  }

  /** A configuration without rule sets. */
  public SbcConfig(NodeConfig node, AdminConfig admin, ClusterConfig cluster,
      List<ListenerConfig> listeners, List<TrunkConfig> trunks, List<RouteConfig> routes, SipConfig sip) {
    this(node, admin, cluster, listeners, trunks, routes, sip, List.of(), AdmissionConfig.DEFAULT,
        MediaConfig.DEFAULT);
  }

  public Optional<RuleSet> ruleSet(String name) {
    return ruleSets.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public Optional<ListenerConfig> listener(String name) {
    return listeners.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  public Optional<TrunkConfig> trunk(String name) {
    return trunks.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * The listener whose socket sends to {@code trunk}: the named one, else the first listener with
   * the trunk's transport.
   */
  public Optional<ListenerConfig> listenerFor(TrunkConfig trunk) {
    if (trunk.listener() != null) {
      return listener(trunk.listener());
    }
    return listeners.stream().filter(l -> l.transport() == trunk.transport()).findFirst();
  }
}
