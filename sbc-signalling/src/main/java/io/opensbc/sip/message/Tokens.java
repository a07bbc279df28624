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
