package io.opensbc.config.loader;

import io.opensbc.config.model.Transport;
import io.opensbc.config.validation.DurationRule;
import io.opensbc.config.validation.HostRule;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.Suggestions;
import io.opensbc.config.validation.Violations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping with a known set of keys. Reading a value checks its type and rule and reports
 * any violation; the reader then returns the default (or null for a required value) so reading goes
 * on and every mistake is found.
 */
final class Section {
  /** Top-level keys starting with this are ignored: a place to define anchors. */
  static final String EXTENSION_PREFIX = "x-";

  private static final Tag MERGED = new Tag("tag:opensbc.io,2026:merged");

  private final String path;
  private final Violations violations;
  private final boolean reportMissing;
  private final Map<String, Node> values = new LinkedHashMap<>();

  /**
   * {@code reportMissing} is false when the section itself is broken: its missing keys are not
   * news.
   */
  private Section(String path, Violations violations, boolean reportMissing) {
    this.path = path;
    this.violations = violations;
    this.reportMissing = reportMissing;
  }

  /** Reads {@code node} (absent or null = empty mapping), reporting unknown and duplicate keys. */
  static Section of(Node node, String path, Violations v, String... allowedKeys) {
    if (node == null || isNull(node)) {
      return new Section(path, v, true);
    }
    locate(v, path, node);
    if (!(node instanceof MappingNode mapping)) {
      v.add(
          path,
          "expected a mapping, got "
              + describe(node)
              + " (allowed keys: "
              + String.join(", ", allowedKeys)
              + ")");
      return new Section(path, v, false);
    }
    int before = v.count();
    List<NodeTuple> tuples = withMerges(mapping, path, v);
    Section s = new Section(path, v, v.count() == before);
    List<String> allowed = Arrays.asList(allowedKeys);
    Map<String, Integer> firstLine = new LinkedHashMap<>();
    for (NodeTuple t : tuples) {
      if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
        at(
            v,
            t.getKeyNode(),
            path,
            "keys must be plain names (allowed: " + String.join(", ", allowed) + ")");
        continue;
      }
      String key = keyNode.getValue();
      String child = child(path, key);
      if (path.isEmpty() && key.startsWith(EXTENSION_PREFIX)) {
        continue;
      }
      Integer prev = firstLine.putIfAbsent(key, line(keyNode));
      if (prev != null && keyNode.getTag().equals(MERGED)) {
        continue; // a merged key that the mapping sets itself: the explicit value wins
      }
      if (prev != null) {
        at(v, keyNode, child, "duplicate key '" + key + "', first given on line " + prev);
      } else if (!allowed.contains(key)) {
        String hint = Suggestions.closest(key, allowed);
        at(
            v,
            keyNode,
            child,
            "unknown key '"
                + key
                + "'"
                + (hint == null ? "" : "; did you mean '" + hint + "'?")
                + " (allowed: "
                + String.join(", ", allowed)
                + ")");
      } else {
        locate(v, child, t.getValueNode());
        if (!isNull(t.getValueNode())) {
          s.values.put(key, t.getValueNode());
        }
      }
    }
    return s;
  }

  /**
   * The mapping's own entries, then those merged in with {@code <<: *anchor} (or a list of
   * anchors), their keys tagged {@link #MERGED} so an explicit key overrides them silently.
   */
  private static List<NodeTuple> withMerges(MappingNode mapping, String path, Violations v) {
    List<NodeTuple> own = new ArrayList<>();
    List<NodeTuple> merged = new ArrayList<>();
    for (NodeTuple t : mapping.getValue()) {
      if (!t.getKeyNode().getTag().equals(Tag.MERGE)) {
        own.add(t);
        continue;
      }
      Node value = t.getValueNode();
      List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
      for (Node source : sources) {
        if (!(source instanceof MappingNode m)) {
          at(
              v,
              source,
              child(path, "<<"),
              "can only merge a mapping, got "
                  + describe(source)
                  + " (allowed: <<: *anchor or <<: [*a, *b])");
          continue;
        }
        for (NodeTuple mt : withMerges(m, path, v)) {
          if (mt.getKeyNode() instanceof ScalarNode k) {
            ScalarNode tagged =
                new ScalarNode(
                    MERGED, k.getValue(), k.getStartMark(), k.getEndMark(), k.getScalarStyle());
            merged.add(new NodeTuple(tagged, mt.getValueNode()));
          }
        }
      }
    }
    own.addAll(merged);
    return own;
  }

  /** An empty list item ({@code - } with nothing after it): reported once, its keys not again. */
  static Section empty(String path, Violations v, String... allowedKeys) {
    v.add(path, "empty list item (allowed keys: " + String.join(", ", allowedKeys) + ")");
    return new Section(path, v, false);
  }

  String child(String key) {
    return child(path, key);
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  /** The raw node of {@code key}, or null if absent or null. */
  Node node(String key) {
    return values.get(key);
  }

  /** An optional string; {@code def} when absent. */
  String string(String key, String def) {
    ScalarNode n = scalar(key, "a string", "text");
    if (n == null) {
      return def;
    }
    if (n.getValue().isBlank()) {
      violations.add(child(key), "must not be empty");
      return def;
    }
    return n.getValue();
  }

  String requiredString(String key, String allowed) {
    if (!missing(key, allowed)) {
      return string(key, null);
    }
    return null;
  }

  /** An optional integer; {@code def} when absent or wrong. A null {@code def} means required. */
  Integer integer(String key, Integer def, IntRule rule) {
    if (def == null && missing(key, rule.allowed())) {
      return null;
    }
    ScalarNode n = scalar(key, "an integer", rule.allowed());
    if (n == null) {
      return def;
    }
    Long value = parseLong(n);
    if (value == null) {
      violations.add(
          child(key),
          "expected an integer, got '" + n.getValue() + "' (allowed: " + rule.allowed() + ")");
      return def;
    }
    String problem = rule.check(value);
    if (problem != null) {
      violations.add(child(key), problem);
      return def;
    }
    return value.intValue();
  }

  boolean bool(String key, boolean def) {
    ScalarNode n = scalar(key, "true or false", "true, false");
    if (n == null) {
      return def;
    }
    switch (n.getValue().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on":
        return true;
      case "false", "no", "off":
        return false;
      default:
        violations.add(
            child(key),
            "expected true or false, got '" + n.getValue() + "' (allowed: true, false)");
        return def;
    }
  }

  Duration duration(String key, Duration def, DurationRule rule) {
    ScalarNode n = scalar(key, "a duration", rule.allowed());
    if (n == null) {
      return def;
    }
    Duration d = Durations.parse(n.getValue());
    if (d == null) {
      violations.add(
          child(key),
          "cannot read duration '" + n.getValue() + "' (allowed: " + rule.allowed() + ")");
      return def;
    }
    String problem = rule.check(d, n.getValue());
    if (problem != null) {
      violations.add(child(key), problem);
      return def;
    }
    return d;
  }

  /** A transport; {@code def} when absent, or required when {@code def} is null. */
  Transport transport(String key, Transport def) {
    String allowed =
        Arrays.stream(Transport.values())
            .map(Transport::yamlName)
            .collect(Collectors.joining(", "));
    if (def == null && missing(key, allowed)) {
      return null;
    }
    ScalarNode n = scalar(key, "a transport", allowed);
    if (n == null) {
      return def;
    }
    String text = n.getValue().trim().toLowerCase(Locale.ROOT);
    for (Transport t : Transport.values()) {
      if (t.yamlName().equals(text)) {
        return t;
      }
    }
    violations.add(
        child(key), "unknown transport '" + n.getValue() + "' (allowed: " + allowed + ")");
    return null;
  }

  /** A host ({@link HostRule}); {@code def} when absent, or required when {@code def} is null. */
  String host(String key, String def) {
    String host = def == null ? requiredString(key, HostRule.ALLOWED) : string(key, def);
    if (host != null && !violations.reported(child(key))) {
      String problem = HostRule.check(host);
      if (problem != null) {
        violations.add(child(key), problem);
      }
    }
    return host;
  }

  /**
   * One of {@code allowed}, matched ignoring case; null when absent, or when wrong (reported as an
   * unknown {@code kind}, with a "did you mean").
   */
  String choice(String key, String kind, List<String> allowed) {
    String text = string(key, null);
    return text == null ? null : choice(text, child(key), kind, allowed, violations);
  }

  /** {@code text} as one of {@code allowed}, matched ignoring case; null (reported) when none. */
  static String choice(String text, String path, String kind, List<String> allowed, Violations v) {
    for (String a : allowed) {
      if (a.equalsIgnoreCase(text.trim())) {
        return a;
      }
    }
    String hint = Suggestions.closest(text, allowed);
    v.add(
        path,
        "unknown "
            + kind
            + " '"
            + text
            + "'"
            + (hint == null ? "" : "; did you mean '" + hint + "'?")
            + " (allowed: "
            + String.join(", ", allowed)
            + ")");
    return null;
  }

  Pattern regex(String key) {
    ScalarNode n = scalar(key, "a regular expression", "a Java regular expression");
    if (n == null) {
      return null;
    }
    try {
      return Pattern.compile(n.getValue());
    } catch (PatternSyntaxException e) {
      violations.add(
          child(key),
          "invalid regular expression '"
              + n.getValue()
              + "': "
              + e.getDescription()
              + " near index "
              + e.getIndex()
              + " (allowed: a Java regular expression)");
      return null;
    }
  }

  /** The items of a list; empty when absent; reported when not a list. */
  List<Node> sequence(String key, String allowed) {
    Node n = values.get(key);
    if (n == null) {
      return List.of();
    }
    if (n instanceof SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        locate(violations, child(key) + "[" + i + "]", seq.getValue().get(i));
      }
      return seq.getValue();
    }
    violations.add(
        child(key), "expected a list, got " + describe(n) + " (allowed: " + allowed + ")");
    return List.of();
  }

  private boolean missing(String key, String allowed) {
    if (values.containsKey(key)) {
      return false;
    }
    if (reportMissing) {
      violations.add(child(key), "missing required key '" + key + "' (allowed: " + allowed + ")");
    }
    return true;
  }

  private ScalarNode scalar(String key, String expected, String allowed) {
    Node n = values.get(key);
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode s) {
      return s;
    }
    violations.add(
        child(key),
        "expected " + expected + ", got " + describe(n) + " (allowed: " + allowed + ")");
    return null;
  }

  private static Long parseLong(ScalarNode n) {
    String text = n.getValue().trim();
    if (n.getTag().equals(Tag.INT)) {
      text = text.replace("_", "");
    }
    try {
      if (text.startsWith("0x")) {
        return Long.parseLong(text.substring(2), 16);
      }
      return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  static String describe(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    return "'" + ((ScalarNode) n).getValue() + "'";
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }

  static void locate(Violations v, String path, Node n) {
    v.locate(path, line(n), n.getStartMark().getColumn() + 1);
  }

  private static void at(Violations v, Node n, String path, String message) {
    v.addAt(line(n), n.getStartMark().getColumn() + 1, path, message);
  }
}
