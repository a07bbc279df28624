package io.opensbc.sip.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, ordered header section. Names compare case-insensitively with compact forms
 * expanded; list headers (RFC 3261 §7.3.1) are split into values on top-level commas, so
 * {@code Via: a, b} and two {@code Via} lines read the same.
 */
public final class Headers {
  public static final Headers EMPTY = new Headers(new HeaderField[0]);

  /** The fields as an array, for the lookup loops on the hot path; never modified. */
  private final HeaderField[] array;
  private final List<HeaderField> fields;

  private Headers(HeaderField[] array) {
    for (HeaderField f : array) {
      Objects.requireNonNull(f, "header field");
    }
    this.array = array;
    this.fields = Collections.unmodifiableList(Arrays.asList(array));
  }

  public static Headers of(List<HeaderField> fields) {
    return new Headers(fields.toArray(new HeaderField[0]));
  }

  /** The first {@code size} fields of an array (copied). */
  public static Headers of(HeaderField[] fields, int size) {
    return new Headers(Arrays.copyOf(fields, size));
  }

  static Headers wrap(ArrayList<HeaderField> fields) {
    return new Headers(fields.toArray(new HeaderField[0]));
  }

  public List<HeaderField> fields() {
    return fields;
  }

  /** Copies the fields to the start of {@code to} (which must hold them). */
  public void copyTo(HeaderField[] to) {
    System.arraycopy(array, 0, to, 0, array.length);
  }

  public int size() {
    return array.length;
  }

  private static boolean same(String canonical, HeaderField f) {
    String n = f.name();
    // known names are the same canonical String instance; others compare ignoring case
    return n == canonical || n.equalsIgnoreCase(canonical);
  }

  public boolean contains(String name) {
    String n = HeaderNames.canonical(name);
    for (HeaderField f : array) {
      if (same(n, f)) {
        return true;
      }
    }
    return false;
  }

  /** The first value of the header (for list headers: the first comma-separated element), or null. */
  public String first(String name) {
    String n = HeaderNames.canonical(name);
    for (HeaderField f : array) {
      if (same(n, f)) {
        if (HeaderNames.isList(n)) {
          String e = firstOfList(f.value());
          if (e != null) {
            return e;
          }
          continue;
        }
        return f.value();
      }
    }
    return null;
  }

  /** Every value of the header in order; list headers are split on top-level commas. */
  public List<String> values(String name) {
    String n = HeaderNames.canonical(name);
    boolean list = HeaderNames.isList(n);
    List<String> out = new ArrayList<>(2);
    for (HeaderField f : array) {
      if (same(n, f)) {
        if (list) {
          out.addAll(splitList(f.value()));
        } else {
          out.add(f.value());
        }
      }
    }
    return out;
  }

  /** Replaces every occurrence of the header with one value, at the place of the first one. */
  public Headers set(String name, String value) {
    String n = HeaderNames.canonical(name);
    ArrayList<HeaderField> out = new ArrayList<>(fields.size() + 1);
    boolean placed = false;
    for (HeaderField f : fields) {
      if (same(n, f)) {
        if (!placed) {
          out.add(new HeaderField(n, value));
          placed = true;
        }
      } else {
        out.add(f);
      }
    }
    if (!placed) {
      out.add(new HeaderField(n, value));
    }
    return wrap(out);
  }

  /** Appends a header line at the end. */
  public Headers add(String name, String value) {
    ArrayList<HeaderField> out = new ArrayList<>(fields.size() + 1);
    out.addAll(fields);
    out.add(new HeaderField(name, value));
    return wrap(out);
  }

  /** Inserts a header line before the first line of the same name, or at the top. */
  public Headers prepend(String name, String value) {
    String n = HeaderNames.canonical(name);
    ArrayList<HeaderField> out = new ArrayList<>(fields.size() + 1);
    boolean placed = false;
    for (HeaderField f : fields) {
      if (!placed && same(n, f)) {
        out.add(new HeaderField(n, value));
        placed = true;
      }
      out.add(f);
    }
    if (!placed) {
      out.add(0, new HeaderField(n, value));
    }
    return wrap(out);
  }

  /** Removes every line of the header. */
  public Headers remove(String name) {
    String n = HeaderNames.canonical(name);
    ArrayList<HeaderField> out = new ArrayList<>(fields.size());
    for (HeaderField f : fields) {
      if (!same(n, f)) {
        out.add(f);
      }
    }
    return out.size() == fields.size() ? this : wrap(out);
  }

  /** Removes the first value of a list header (e.g. the top Via), keeping the rest of its line. */
  public Headers removeFirstValue(String name) {
    String n = HeaderNames.canonical(name);
    ArrayList<HeaderField> out = new ArrayList<>(fields.size());
    boolean done = false;
    for (HeaderField f : fields) {
      if (!done && same(n, f)) {
        done = true;
        List<String> parts = splitList(f.value());
        if (parts.size() > 1) {
          out.add(new HeaderField(n, String.join(", ", parts.subList(1, parts.size()))));
        }
        continue;
      }
      out.add(f);
    }
    return wrap(out);
  }

  /**
   * The first element of a list header value (as {@link #splitList} would give it), or null when
   * the value holds no element; allocates only the element.
   */
  public static String firstOfList(String value) {
    return elements(value, null);
  }

  /**
   * Splits a list header value on commas that are outside quoted strings and angle brackets.
   * Empty elements are dropped.
   */
  public static List<String> splitList(String value) {
    List<String> out = new ArrayList<>(2);
    elements(value, out);
    return out;
  }

  /**
   * The one scanner of list values: each non-empty element, trimmed, goes to {@code out}; with
   * {@code out} null the scan stops at the first element and returns it (null: none).
   */
  private static String elements(String value, List<String> out) {
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < LIST_SPECIAL.length && !LIST_SPECIAL[c]) {
        continue; // most characters: one comparison and a table
      }
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        String e = trimmed(value, start, i);
        if (e != null) {
          if (out == null) {
            return e;
          }
          out.add(e);
        }
        start = i + 1;
      }
    }
    String e = trimmed(value, start, n);
    if (out != null && e != null) {
      out.add(e);
    }
    return e;
  }

  /** The characters the list scan looks at: quotes, escapes, angle brackets and commas. */
  private static final boolean[] LIST_SPECIAL = new boolean[128];

  static {
    for (char c : "\"\\<>,".toCharArray()) {
      LIST_SPECIAL[c] = true;
    }
  }

  private static String trimmed(String v, int from, int to) {
    while (from < to && isWs(v.charAt(from))) {
      from++;
    }
    while (to > from && isWs(v.charAt(to - 1))) {
      to--;
    }
    if (to <= from) {
      return null;
    }
    return from == 0 && to == v.length() ? v : v.substring(from, to);
  }

  private static boolean isWs(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && Arrays.equals(h.array, array);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(array);
  }

  @Override
  public String toString() {
    return fields.toString();
  }

  /** Collects header lines in order; used by the parser and by message factories. */
  public static final class Builder {
    private final ArrayList<HeaderField> fields = new ArrayList<>(16);

    public Builder add(String name, String value) {
      fields.add(new HeaderField(name, value));
      return this;
    }

    public Builder add(HeaderField field) {
      fields.add(field);
      return this;
    }

    public int size() {
      return fields.size();
    }

    public Headers build() {
      return wrap(new ArrayList<>(fields));
    }
  }
}
