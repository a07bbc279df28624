package io.opensbc.config.loader;

import io.opensbc.config.model.AdminConfig;
import io.opensbc.config.model.ClusterConfig;
import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.NodeConfig;
import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.SipConfig;
import io.opensbc.config.model.SipLimits;
import io.opensbc.config.model.SipTimers;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.validation.DurationRule;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.NameRule;
import io.opensbc.config.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Turns the YAML node tree into records, one section at a time; the keys of each section are listed
 * here.
 */
final class ConfigBinder {
  private static final Pattern MEMBER =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]]+):(\\d{1,5})");

  private final Violations v;
  private static final IntRule HEADER_BYTES = new IntRule(256, 65535, "256-65535");
  private static final IntRule URI_BYTES = new IntRule(64, 65535, "64-65535");
  private static final IntRule VIAS = new IntRule(1, 1000, "1-1000");
  private static final DurationRule MESSAGE_TIMEOUT =
      new DurationRule(java.time.Duration.ofMillis(100), java.time.Duration.ofMinutes(10), "100ms-10m");

  private ConfigBinder(Violations v) {
    this.v = v;
  }

  static SbcConfig bind(Node root, Violations v) {
    return new ConfigBinder(v).root(root);
  }

  private SbcConfig root(Node root) {
    Section s =
        Section.of(
            root,
            "",
            v,
            "node",
            "admin",
            "cluster",
            "listeners",
            "trunks",
            "routes",
            "rule-sets",
            "sip",
            "admission",
            "media",
            "operations",
            "security");
    return new SbcConfig(
        node(Section.of(s.node("node"), "node", v, "name", "drain-timeout", "workers")),
        admin(Section.of(s.node("admin"), "admin", v, "host", "port", "enabled", "token")),
        cluster(
            Section.of(
                s.node("cluster"),
                "cluster",
                v,
                "name",
                "host",
                "port",
                "members",
                "backup-count",
                "mode",
                "heartbeat",
                "max-no-heartbeat")),
        items(s, "listeners", this::listener, "name", "transport", "host", "port", "tls"),
        items(
            s,
            "trunks",
            this::trunk,
            "name",
            "host",
            "port",
            "transport",
            "listener",
            "trusted",
            "rules",
            "response-map",
            "identity",
            "targets",
            "selection",
            "health",
            "failover",
            "limits",
            "media",
            "template",
            "fqdn",
            "tls",
            "user-phone",
            "sbc-header",
            "provisional",
            "session-timer",
            "transfer"),
        items(s, "routes", this::route, "name", "match", "trunk", "trunks", "rules"),
        sip(Section.of(s.node("sip"), "sip", v, "timers", "limits", "dns")),
        RuleBinder.ruleSets(s, v),
        AdmissionBinder.admission(s, v),
        MediaBinder.media(s, v),
        OperationsBinder.operations(s, v),
        SecurityBinder.security(s, v));
  }

  private NodeConfig node(Section s) {
    return new NodeConfig(
        name(s, Defaults.nodeName()),
        s.duration("drain-timeout", Defaults.DRAIN_TIMEOUT, DurationRule.NON_NEGATIVE),
        s.integer("workers", Defaults.WORKERS, IntRule.WORKERS));
  }

  private AdminConfig admin(Section s) {
    AdminConfig a = new AdminConfig(
        host(s, Defaults.ADMIN_HOST),
        s.integer("port", Defaults.ADMIN_PORT, IntRule.PORT_OR_ZERO),
        s.bool("enabled", Defaults.ADMIN_ENABLED),
        s.string("token", null));
    if (a.enabled() && a.token() == null && a.host() != null && !OperationsBinder.loopback(a.host())
        && System.getenv(Defaults.ADMIN_TOKEN_ENV) == null && !v.reported(s.child("host"))) {
      v.add(s.child("host"), "the admin listener on " + a.host() + " is reachable from other hosts: set admin.token"
          + " (or " + Defaults.ADMIN_TOKEN_ENV + ") or bind it to a loopback address (allowed: 127.0.0.1, ::1)");
    }
    if (a.token() != null && a.token().length() < 16 && !v.reported(s.child("token"))) {
      v.add(s.child("token"), "the admin token is " + a.token().length() + " characters (allowed: 16 or more)");
    }
    return a;
  }

  private ClusterConfig cluster(Section s) {
    List<String> members = new ArrayList<>();
    List<Node> nodes = s.sequence("members", "a list of host:port");
    for (int i = 0; i < nodes.size(); i++) {
      String member = member(nodes.get(i), s.child("members") + "[" + i + "]");
      if (member != null) {
        members.add(member);
      }
    }
    ClusterConfig c = new ClusterConfig(
        name(s, Defaults.CLUSTER_NAME),
        host(s, Defaults.CLUSTER_HOST),
        s.integer("port", Defaults.CLUSTER_PORT, IntRule.CLUSTER_PORT),
        members,
        s.integer("backup-count", Defaults.BACKUP_COUNT, IntRule.BACKUP_COUNT),
        clusterMode(s),
        s.duration("heartbeat", Defaults.CLUSTER_HEARTBEAT, DurationRule.CLUSTER_HEARTBEAT),
        s.duration("max-no-heartbeat", Defaults.CLUSTER_MAX_NO_HEARTBEAT, DurationRule.CLUSTER_HEARTBEAT));
    if (c.heartbeat() != null && c.maxNoHeartbeat() != null && c.maxNoHeartbeat().compareTo(c.heartbeat()) <= 0
        && !v.reported(s.child("max-no-heartbeat"))) {
      v.add(s.child("max-no-heartbeat"), "a member is removed after " + Durations.format(c.maxNoHeartbeat())
          + " without heartbeats, which is not longer than the heartbeat " + Durations.format(c.heartbeat())
          + " (allowed: more than cluster.heartbeat)");
    }
    return c;
  }

  private static ClusterConfig.Mode clusterMode(Section s) {
    List<String> allowed = java.util.Arrays.stream(ClusterConfig.Mode.values()).map(ClusterConfig.Mode::yamlName)
        .toList();
    String mode = s.choice("mode", "cluster mode", allowed);
    return mode == null ? ClusterConfig.Mode.ACTIVE_ACTIVE
        : ClusterConfig.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  private String member(Node n, String path) {
    String allowed = " (allowed: host:port, e.g. 10.0.0.2:5701)";
    if (!(n instanceof ScalarNode sn)) {
      v.add(path, "expected host:port, got " + Section.describe(n) + allowed);
      return null;
    }
    Matcher m = MEMBER.matcher(sn.getValue().trim());
    if (!m.matches()) {
      v.add(path, "'" + sn.getValue() + "' is not host:port" + allowed);
      return null;
    }
    String problem = IntRule.PORT.check(Long.parseLong(m.group(2)));
    if (problem != null) {
      v.add(path, "port " + problem);
      return null;
    }
    return sn.getValue().trim();
  }

  private ListenerConfig listener(Section s) {
    String name = requiredName(s);
    io.opensbc.config.model.Transport transport = s.transport("transport", null);
    return new ListenerConfig(
        name,
        transport,
        host(s, null),
        orZero(s.integer("port", null, IntRule.LISTENER_PORT)),
        SignallingBinder.listenerTls(s, transport, v));
  }

  private TrunkConfig trunk(Section s) {
    String template = SignallingBinder.template(s, v);
    TrunkConfig t = new TrunkConfig(
        requiredName(s),
        host(s, TrunkTemplates.host(template)),
        s.integer("port", TrunkTemplates.port(template), IntRule.PORT),
        s.transport("transport", TrunkTemplates.transport(template)),
        s.string("listener", null),
        s.bool("trusted", Defaults.TRUNK_TRUSTED),
        TrunkPolicyBinder.rules(s, v),
        TrunkPolicyBinder.responseMap(s, v),
        TrunkPolicyBinder.identity(s, v),
        DispatchBinder.dispatch(s, v),
        MediaBinder.trunk(s, v),
        SignallingBinder.signalling(s, template, v));
    return TrunkTemplates.expand(template, s, t);
  }

  private RouteConfig route(Section s) {
    return new RouteConfig(
        requiredName(s),
        RouteBinder.match(s, v),
        RouteBinder.trunks(s, v),
        RouteBinder.ruleSets(s, v));
  }

  private SipConfig sip(Section s) {
    Section t = Section.of(s.node("timers"), "sip.timers", v, "t1", "t2", "t4");
    Section l =
        Section.of(
            s.node("limits"),
            "sip.limits",
            v,
            "max-message-bytes",
            "max-headers",
            "max-connections",
            "tcp-idle-timeout",
            "max-calls",
            "retry-after-seconds",
            "max-call-duration",
            "max-header-bytes",
            "max-uri-bytes",
            "max-via-headers",
            "tcp-message-timeout");
    SipTimers timers =
        new SipTimers(
            t.duration("t1", Defaults.T1, DurationRule.POSITIVE),
            t.duration("t2", Defaults.T2, DurationRule.POSITIVE),
            t.duration("t4", Defaults.T4, DurationRule.POSITIVE));
    SipLimits limits =
        new SipLimits(
            l.integer("max-message-bytes", Defaults.MAX_MESSAGE_BYTES, IntRule.POSITIVE),
            l.integer("max-headers", Defaults.MAX_HEADERS, IntRule.POSITIVE),
            l.integer("max-connections", Defaults.MAX_CONNECTIONS, IntRule.POSITIVE),
            l.duration("tcp-idle-timeout", Defaults.TCP_IDLE_TIMEOUT, DurationRule.POSITIVE),
            l.integer("max-calls", Defaults.MAX_CALLS, IntRule.POSITIVE),
            l.integer("retry-after-seconds", Defaults.RETRY_AFTER_SECONDS, IntRule.POSITIVE),
            l.duration("max-call-duration", Defaults.MAX_CALL_DURATION, DurationRule.POSITIVE),
            l.integer("max-header-bytes", Defaults.MAX_HEADER_BYTES, HEADER_BYTES),
            l.integer("max-uri-bytes", Defaults.MAX_URI_BYTES, URI_BYTES),
            l.integer("max-via-headers", Defaults.MAX_VIAS, VIAS),
            l.duration("tcp-message-timeout", Defaults.TCP_MESSAGE_TIMEOUT, MESSAGE_TIMEOUT));
    return new SipConfig(timers, limits, DnsBinder.dns(Section.of(s.node("dns"), "sip.dns", v, DnsBinder.KEYS), v));
  }

  private interface ItemReader<T> {
    T read(Section item);
  }

  /**
   * Every item of the list {@code key}, one record per item (also for a wrong item, to keep
   * indexes).
   */
  private <T> List<T> items(Section parent, String key, ItemReader<T> reader, String... keys) {
    List<T> out = new ArrayList<>();
    List<Node> nodes = parent.sequence(key, "a list of {" + String.join(", ", keys) + "}");
    for (int i = 0; i < nodes.size(); i++) {
      String path = key + "[" + i + "]";
      Node item = nodes.get(i);
      out.add(
          reader.read(
              Section.isNull(item)
                  ? Section.empty(path, v, keys)
                  : Section.of(item, path, v, keys)));
    }
    return out;
  }

  private String requiredName(Section s) {
    String name = s.requiredString("name", NameRule.ALLOWED);
    return checkName(s, name);
  }

  private String name(Section s, String def) {
    return s.has("name") ? checkName(s, s.string("name", def)) : def;
  }

  private String checkName(Section s, String name) {
    if (name != null && !v.reported(s.child("name"))) {
      String problem = NameRule.check(name);
      if (problem != null) {
        v.add(s.child("name"), problem);
      }
    }
    return name;
  }

  /** A host; {@code def} when absent, or required when {@code def} is null. */
  private String host(Section s, String def) {
    return s.host("host", def);
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }
}
