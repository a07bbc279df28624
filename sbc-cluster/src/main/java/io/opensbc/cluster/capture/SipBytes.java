package io.opensbc.cluster.capture;

import java.nio.charset.StandardCharsets;

/** Header lookups on a raw SIP message (capture works on the bytes as they crossed the wire). */
final class SipBytes {
  private SipBytes() {}

  /** The Call-ID (or compact {@code i}) header value, or null. */
  static String callId(byte[] m) {
    String v = header(m, "call-id");
    return v != null ? v : header(m, "i");
  }

  /** The method of the CSeq header ("INVITE"), or null. */
  static String cseqMethod(byte[] m) {
    String v = header(m, "cseq");
    if (v == null) {
      return null;
    }
    int sp = v.lastIndexOf(' ');
    return sp < 0 ? null : v.substring(sp + 1).trim();
  }

  /** The first line ("INVITE sip:... SIP/2.0" or "SIP/2.0 200 OK"). */
  static String startLine(byte[] m) {
    int end = 0;
    while (end < m.length && m[end] != '\r' && m[end] != '\n') {
      end++;
    }
    return new String(m, 0, end, StandardCharsets.UTF_8);
  }

  /** The first value of a header (name lower-case), from the header section only. */
  static String header(byte[] m, String name) {
    int i = lineEnd(m, 0);
    while (i < m.length) {
      int start = i;
      int end = lineEnd(m, start);
      int lineLen = end - start - eolLength(m, end);
      if (lineLen <= 0) {
        return null; // the blank line: the body starts
      }
      if (nameMatches(m, start, start + lineLen, name)) {
        int colon = start;
        while (m[colon] != ':') {
          colon++;
        }
        return new String(m, colon + 1, start + lineLen - colon - 1, StandardCharsets.UTF_8).trim();
      }
      i = end;
    }
    return null;
  }

  private static boolean nameMatches(byte[] m, int from, int to, String name) {
    int n = name.length();
    if (to - from < n + 1) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (Character.toLowerCase((char) m[from + k]) != name.charAt(k)) {
        return false;
      }
    }
    int j = from + n;
    while (j < to && (m[j] == ' ' || m[j] == '\t')) {
      j++;
    }
    return j < to && m[j] == ':';
  }

  /** Index just past the end of the line starting at {@code from} (past its CRLF or LF). */
  private static int lineEnd(byte[] m, int from) {
    int i = from;
    while (i < m.length && m[i] != '\n') {
      i++;
    }
    return Math.min(m.length, i + 1);
  }

  private static int eolLength(byte[] m, int end) {
    if (end == 0 || m[end - 1] != '\n') {
      return 0;
    }
    return end >= 2 && m[end - 2] == '\r' ? 2 : 1;
  }
}
