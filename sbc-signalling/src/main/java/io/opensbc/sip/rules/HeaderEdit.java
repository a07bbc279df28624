package io.opensbc.sip.rules;

import io.opensbc.sip.message.HeaderField;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header section of a message under edit, as an array of the original fields (copied once,
 * on first use) with a short case-insensitive key of each name beside it (length, first and last
 * letter), so a lookup compares ints and confirms a name only on a key hit: a chain of twenty
 * rules scans the section dozens of times. {@link #result()} freezes it again, keeping the original when nothing changed. Same
 * semantics as {@link Headers} (list headers split on top-level commas). Names passed in must
 * already be canonical ({@link HeaderNames#canonical}).
 */
final class HeaderEdit {
  private Headers original;
  private HeaderField[] fields;
  private int[] codes;
  /** Lines in {@link #fields}; -1 until the section is first used (copied). */
  private int size = -1;
  /**
   * One bit per name key ({@link #bit}) of every name ever in the section: a name whose bit is
   * clear is absent without a scan (most rules ask about headers a message does not carry).
   * Removals leave bits set, so a set bit only means "scan".
   */
  private long present;
  private boolean changed;

  HeaderEdit(Headers original) {
    reset(original);
  }

  /** Starts on another message's headers, keeping the arrays for reuse. */
  void reset(Headers h) {
    if (size > 0) {
      Arrays.fill(fields, 0, size, null); // no hold on the last message
    }
    original = h;
    size = -1;
    present = 0;
    changed = false;
  }

  boolean changed() {
    return changed;
  }

  Headers result() {
    return changed ? Headers.of(fields, size) : original;
  }

  /** A case-insensitive key of a header name: its length, first and last character (ASCII letters folded). */
  static int code(String name) {
    int n = name.length();
    return n == 0 ? 0 : n << 16 | (name.charAt(0) | 0x20) << 8 | (name.charAt(n - 1) | 0x20) & 0xff;
  }

  private void load() {
    if (size < 0) {
      int n = original.size();
      if (fields == null || fields.length < n + 4) {
        fields = new HeaderField[n + 8];
        codes = new int[n + 8];
      }
      original.copyTo(fields);
      long p = 0;
      for (int i = 0; i < n; i++) {
        int c = code(fields[i].name());
        codes[i] = c;
        p |= bit(c);
      }
      present = p;
      size = n;
    }
  }

  /** The key's bit: the top six bits of a Fibonacci hash, so similar keys spread over the 64. */
  private static long bit(int code) {
    return 1L << ((code * 0x9E3779B1) >>> 26);
  }

  /** Index of the first line of the header at or after {@code from}, or -1. */
  private int find(String name, int code, int from) {
    load();
    if ((present & bit(code)) == 0) {
      return -1;
    }
    for (int i = from; i < size; i++) {
      if (codes[i] == code) {
        String n = fields[i].name();
        if (n == name || n.equalsIgnoreCase(name)) {
          return i;
        }
      }
    }
    return -1;
  }

  boolean contains(String name) {
    return find(name, code(name), 0) >= 0;
  }

  String first(String name) {
    int c = code(name);
    int i = find(name, c, 0);
    if (i < 0 || !HeaderNames.isList(name)) {
      return i < 0 ? null : fields[i].value();
    }
    for (; i >= 0; i = find(name, c, i + 1)) {
      String v = fields[i].value();
      String e = Headers.firstOfList(v);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  List<String> values(String name) {
    int c = code(name);
    int i = find(name, c, 0);
    boolean isList = i >= 0 && HeaderNames.isList(name);
    List<String> out = new ArrayList<>(2);
    for (; i >= 0; i = find(name, c, i + 1)) {
      String v = fields[i].value();
      if (isList) {
        out.addAll(Headers.splitList(v));
      } else {
        out.add(v);
      }
    }
    return out;
  }

  /** True when the header has exactly one value (one line, and for a list header one element). */
  boolean single(String name) {
    int c = code(name);
    int i = find(name, c, 0);
    if (i < 0 || find(name, c, i + 1) >= 0) {
      return false;
    }
    String v = fields[i].value();
    return !HeaderNames.isList(name) || v.indexOf(',') < 0 || Headers.splitList(v).size() == 1;
  }

  void add(String name, String value) {
    load();
    if (size == fields.length) {
      fields = Arrays.copyOf(fields, size * 2);
      codes = Arrays.copyOf(codes, size * 2);
    }
    int c = code(name);
    fields[size] = new HeaderField(name, value);
    codes[size] = c;
    present |= bit(c);
    size++;
    changed = true;
  }

  /** Removes every line of the header; false when there was none. */
  boolean remove(String name) {
    int c = code(name);
    int i = find(name, c, 0);
    if (i < 0) {
      return false;
    }
    removeFrom(name, c, i);
    return true;
  }

  /** Removes the line at {@code at} and every later line of the header. */
  private void removeFrom(String name, int c, int at) {
    int w = at;
    for (int r = at + 1; r < size; r++) {
      if (!(codes[r] == c && (fields[r].name() == name || fields[r].name().equalsIgnoreCase(name)))) {
        fields[w] = fields[r];
        codes[w] = codes[r];
        w++;
      }
    }
    Arrays.fill(fields, w, size, null);
    size = w;
    changed = true;
  }

  /** Replaces every line with one, at the place of the first (appended when absent). */
  void set(String name, String value) {
    int c = code(name);
    int at = find(name, c, 0);
    if (at < 0) {
      add(name, value);
      return;
    }
    int next = find(name, c, at + 1);
    if (next >= 0) {
      removeFrom(name, c, next);
    }
    fields[at] = new HeaderField(name, value);
    changed = true;
  }

  /**
   * Replaces the first value of the header, keeping its other values (of a list header, or
   * further lines) where they are; false when the header is absent.
   */
  boolean replaceFirstValue(String name, String value) {
    int i = find(name, code(name), 0);
    if (i < 0) {
      return false;
    }
    String v = fields[i].value();
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
    fields[i] = new HeaderField(name, value);
    changed = true;
    return true;
  }
}
