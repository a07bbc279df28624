package io.opensbc.sip.message;

import java.util.ArrayList;
import java.util.List;

/** Ordered generic parameters ({@code ;name[=value]}); names compare case-insensitively. */
public record Params(List<Param> list) {
  public static final Params EMPTY = new Params(List.of());

  /** One parameter; {@code value} is null for a flag such as {@code ;lr} or {@code ;rport}. */
  public record Param(String name, String value) {}

  public Params {
    list = List.copyOf(list);
  }

  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? null : list.get(i).value();
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  private int indexOf(String name) {
    for (int i = 0, n = list.size(); i < n; i++) {
      String p = list.get(i).name();
      if (p == name || p.equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Sets (replacing) a parameter; a null value makes a flag. */
  public Params with(String name, String value) {
    List<Param> out = new ArrayList<>(list.size() + 1);
    boolean placed = false;
    for (Param p : list) {
      if (p.name().equalsIgnoreCase(name)) {
        if (!placed) {
          out.add(new Param(name, value));
          placed = true;
        }
      } else {
        out.add(p);
      }
    }
    if (!placed) {
      out.add(new Param(name, value));
    }
    return new Params(out);
  }

  public Params without(String name) {
    List<Param> out = new ArrayList<>(list.size());
    for (Param p : list) {
      if (!p.name().equalsIgnoreCase(name)) {
        out.add(p);
      }
    }
    return new Params(out);
  }

  /**
   * Parses {@code ;a=b;c} (the leading ';' optional). Values may be quoted strings; whitespace
   * around '=' and ';' is allowed (RFC 3261 SEMI / EQUAL).
   */
  public static Parsed<Params> parse(String s) {
    return parse(s, 0, s.length());
  }

  private static final Parsed<Params> NONE = Parsed.ok(EMPTY);

  /** Parses the parameters in {@code s} from index {@code from} up to {@code n}. */
  public static Parsed<Params> parse(String s, int from, int n) {
    if (skipWs(s, from, n) >= n) {
      return NONE;
    }
    Builder b = new Builder();
    String why = scan(s, from, n, b);
    return why != null ? Parsed.malformed(why) : Parsed.ok(b.result());
  }

  /** Null when {@code s[from, n)} are well-formed parameters, else why not; allocates nothing when they are. */
  public static String check(String s, int from, int n) {
    return scan(s, from, n, null);
  }

  /**
   * Where the first parameter called {@code name} (ignoring case) lies in the well-formed
   * parameters {@code s[from, n)}: its start (the {@code ;}, or the name when the text has no
   * leading {@code ;}) in the high 32 bits and its end in the low ones; -1 when absent. The value
   * is {@link #valueIn} of that span.
   */
  public static long locate(String s, int from, int n, String name) {
    Locator l = new Locator(name);
    scan(s, from, n, l);
    return l.found;
  }

  /** The value of the parameter at a span from {@link #locate}: "" for a flag (as the rule fields read it). */
  public static String valueIn(String s, long span) {
    int start = (int) (span >>> 32);
    int end = (int) span;
    int eq = s.indexOf('=', start);
    if (eq < 0 || eq >= end) {
      return "";
    }
    return s.substring(skipWs(s, eq + 1, end), end);
  }

  /** Receives each parameter a scan finds; false stops the scan. */
  private interface Sink {
    boolean param(String s, int start, int nameStart, int nameEnd, int valueStart, int valueEnd, int end);
  }

  /** Collects the parameters into a {@link Params}; one parameter (the usual case) without a list copy. */
  private static final class Builder implements Sink {
    Param first;
    List<Param> more;

    @Override
    public boolean param(String s, int start, int nameStart, int nameEnd, int valueStart, int valueEnd, int end) {
      Param p = new Param(common(s, nameStart, nameEnd), valueStart < 0 ? null : common(s, valueStart, valueEnd));
      if (first == null) {
        first = p;
      } else {
        if (more == null) {
          more = new ArrayList<>(4);
          more.add(first);
        }
        more.add(p);
      }
      return true;
    }

    Params result() {
      return more != null ? new Params(more) : first != null ? new Params(List.of(first)) : EMPTY;
    }
  }

  private static final class Locator implements Sink {
    final String name;
    long found = -1;

    Locator(String name) {
      this.name = name;
    }

    @Override
    public boolean param(String s, int start, int nameStart, int nameEnd, int valueStart, int valueEnd, int end) {
      int len = nameEnd - nameStart;
      if (len == name.length() && s.regionMatches(true, nameStart, name, 0, len)) {
        found = (long) start << 32 | end;
        return false;
      }
      return true;
    }
  }

  /**
   * The one parameter scanner: {@code ;a=b;c} (the leading ';' optional), values plain or quoted
   * strings, whitespace around '=' and ';' allowed (RFC 3261 SEMI / EQUAL). Each parameter goes to
   * {@code sink} (null: only check). Returns null when well-formed, else why not.
   */
  private static String scan(String s, int from, int n, Sink sink) {
    int i = skipWs(s, from, n);
    while (i < n) {
      int start = i;
      i = skipWs(s, i, n);
      if (i < n && s.charAt(i) == ';') {
        i++;
      }
      i = skipWs(s, i, n);
      if (i >= n) {
        break;
      }
      int nameStart = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';' && !isWs(s.charAt(i))) {
        i++;
      }
      int nameEnd = i;
      if (nameEnd == nameStart) {
        return "empty parameter name";
      }
      i = skipWs(s, i, n);
      int valueStart = -1;
      int valueEnd = -1;
      if (i < n && s.charAt(i) == '=') {
        i = skipWs(s, i + 1, n);
        valueStart = i;
        if (i < n && s.charAt(i) == '"') {
          int q = i + 1;
          boolean closed = false;
          while (q < n) {
            char c = s.charAt(q);
            if (c == '\\' && q + 1 < n) {
              q += 2;
              continue;
            }
            q++;
            if (c == '"') {
              closed = true;
              break;
            }
          }
          if (!closed) {
            return "unterminated quoted parameter value";
          }
          i = q;
        } else {
          while (i < n && s.charAt(i) != ';' && !isWs(s.charAt(i))) {
            i++;
          }
        }
        valueEnd = i;
      }
      int end = i;
      i = skipWs(s, i, n);
      if (i < n && s.charAt(i) != ';') {
        return "unexpected '" + s.charAt(i) + "' in parameters";
      }
      if (sink != null && !sink.param(s, start, nameStart, nameEnd, valueStart, valueEnd, end)) {
        return null;
      }
    }
    return null;
  }

  /** Parameter names and values seen on most messages, shared instead of cut out of every message. */
  private static final String[] COMMON = {"tag", "user", "transport", "lr", "branch", "rport", "received",
      "maddr", "ttl", "method", "cause", "text", "expires", "q", "ob", "phone", "udp", "tcp", "tls"};

  /** {@code s.substring(from, to)}, without allocating when it is one of {@link #COMMON}. */
  private static String common(String s, int from, int to) {
    int len = to - from;
    if (len < COMMON_BY_LENGTH.length) {
      for (String c : COMMON_BY_LENGTH[len]) {
        if (s.regionMatches(from, c, 0, len)) {
          return c;
        }
      }
    }
    return s.substring(from, to);
  }

  /** {@link #COMMON} by length: a lookup compares only names of the right length. */
  private static final String[][] COMMON_BY_LENGTH = byLength(COMMON);

  private static String[][] byLength(String[] words) {
    int max = 0;
    for (String w : words) {
      max = Math.max(max, w.length());
    }
    String[][] out = new String[max + 1][];
    for (int len = 0; len <= max; len++) {
      List<String> l = new ArrayList<>();
      for (String w : words) {
        if (w.length() == len) {
          l.add(w);
        }
      }
      out[len] = l.toArray(new String[0]);
    }
    return out;
  }

  static int skipWs(String s, int i) {
    return skipWs(s, i, s.length());
  }

  static int skipWs(String s, int i, int n) {
    while (i < n && isWs(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isWs(char c) {
    return c == ' ' || c == '\t';
  }

  /** Writes {@code ;a=b;c} to the builder (nothing when empty). */
  public StringBuilder appendTo(StringBuilder sb) {
    for (int i = 0, n = list.size(); i < n; i++) {
      Param p = list.get(i);
      sb.append(';').append(p.name());
      if (p.value() != null) {
        sb.append('=').append(p.value());
      }
    }
    return sb;
  }

  @Override
  public String toString() {
    return list.isEmpty() ? "" : appendTo(new StringBuilder(16 * list.size())).toString();
  }
}
