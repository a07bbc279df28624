package io.opensbc.sip.rules;

import io.opensbc.sip.message.HeaderField;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import java.util.ArrayList;
import java.util.List;

/**
 * The header section of a message under edit: reads go to the original until the first write,
 * which copies it once into a mutable list; {@link #result()} freezes it again. Same semantics as
 * {@link Headers} (names canonical, list headers split on top-level commas). Names passed in must
 * already be canonical ({@link HeaderNames#canonical}).
 */
final class HeaderEdit {
  private final Headers original;
  private ArrayList<HeaderField> list;

  HeaderEdit(Headers original) {
    this.original = original;
  }

  boolean changed() {
    return list != null;
  }

  Headers result() {
    return list == null ? original : Headers.of(list);
  }

  private List<HeaderField> fields() {
    return list != null ? list : original.fields();
  }

  private ArrayList<HeaderField> writable() {
    if (list == null) {
      list = new ArrayList<>(original.fields().size() + 2);
      list.addAll(original.fields());
    }
    return list;
  }

  private static boolean same(String canonical, HeaderField f) {
    String n = f.name();
    return n == canonical || n.equalsIgnoreCase(canonical);
  }

  boolean contains(String name) {
    if (list == null) {
      return original.contains(name);
    }
    for (HeaderField f : list) {
      if (same(name, f)) {
        return true;
      }
    }
    return false;
  }

  String first(String name) {
    if (list == null) {
      return original.first(name);
    }
    for (HeaderField f : list) {
      if (same(name, f)) {
        String v = f.value();
        if (!HeaderNames.isList(name) || v.indexOf(',') < 0) {
          return HeaderNames.isList(name) ? v.trim() : v;
        }
        List<String> parts = Headers.splitList(v);
        if (!parts.isEmpty()) {
          return parts.get(0);
        }
      }
    }
    return null;
  }

  List<String> values(String name) {
    if (list == null) {
      return original.values(name);
    }
    boolean isList = HeaderNames.isList(name);
    List<String> out = new ArrayList<>(2);
    for (HeaderField f : list) {
      if (same(name, f)) {
        if (isList) {
          out.addAll(Headers.splitList(f.value()));
        } else {
          out.add(f.value());
        }
      }
    }
    return out;
  }

  void add(String name, String value) {
    writable().add(new HeaderField(name, value));
  }

  /** Removes every line of the header; false when there was none. */
  boolean remove(String name) {
    if (!contains(name)) {
      return false;
    }
    writable().removeIf(f -> same(name, f));
    return true;
  }

  /** Replaces every line with one, at the place of the first (appended when absent). */
  void set(String name, String value) {
    ArrayList<HeaderField> l = writable();
    int at = -1;
    for (int i = 0; i < l.size(); i++) {
      if (same(name, l.get(i))) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      l.add(new HeaderField(name, value));
      return;
    }
    l.set(at, new HeaderField(name, value));
    for (int i = l.size() - 1; i > at; i--) {
      if (same(name, l.get(i))) {
        l.remove(i);
      }
    }
  }

  /**
   * Replaces the first value of the header, keeping its other values (of a list header, or
   * further lines) where they are; false when the header is absent.
   */
  boolean replaceFirstValue(String name, String value) {
    ArrayList<HeaderField> l = writable();
    for (int i = 0; i < l.size(); i++) {
      HeaderField f = l.get(i);
      if (same(name, f)) {
        String v = f.value();
        if (HeaderNames.isList(name) && v.indexOf(',') >= 0) {
          List<String> parts = Headers.splitList(v);
          if (parts.size() > 1) {
            StringBuilder sb = new StringBuilder(value);
            for (int k = 1; k < parts.size(); k++) {
              sb.append(", ").append(parts.get(k));
            }
            value = sb.toString();
          }
        }
        l.set(i, new HeaderField(name, value));
        return true;
      }
    }
    return false;
  }
}
