package io.opensbc.config.loader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed reads from a SnakeYAML node tree that record an error (with the node's line) instead of
 * failing, so one pass finds every mistake.
 */
final class YamlReader {
  private static final Pattern DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|h)?$");

  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();

  YamlReader(String file) {
    this.file = file;
  }

  List<ConfigError> errors() {
    return errors;
  }

  void error(Node at, String path, String message) {
    int line = at == null ? 1 : at.getStartMark().getLine() + 1;
    int col = at == null ? 1 : at.getStartMark().getColumn() + 1;
    errors.add(new ConfigError(file, line, col, path, message));
  }

  /** The mapping at the node, or null (with an error) when it is something else. */
  MappingNode mapping(Node n, String path) {
    if (n instanceof MappingNode m) {
      return m;
    }
    error(n, path, "must be a mapping of keys to values");
    return null;
  }

  /** The value node of a key, or null when absent. */
  Node get(MappingNode m, String key) {
    if (m == null) {
      return null;
    }
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }

  /** Reports keys that are not allowed (with a close match when there is one) and duplicates. */
  void onlyKeys(MappingNode m, String path, Collection<String> allowed) {
    if (m == null) {
      return;
    }
    List<String> seen = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        error(t.getKeyNode(), path, "keys must be plain words");
        continue;
      }
      String key = k.getValue();
      String at = path.isEmpty() ? key : path + "." + key;
      if (seen.contains(key)) {
        error(k, at, "appears twice");
      }
      seen.add(key);
      if (!allowed.contains(key)) {
        String hint = closest(key, allowed);
        error(k, at, "unknown key" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
            + " (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }

  String string(MappingNode m, String key, String path, String def, boolean required) {
    Node n = get(m, key);
    String at = path.isEmpty() ? key : path + "." + key;
    if (n == null) {
      if (required) {
        error(m, at, "is required");
      }
      return def;
    }
    if (!(n instanceof ScalarNode s) || s.getValue().isEmpty()) {
      error(n, at, "must be a non-empty string");
      return def;
    }
    return s.getValue();
  }

  int integer(MappingNode m, String key, String path, int def, int min, int max) {
    Node n = get(m, key);
    String at = path.isEmpty() ? key : path + "." + key;
    if (n == null) {
      return def;
    }
    if (n instanceof ScalarNode s) {
      try {
        int v = Integer.parseInt(s.getValue().trim());
        if (v < min || v > max) {
          error(n, at, v + " is out of range (allowed: " + min + "-" + max + ")");
          return def;
        }
        return v;
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    error(n, at, "must be a whole number (allowed: " + min + "-" + max + ")");
    return def;
  }

  boolean bool(MappingNode m, String key, String path, boolean def) {
    Node n = get(m, key);
    String at = path.isEmpty() ? key : path + "." + key;
    if (n == null) {
      return def;
    }
    if (n instanceof ScalarNode s) {
      String v = s.getValue().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.parseBoolean(v);
      }
    }
    error(n, at, "must be true or false");
    return def;
  }

  Duration duration(MappingNode m, String key, String path, Duration def) {
    Node n = get(m, key);
    String at = path.isEmpty() ? key : path + "." + key;
    if (n == null) {
      return def;
    }
    if (n instanceof ScalarNode s) {
      Matcher mm = DURATION.matcher(s.getValue().trim());
      if (mm.matches()) {
        long v = Long.parseLong(mm.group(1));
        String unit = mm.group(2) == null ? "ms" : mm.group(2);
        Duration d = switch (unit) {
          case "s" -> Duration.ofSeconds(v);
          case "m" -> Duration.ofMinutes(v);
          case "h" -> Duration.ofHours(v);
          default -> Duration.ofMillis(v);
        };
        if (d.isZero()) {
          error(n, at, "must be longer than zero");
          return def;
        }
        return d;
      }
    }
    error(n, at, "must be a duration such as 500ms, 4s, 5m, 2h or a number of milliseconds");
    return def;
  }

  /** Items of a sequence (empty when absent; an error when not a sequence). */
  List<Node> sequence(MappingNode m, String key, String path) {
    Node n = get(m, key);
    String at = path.isEmpty() ? key : path + "." + key;
    if (n == null) {
      return List.of();
    }
    if (n instanceof SequenceNode s) {
      return s.getValue();
    }
    error(n, at, "must be a list");
    return List.of();
  }

  /** One value of an enumeration, case-insensitive. */
  <E extends Enum<E>> E enumValue(MappingNode m, String key, String path, Class<E> type, E def,
      boolean required, String... allowed) {
    String v = string(m, key, path, null, required);
    if (v == null) {
      return def;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v)) {
        return Enum.valueOf(type, a.toUpperCase(Locale.ROOT));
      }
    }
    error(get(m, key), path + "." + key, "'" + v + "' is not allowed (allowed: " + String.join(", ", allowed) + ")");
    return def;
  }

  private static String closest(String key, Collection<String> allowed) {
    String best = null;
    int bestD = 3;
    for (String a : allowed) {
      int d = distance(key, a);
      if (d < bestD) {
        bestD = d;
        best = a;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
