package io.opensbc.config.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every violation found in one document, and where each path of the document is, so a rule
 * checked after parsing can still point at the right line. A bound record can also be tied to the
 * path it was read from ({@link #origin}), for records whose path a later check cannot rebuild from
 * list indexes (rules, conditions, actions, field references).
 */
public final class Violations {
  private final Map<String, int[]> positions = new HashMap<>();
  private final Map<Object, String> origins = new IdentityHashMap<>();
  private final List<Violation> errors = new ArrayList<>();

  /** Records where {@code path} is (1-based line and column). */
  public void locate(String path, int line, int column) {
    positions.putIfAbsent(path, new int[] {line, column});
  }

  /** Records that {@code value} (this very instance) was read from {@code path}. */
  public void origin(Object value, String path) {
    if (value != null) {
      origins.putIfAbsent(value, path);
    }
  }

  /**
   * The path {@code value} was read from, or {@code fallback} for a value not read from the
   * document (built in code).
   */
  public String pathOf(Object value, String fallback) {
    String p = value == null ? null : origins.get(value);
    return p == null ? fallback : p;
  }

  /** True when {@code path} was read from the document (its position is known). */
  public boolean located(String path) {
    return positions.containsKey(path);
  }

  /** Adds an error at {@code path}, placed at the path or its nearest located parent. */
  public void add(String path, String message) {
    int[] pos = position(path);
    errors.add(new Violation(pos[0], pos[1], path, message));
  }

  /** Adds an error at an explicit position. */
  public void addAt(int line, int column, String path, String message) {
    errors.add(new Violation(line, column, path, message));
  }

  /** True if an error was already reported at {@code path} or beneath it. */
  public boolean reported(String path) {
    return errors.stream()
        .map(Violation::path)
        .anyMatch(p -> p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "["));
  }

  public int count() {
    return errors.size();
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The errors in document order (line, then column, then the order found). */
  public List<Violation> list() {
    List<Violation> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(Violation::line).thenComparingInt(Violation::column));
    return List.copyOf(sorted);
  }

  private int[] position(String path) {
    String p = path;
    while (true) {
      int[] pos = positions.get(p);
      if (pos != null) {
        return pos;
      }
      if (p.isEmpty()) {
        return new int[] {1, 1};
      }
      p = parent(p);
    }
  }

  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
