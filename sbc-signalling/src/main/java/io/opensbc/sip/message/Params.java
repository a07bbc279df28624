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
    for (Param p : list) {
      if (p.name().equalsIgnoreCase(name)) {
        return p.value();
      }
    }
    return null;
  }

  public boolean has(String name) {
    for (Param p : list) {
      if (p.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
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
    List<Param> out = new ArrayList<>(4);
    int i = 0;
    int n = s.length();
    while (i < n) {
      i = skipWs(s, i);
      if (i < n && s.charAt(i) == ';') {
        i++;
      }
      i = skipWs(s, i);
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';' && !isWs(s.charAt(i))) {
        i++;
      }
      String name = s.substring(start, i);
      if (name.isEmpty()) {
        return Parsed.malformed("empty parameter name");
      }
      i = skipWs(s, i);
      String value = null;
      if (i < n && s.charAt(i) == '=') {
        i = skipWs(s, i + 1);
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
          value = s.substring(vs, i);
        }
      }
      i = skipWs(s, i);
      if (i < n && s.charAt(i) != ';') {
        return Parsed.malformed("unexpected '" + s.charAt(i) + "' in parameters");
      }
      out.add(new Param(name, value));
    }
    return Parsed.ok(new Params(out));
  }

  static int skipWs(String s, int i) {
    while (i < s.length() && isWs(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isWs(char c) {
    return c == ' ' || c == '\t';
  }

  @Override
  public String toString() {
    if (list.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Param p : list) {
      sb.append(';').append(p.name());
      if (p.value() != null) {
        sb.append('=').append(p.value());
      }
    }
    return sb.toString();
  }
}
