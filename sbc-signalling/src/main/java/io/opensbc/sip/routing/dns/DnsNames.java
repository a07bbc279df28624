package io.opensbc.sip.routing.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Domain names between presentation form ("sip.example.com", labels joined by dots, without the
 * trailing dot) and wire labels (RFC 1035 §3.1): at most 63 octets per label, 255 per name. A dot
 * or backslash inside a label is written with a backslash before it, a space or non-printable octet
 * as {@code \DDD} (RFC 1035 §5.1).
 */
public final class DnsNames {
  /** Longest name on the wire, length octets and root label included (RFC 1035 §2.3.4). */
  static final int MAX_NAME = 255;
  /** Longest label (RFC 1035 §2.3.4). */
  static final int MAX_LABEL = 63;

  private DnsNames() {}

  /** Null when {@code name} can be sent, else why not. A trailing dot is allowed. */
  public static String check(String name) {
    if (name == null) {
      return "no name";
    }
    String n = stripDot(name);
    if (n.isEmpty()) {
      return null;
    }
    int wire = 1;
    int start = 0;
    while (start <= n.length()) {
      int end = labelEnd(n, start);
      int len = unescapedLength(n, start, end);
      if (len < 0) {
        return "bad escape in '" + name + "'";
      }
      if (len == 0) {
        return "empty label in '" + name + "'";
      }
      if (len > MAX_LABEL) {
        return "label longer than 63 octets in '" + name + "'";
      }
      wire += len + 1;
      start = end + 1;
    }
    return wire > MAX_NAME ? "name longer than 255 octets: '" + name + "'" : null;
  }

  /** The wire labels of a name {@link #check} accepts; throws IllegalArgumentException otherwise. */
  static List<byte[]> labels(String name) {
    String reason = check(name);
    if (reason != null) {
      throw new IllegalArgumentException(reason);
    }
    String n = stripDot(name);
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    while (!n.isEmpty() && start <= n.length()) {
      int end = labelEnd(n, start);
      out.add(unescape(n, start, end));
      start = end + 1;
    }
    return out;
  }

  /** A wire label in presentation form. */
  static String label(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xFF;
      if (c == '.' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c <= 0x20 || c >= 0x7F) {
        sb.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
            .append((char) ('0' + c % 10));
      } else {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  /** The name without one trailing dot. */
  public static String stripDot(String name) {
    return name.endsWith(".") && !name.endsWith("\\.") ? name.substring(0, name.length() - 1) : name;
  }

  private static int labelEnd(String n, int start) {
    int i = start;
    while (i < n.length() && n.charAt(i) != '.') {
      i += n.charAt(i) == '\\' ? (i + 1 < n.length() && Character.isDigit(n.charAt(i + 1)) ? 4 : 2) : 1;
    }
    return Math.min(i, n.length());
  }

  private static int unescapedLength(String n, int start, int end) {
    byte[] b = unescape(n, start, end);
    return b == null ? -1 : b.length;
  }

  private static byte[] unescape(String n, int start, int end) {
    byte[] text = n.substring(start, end).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length];
    int k = 0;
    for (int i = 0; i < text.length; i++) {
      if (text[i] != '\\') {
        out[k++] = text[i];
      } else if (i + 3 < text.length && isDigit(text[i + 1]) && isDigit(text[i + 2])
          && isDigit(text[i + 3])) {
        int v = (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
        if (v > 255) {
          return null;
        }
        out[k++] = (byte) v;
        i += 3;
      } else if (i + 1 < text.length && !isDigit(text[i + 1])) {
        out[k++] = text[++i];
      } else {
        return null;
      }
    }
    byte[] r = new byte[k];
    System.arraycopy(out, 0, r, 0, k);
    return r;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
