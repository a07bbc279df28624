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
