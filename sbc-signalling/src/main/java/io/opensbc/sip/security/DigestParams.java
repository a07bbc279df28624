package io.opensbc.sip.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The auth-params of a Digest credentials or challenge value (RFC 7616 §3.3-3.4): {@code Digest
 * k=v, k="v", ...}; names are lower-cased, quotes and backslash escapes removed. Null when the value
 * is not a Digest value or is malformed; at most 32 parameters of at most 1024 characters.
 */
public final class DigestParams {
  private static final int MAX_PARAMS = 32;
  private static final int MAX_VALUE = 1024;

  private DigestParams() {}

  public static Map<String, String> parse(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.length() < 7 || !v.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(v.charAt(6))) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    int i = 7;
    int n = v.length();
    while (i < n) {
      while (i < n && (v.charAt(i) == ',' || Character.isWhitespace(v.charAt(i)))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = v.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String name = v.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty() || name.length() > 32) {
        return null;
      }
      i = eq + 1;
      while (i < n && Character.isWhitespace(v.charAt(i))) {
        i++;
      }
      StringBuilder val = new StringBuilder();
      if (i < n && v.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = v.charAt(i++);
          if (c == '\\' && i < n) {
            val.append(v.charAt(i++));
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            val.append(c);
          }
        }
        if (!closed) {
          return null;
        }
      } else {
        while (i < n && v.charAt(i) != ',') {
          val.append(v.charAt(i++));
        }
      }
      if (val.length() > MAX_VALUE || out.size() >= MAX_PARAMS) {
        return null;
      }
      out.putIfAbsent(name, val.toString().trim());
    }
    return out;
  }
}
