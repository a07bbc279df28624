package io.opensbc.config.loader;

import io.opensbc.config.model.AdminConfig;
import io.opensbc.config.model.ClusterConfig;
import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.NodeConfig;
import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.RouteMatch;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.SipConfig;
import io.opensbc.config.model.SipLimits;
import io.opensbc.config.model.SipTimers;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Loads the YAML configuration and validates it, reporting every error at once with file, line
 * and what is allowed. The running configuration is never touched here: callers switch only to a
 * {@link ConfigResult.Valid} result.
 */
public final class ConfigLoader {
  public static final String QUICKSTART_RESOURCE = "io/opensbc/config/quickstart.yaml";

  private static final List<String> TOP = List.of("node", "admin", "cluster", "listeners", "trunks", "routes", "sip");
  private static final String[] TRANSPORTS = {"udp", "tcp"};

  private ConfigLoader() {}

  public static ConfigResult load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new ConfigResult.Invalid(List.of(new ConfigError(file.toString(), 0, 0, "",
          "cannot read the file: " + e.getMessage())));
    }
    return parse(text, file.toString());
  }

  /** The embedded default: the same file as deploy/examples/quickstart.yaml. */
  public static ConfigResult quickstart() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(QUICKSTART_RESOURCE)) {
      if (in == null) {
        return new ConfigResult.Invalid(List.of(new ConfigError(QUICKSTART_RESOURCE, 0, 0, "", "missing from the jar")));
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "quickstart.yaml (embedded)");
    } catch (IOException e) {
      return new ConfigResult.Invalid(List.of(new ConfigError(QUICKSTART_RESOURCE, 0, 0, "", e.getMessage())));
    }
  }

  public static ConfigResult parse(String yamlText, String sourceName) {
    YamlReader r = new YamlReader(sourceName);
    Node root;
    try {
      LoaderOptions opts = new LoaderOptions();
      opts.setAllowDuplicateKeys(true); // reported by onlyKeys with the line
      opts.setMaxAliasesForCollections(10);
      root = new Yaml(opts).compose(new StringReader(yamlText));
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      int col = mark == null ? 0 : mark.getColumn() + 1;
      return new ConfigResult.Invalid(List.of(new ConfigError(sourceName, line, col, "",
          "YAML syntax error: " + e.getProblem())));
    } catch (YAMLException e) {
      return new ConfigResult.Invalid(List.of(new ConfigError(sourceName, 0, 0, "", "YAML error: " + e.getMessage())));
    }
    if (root == null) {
      return new ConfigResult.Invalid(List.of(new ConfigError(sourceName, 1, 1, "", "the file is empty")));
    }
    MappingNode top = r.mapping(root, "");
    if (top == null) {
      return new ConfigResult.Invalid(r.errors());
    }
    r.onlyKeys(top, "", TOP);
    NodeConfig node = node(r, top);
    AdminConfig admin = admin(r, top);
    ClusterConfig cluster = cluster(r, top);
    List<ListenerConfig> listeners = listeners(r, top);
    List<TrunkConfig> trunks = trunks(r, top, listeners);
    List<RouteConfig> routes = routes(r, top, listeners, trunks);
    SipConfig sip = sip(r, top);
    if (!r.errors().isEmpty()) {
      return new ConfigResult.Invalid(r.errors());
    }
    return new ConfigResult.Valid(new SbcConfig(node, admin, cluster, listeners, trunks, routes, sip));
  }

  private static NodeConfig node(YamlReader r, MappingNode top) {
    Node n = r.get(top, "node");
    if (n == null) {
      return new NodeConfig(defaultNodeName(), Defaults.DRAIN_TIMEOUT, Defaults.WORKERS);
    }
    MappingNode m = r.mapping(n, "node");
    r.onlyKeys(m, "node", List.of("name", "drain-timeout", "workers"));
    return new NodeConfig(r.string(m, "name", "node", defaultNodeName(), false),
        r.duration(m, "drain-timeout", "node", Defaults.DRAIN_TIMEOUT),
        r.integer(m, "workers", "node", Defaults.WORKERS, 0, 64));
  }

  private static String defaultNodeName() {
    try {
      String h = InetAddress.getLocalHost().getHostName();
      return h == null || h.isEmpty() ? Defaults.NODE_NAME : h;
    } catch (IOException e) {
      return Defaults.NODE_NAME;
    }
  }

  private static AdminConfig admin(YamlReader r, MappingNode top) {
    Node n = r.get(top, "admin");
    if (n == null) {
      return Defaults.ADMIN;
    }
    MappingNode m = r.mapping(n, "admin");
    r.onlyKeys(m, "admin", List.of("host", "port", "enabled"));
    AdminConfig d = Defaults.ADMIN;
    return new AdminConfig(r.string(m, "host", "admin", d.host(), false),
        r.integer(m, "port", "admin", d.port(), 0, 65535), r.bool(m, "enabled", "admin", d.enabled()));
  }

  private static ClusterConfig cluster(YamlReader r, MappingNode top) {
    Node n = r.get(top, "cluster");
    if (n == null) {
      return Defaults.CLUSTER;
    }
    MappingNode m = r.mapping(n, "cluster");
    r.onlyKeys(m, "cluster", List.of("name", "host", "port", "members", "backup-count"));
    ClusterConfig d = Defaults.CLUSTER;
    List<String> members = new ArrayList<>();
    List<Node> items = r.sequence(m, "members", "cluster");
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (item instanceof ScalarNode s && s.getValue().matches("^[^\\s:]+:\\d{1,5}$")) {
        members.add(s.getValue());
      } else {
        r.error(item, "cluster.members[" + i + "]", "must be host:port");
      }
    }
    return new ClusterConfig(r.string(m, "name", "cluster", d.name(), false),
        r.string(m, "host", "cluster", d.host(), false), r.integer(m, "port", "cluster", d.port(), 0, 65535),
        members, r.integer(m, "backup-count", "cluster", d.backupCount(), 0, 6));
  }

  private static List<ListenerConfig> listeners(YamlReader r, MappingNode top) {
    List<ListenerConfig> out = new ArrayList<>();
    Node n = r.get(top, "listeners");
    List<Node> items = r.sequence(top, "listeners", "");
    if (n == null || items.isEmpty()) {
      r.error(n == null ? top : n, "listeners", "at least one listener is required");
      return out;
    }
    Set<String> names = new HashSet<>();
    Set<String> sockets = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "listeners[" + i + "]";
      MappingNode m = r.mapping(items.get(i), path);
      if (m == null) {
        continue;
      }
      r.onlyKeys(m, path, List.of("name", "transport", "host", "port"));
      String name = r.string(m, "name", path, null, true);
      Transport t = r.enumValue(m, "transport", path, Transport.class, null, true, TRANSPORTS);
      String host = r.string(m, "host", path, null, true);
      int port = r.integer(m, "port", path, 5060, 0, 65535);
      if (name != null && !names.add(name)) {
        r.error(m, path + ".name", "listener name '" + name + "' is used twice");
      }
      if (t != null && host != null && port != 0 && !sockets.add(t + " " + host + ":" + port)) {
        r.error(m, path, t.name().toLowerCase() + " " + host + ":" + port + " is used by another listener");
      }
      if (name != null && t != null && host != null) {
        out.add(new ListenerConfig(name, t, host, port));
      }
    }
    return out;
  }

  private static List<TrunkConfig> trunks(YamlReader r, MappingNode top, List<ListenerConfig> listeners) {
    List<TrunkConfig> out = new ArrayList<>();
    List<Node> items = r.sequence(top, "trunks", "");
    Map<String, ListenerConfig> byName = new HashMap<>();
    listeners.forEach(l -> byName.put(l.name(), l));
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "trunks[" + i + "]";
      MappingNode m = r.mapping(items.get(i), path);
      if (m == null) {
        continue;
      }
      r.onlyKeys(m, path, List.of("name", "host", "port", "transport", "listener"));
      String name = r.string(m, "name", path, null, true);
      String host = r.string(m, "host", path, null, true);
      int port = r.integer(m, "port", path, Defaults.TRUNK_PORT, 1, 65535);
      Transport t = r.enumValue(m, "transport", path, Transport.class, Defaults.TRUNK_TRANSPORT, false, TRANSPORTS);
      String listener = r.string(m, "listener", path, null, false);
      if (name != null && !names.add(name)) {
        r.error(m, path + ".name", "trunk name '" + name + "' is used twice");
      }
      if (listener != null) {
        ListenerConfig l = byName.get(listener);
        if (l == null) {
          r.error(r.get(m, "listener"), path + ".listener", "unknown listener '" + listener + "' (allowed: "
              + String.join(", ", byName.keySet()) + ")");
        } else if (t != null && l.transport() != t) {
          r.error(r.get(m, "listener"), path + ".listener", "listener '" + listener + "' is "
              + l.transport().name().toLowerCase() + " but the trunk is " + t.name().toLowerCase());
        }
      } else if (t != null && !listeners.isEmpty() && listeners.stream().noneMatch(l -> l.transport() == t)) {
        r.error(m, path + ".transport", "no " + t.name().toLowerCase() + " listener can send to this trunk");
      }
      if (name != null && host != null) {
        out.add(new TrunkConfig(name, host, port, t, listener));
      }
    }
    return out;
  }

  private static List<RouteConfig> routes(YamlReader r, MappingNode top, List<ListenerConfig> listeners,
      List<TrunkConfig> trunks) {
    List<RouteConfig> out = new ArrayList<>();
    Set<String> trunkNames = new HashSet<>();
    trunks.forEach(t -> trunkNames.add(t.name()));
    Set<String> listenerNames = new HashSet<>();
    listeners.forEach(l -> listenerNames.add(l.name()));
    Set<String> names = new HashSet<>();
    List<Node> items = r.sequence(top, "routes", "");
    for (int i = 0; i < items.size(); i++) {
      String path = "routes[" + i + "]";
      MappingNode m = r.mapping(items.get(i), path);
      if (m == null) {
        continue;
      }
      r.onlyKeys(m, path, List.of("name", "match", "trunk"));
      String name = r.string(m, "name", path, "route-" + (i + 1), false);
      if (!names.add(name)) {
        r.error(m, path + ".name", "route name '" + name + "' is used twice");
      }
      String trunk = r.string(m, "trunk", path, null, true);
      if (trunk != null && !trunkNames.contains(trunk)) {
        r.error(r.get(m, "trunk"), path + ".trunk", "unknown trunk '" + trunk + "' (allowed: "
            + String.join(", ", trunkNames) + ")");
      }
      RouteMatch match = RouteMatch.ANY;
      Node mn = r.get(m, "match");
      if (mn != null) {
        MappingNode mm = r.mapping(mn, path + ".match");
        String mp = path + ".match";
        r.onlyKeys(mm, mp, List.of("listener", "source-trunk", "user-prefix", "user-regex"));
        String listener = r.string(mm, "listener", mp, null, false);
        if (listener != null && !listenerNames.contains(listener)) {
          r.error(r.get(mm, "listener"), mp + ".listener", "unknown listener '" + listener + "'");
        }
        String source = r.string(mm, "source-trunk", mp, null, false);
        if (source != null && !trunkNames.contains(source)) {
          r.error(r.get(mm, "source-trunk"), mp + ".source-trunk", "unknown trunk '" + source + "'");
        }
        String prefix = r.string(mm, "user-prefix", mp, null, false);
        String regex = r.string(mm, "user-regex", mp, null, false);
        Pattern p = null;
        if (regex != null) {
          try {
            p = Pattern.compile(regex);
          } catch (PatternSyntaxException e) {
            r.error(r.get(mm, "user-regex"), mp + ".user-regex", "not a valid regular expression: "
                + e.getDescription() + " near index " + e.getIndex());
          }
        }
        match = new RouteMatch(listener, source, prefix, p);
      }
      if (trunk != null) {
        out.add(new RouteConfig(name, match, trunk));
      }
    }
    return out;
  }

  private static SipConfig sip(YamlReader r, MappingNode top) {
    Node n = r.get(top, "sip");
    if (n == null) {
      return new SipConfig(Defaults.TIMERS, Defaults.LIMITS);
    }
    MappingNode m = r.mapping(n, "sip");
    r.onlyKeys(m, "sip", List.of("timers", "limits"));
    SipTimers timers = Defaults.TIMERS;
    Node tn = r.get(m, "timers");
    if (tn != null) {
      MappingNode tm = r.mapping(tn, "sip.timers");
      r.onlyKeys(tm, "sip.timers", List.of("t1", "t2", "t4"));
      SipTimers d = Defaults.TIMERS;
      timers = new SipTimers(r.duration(tm, "t1", "sip.timers", d.t1()), r.duration(tm, "t2", "sip.timers", d.t2()),
          r.duration(tm, "t4", "sip.timers", d.t4()));
      if (timers.t1().compareTo(timers.t2()) > 0) {
        r.error(tm, "sip.timers", "t1 (" + timers.t1().toMillis() + "ms) must not exceed t2 ("
            + timers.t2().toMillis() + "ms)");
      }
    }
    SipLimits limits = Defaults.LIMITS;
    Node ln = r.get(m, "limits");
    if (ln != null) {
      MappingNode lm = r.mapping(ln, "sip.limits");
      String p = "sip.limits";
      r.onlyKeys(lm, p, List.of("max-message-bytes", "max-headers", "max-connections", "tcp-idle-timeout",
          "max-calls", "retry-after-seconds", "max-call-duration"));
      SipLimits d = Defaults.LIMITS;
      limits = new SipLimits(r.integer(lm, "max-message-bytes", p, d.maxMessageBytes(), 1024, 1 << 20),
          r.integer(lm, "max-headers", p, d.maxHeaders(), 16, 4096),
          r.integer(lm, "max-connections", p, d.maxConnections(), 1, 1_000_000),
          r.duration(lm, "tcp-idle-timeout", p, d.tcpIdleTimeout()),
          r.integer(lm, "max-calls", p, d.maxCalls(), 1, 10_000_000),
          r.integer(lm, "retry-after-seconds", p, d.retryAfterSeconds(), 1, 3600),
          r.duration(lm, "max-call-duration", p, d.maxCallDuration()));
    }
    return new SipConfig(timers, limits);
  }
}
