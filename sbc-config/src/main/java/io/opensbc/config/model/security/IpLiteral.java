package io.opensbc.config.model.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Numeric IP addresses to bytes, without ever asking DNS. IPv4-mapped IPv6 becomes 4 bytes. */
public final class IpLiteral {
  private IpLiteral() {}

  /** The address bytes (4 or 16), or null when {@code s} is not a numeric address. */
  public static byte[] bytes(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return null;
    }
    String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    if (t.indexOf(':') < 0) {
      return ipv4(t);
    }
    int pct = t.indexOf('%');
    if (pct >= 0) {
      t = t.substring(0, pct);
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
        return null;
      }
    }
    try {
      // a literal with ':' and only hex digits, dots and colons is never looked up in DNS
      byte[] b = InetAddress.getByName(t).getAddress();
      return b;
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] ipv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i == s.length() ? '.' : s.charAt(i);
      if (c == '.') {
        if (value < 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }
}
