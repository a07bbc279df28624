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
    int i = skipWs(s, from, n);
    if (i >= n) {
      return NONE;
    }
    List<Param> out = new ArrayList<>(4);
    while (i < n) {
      i = skipWs(s, i, n);
      if (i < n && s.charAt(i) == ';') {
        i++;
      }
      i = skipWs(s, i, n);
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';' && !isWs(s.charAt(i))) {
        i++;
      }
      String name = common(s, start, i);
      if (name.isEmpty()) {
        return Parsed.malformed("empty parameter name");
      }
      i = skipWs(s, i, n);
      String value = null;
      if (i < n && s.charAt(i) == '=') {
        i = skipWs(s, i + 1, n);
        if (i < n && s.charAt(i) == '"') {
          int q = i + 1;
          StringBuilder sb = new StringBuilder("\"");
          boolean closed = false;
          while (q < n) {
            char c = s.charAt(q);
            sb.append(c);
            if (c == '\\' && q + 1 < n) {
              sb.append(s.charAt(q + 1));
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
            return Parsed.malformed("unterminated quoted parameter value");
          }
          value = sb.toString();
          i = q;
        } else {
          int vs = i;
          while (i < n && s.charAt(i) != ';' && !isWs(s.charAt(i))) {
            i++;
          }
          value = common(s, vs, i);
        }
      }
      i = skipWs(s, i, n);
      if (i < n && s.charAt(i) != ';') {
        return Parsed.malformed("unexpected '" + s.charAt(i) + "' in parameters");
      }
      out.add(new Param(name, value));
    }
    return Parsed.ok(new Params(out));
  }

  /** Parameter names and values seen on most messages, shared instead of cut out of every message. */
  private static final String[] COMMON = {"tag", "user", "transport", "lr", "branch", "rport", "received",
      "maddr", "ttl", "method", "cause", "text", "expires", "q", "ob", "phone", "udp", "tcp", "tls"};

  /** {@code s.substring(from, to)}, without allocating when it is one of {@link #COMMON}. */
  private static String common(String s, int from, int to) {
    int len = to - from;
    for (String c : COMMON) {
      if (c.length() == len && s.regionMatches(from, c, 0, len)) {
        return c;
      }
    }
    return s.substring(from, to);
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
