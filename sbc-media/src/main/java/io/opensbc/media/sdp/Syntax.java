package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.List;

/** Character classes and bounded number parsing of the SDP grammar (RFC 8866 §9). */
final class Syntax {
  private Syntax() {}

  /** token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E */
  static boolean isTokenChar(char c) {
    return c == 0x21
        || (c >= 0x23 && c <= 0x27)
        || c == 0x2A
        || c == 0x2B
        || c == 0x2D
        || c == 0x2E
        || (c >= 0x30 && c <= 0x39)
        || (c >= 0x41 && c <= 0x5A)
        || (c >= 0x5E && c <= 0x7E);
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A non-negative decimal of at most 10 digits within [min, max], or -1. */
  static long parseLong(String s, long min, long max) {
    if (s.isEmpty() || s.length() > 10) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v >= min && v <= max ? v : -1;
  }

  /** A non-negative decimal of at most 10 digits within [min, max], or -1. */
  static int parseInt(String s, int min, int max) {
    return (int) parseLong(s, min, max);
  }

  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The fields of {@code s} separated by runs of SP or HTAB. */
  static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isBlank(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isBlank(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.4). */
  static boolean isIceChars(String s, int minLength, int maxLength) {
    if (s.length() < minLength || s.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isAlphaNum(c) && c != '+' && c != '/') {
        return false;
      }
    }
    return true;
  }

  static boolean isAlphaNum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }

  /** Dotted-quad IPv4 literal. */
  static boolean isIp4(String s) {
    int parts = 0;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        if (Syntax.parseInt(s.substring(start, i), 0, 255) < 0 || i - start > 3) {
          return false;
        }
        parts++;
        start = i + 1;
      }
    }
    return parts == 4;
  }

  /** IPv6 literal, loosely: hex digits, colons (at least two) and an optional dotted IPv4 tail. */
  static boolean isIp6(String s) {
    if (s.length() < 2 || s.length() > 45) {
      return false;
    }
    int colons = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':') {
        colons++;
      } else if (!isHex(c) && c != '.') {
        return false;
      }
    }
    return colons >= 2;
  }

  /** A fully qualified domain name (RFC 1035 labels); an all-numeric name must be an IPv4 literal. */
  static boolean isHostName(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    boolean letter = false;
    int label = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (label == 0) {
          return false;
        }
        label = 0;
      } else if (isAlphaNum(c) || c == '-' || c == '_') {
        letter |= !(c >= '0' && c <= '9');
        if (++label > 63) {
          return false;
        }
      } else {
        return false;
      }
    }
    return letter;
  }

  /** Base64 (RFC 4648 §4) with optional padding, as in an SDES key-salt. */
  static boolean isBase64(String s) {
    int n = s.length();
    while (n > 0 && s.charAt(n - 1) == '=') {
      n--;
    }
    if (n == 0 || s.length() - n > 2 || n % 4 == 1) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!isAlphaNum(c) && c != '+' && c != '/') {
        return false;
      }
    }
    return true;
  }
}
