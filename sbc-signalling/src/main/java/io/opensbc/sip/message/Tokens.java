package io.opensbc.sip.message;

/** Character classes of the RFC 3261 §25.1 grammar. */
public final class Tokens {
  private Tokens() {}

  /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
  public static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+'
        || c == '`' || c == '\'' || c == '~';
  }

  /**
   * A character a URI user part written by the SBC carries as it is: everything but blanks,
   * controls, non-ASCII and the delimiters that would change where the parts of a URI or address
   * lie ({@code @:;?,<>"\\} and the like). Dial-string characters such as {@code #} and {@code *}
   * stay as voice equipment writes them.
   */
  public static boolean isUserChar(char c) {
    return c < 128 && USER[c];
  }

  private static final boolean[] USER = new boolean[128];

  static {
    for (char c = '!'; c < 127; c++) {
      USER[c] = "@:;?,<>\"\\[]{}|^`".indexOf(c) < 0;
    }
  }

  /** A telephone number as a tel URI carries it (RFC 3966: digits, {@code *#}, visual separators, a leading +). */
  public static boolean isPhoneNumber(String v) {
    int from = v.startsWith("+") ? 1 : 0;
    if (v.length() == from) {
      return false;
    }
    for (int i = from; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(isHex(c) || c == '*' || c == '#' || c == '-' || c == '.' || c == '(' || c == ')')) {
        return false;
      }
    }
    return true;
  }

  /** A URI user part with every character that may not stand in one %-escaped (UTF-8). */
  public static String escapeUser(String v) {
    int i = 0;
    while (i < v.length() && isUserChar(v.charAt(i)) && v.charAt(i) != '%') {
      i++;
    }
    if (i == v.length()) {
      return v;
    }
    StringBuilder sb = new StringBuilder(v.length() + 16).append(v, 0, i);
    for (; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean escape = c == '%' ? !(i + 2 < v.length() && isHex(v.charAt(i + 1)) && isHex(v.charAt(i + 2)))
          : !isUserChar(c);
      if (!escape) {
        sb.append(c);
        continue;
      }
      int end = Character.isHighSurrogate(c) && i + 1 < v.length() ? i + 2 : i + 1;
      for (byte b : v.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
      i = end - 1;
    }
    return sb.toString();
  }

  /**
   * True when the text can stand as a host: a name or IPv4 address (letters, digits, {@code .-_}),
   * or an IPv6 reference in brackets.
   */
  public static boolean isHostText(String v) {
    if (v.isEmpty()) {
      return false;
    }
    if (v.charAt(0) == '[') {
      if (v.length() < 3 || v.charAt(v.length() - 1) != ']') {
        return false;
      }
      for (int i = 1; i < v.length() - 1; i++) {
        char c = v.charAt(i);
        if (!(isHex(c) || c == ':' || c == '.')) {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** True when the string is 1 to {@code maxLen} ASCII digits. */
  public static boolean isDigits(String s, int maxLen) {
    int n = s.length();
    if (n == 0 || n > maxLen) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** True when every word separated by spaces or tabs is a token (an unquoted display name). */
  public static boolean isTokenWords(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && !isTokenChar(c)) {
        return false;
      }
    }
    return true;
  }

  public static boolean isToken(String s) {
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
}
