package io.opensbc.sip.message;

/** CSeq header (RFC 3261 §20.16): a 32-bit unsigned sequence number and a method. */
public record CSeq(long seq, String method) {
  public static final long MAX = 0xFFFFFFFFL;

  public static Parsed<CSeq> parse(String value) {
    String v = value.trim();
    int sp = indexOfWs(v);
    if (sp <= 0) {
      return Parsed.malformed("CSeq needs a number and a method");
    }
    String num = v.substring(0, sp);
    String method = v.substring(sp).trim();
    if (!Tokens.isDigits(num, 10)) {
      return Parsed.malformed("CSeq number is not a 32-bit unsigned integer");
    }
    long n = Long.parseLong(num);
    if (n > MAX) {
      return Parsed.malformed("CSeq number exceeds 2**32-1");
    }
    if (method.isEmpty() || !Tokens.isToken(method)) {
      return Parsed.malformed("CSeq method is not a token");
    }
    return Parsed.ok(new CSeq(n, SipRequest.method(method, method.length())));
  }

  private static int indexOfWs(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) == ' ' || v.charAt(i) == '\t') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return seq + " " + method;
  }
}
