package io.opensbc.sip.message.codec;

import io.opensbc.sip.message.CSeq;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.Parsed;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.SipUri;
import io.opensbc.sip.message.Tokens;
import io.opensbc.sip.message.Via;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses one complete SIP message (RFC 3261 §7, §25): start line, headers (case-insensitive,
 * compact forms, folding, repeated and comma-separated), body by Content-Length. Checks what a
 * B2BUA relies on and says precisely what is wrong. Never throws: every failure is a
 * {@link Decoded.Malformed}.
 */
public final class SipParser {
  private static final String[] SINGLE = {
    HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ,
    HeaderNames.CONTENT_LENGTH, HeaderNames.MAX_FORWARDS
  };

  private SipParser() {}

  public static Decoded parse(Buffer frame, SizeLimits limits) {
    try {
      return doParse(frame, limits);
    } catch (RuntimeException e) {
      return new Decoded.Malformed("internal parse error: " + e, 400, looksLikeRequest(frame, 0),
          Headers.EMPTY, false);
    }
  }

  /** The offset just after the empty line ending the header section, or -1. Accepts bare LF. */
  static int headerEnd(Buffer b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b.getByte(i) == '\n') {
        int j = i + 1;
        if (j < to && b.getByte(j) == '\r') {
          j++;
        }
        if (j < to && b.getByte(j) == '\n') {
          return j + 1;
        }
      }
    }
    return -1;
  }

  static boolean looksLikeRequest(Buffer b, int start) {
    return !(b.length() >= start + 4 && b.getByte(start) == 'S' && b.getByte(start + 1) == 'I'
        && b.getByte(start + 2) == 'P' && b.getByte(start + 3) == '/');
  }

  private static Decoded doParse(Buffer frame, SizeLimits limits) {
    int len = frame.length();
    int start = 0;
    while (start < len && (frame.getByte(start) == '\r' || frame.getByte(start) == '\n')) {
      start++;
    }
    boolean request = looksLikeRequest(frame, start);
    if (len > limits.maxMessageBytes()) {
      return new Decoded.Malformed("message of " + len + " bytes exceeds the limit of "
          + limits.maxMessageBytes(), 513, request, Headers.EMPTY, false);
    }
    int bodyStart = headerEnd(frame, start, len);
    int headEnd = bodyStart < 0 ? len : bodyStart;
    String head = frame.getString(start, headEnd, "UTF-8");
    List<String> lines = new ArrayList<>(24);
    String tooLong = unfold(head, lines, limits.maxLineBytes());
    if (lines.isEmpty()) {
      return new Decoded.Malformed("empty message", 400, request, Headers.EMPTY, false);
    }
    Headers.Builder hb = Headers.builder();
    String headerError = tooLong;
    for (int i = 1; i < lines.size() && headerError == null; i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        headerError = "header line without a name and ':': '" + clip(line) + "'";
        break;
      }
      String name = line.substring(0, colon).trim();
      if (!Tokens.isToken(name)) {
        headerError = "header name '" + clip(name) + "' is not a token";
        break;
      }
      if (hb.size() >= limits.maxHeaders()) {
        headerError = "more than " + limits.maxHeaders() + " header lines";
        break;
      }
      hb.add(name, line.substring(colon + 1).trim());
    }
    Headers headers = hb.build();
    if (headerError != null) {
      return bad(headerError, request, headers);
    }
    if (bodyStart < 0) {
      return bad("the header section does not end with an empty line", request, headers);
    }
    String first = lines.get(0);
    String countError = checkCounts(headers);
    if (countError != null) {
      return bad(countError, request, headers);
    }
    int vias = headers.values(HeaderNames.VIA).size();
    if (vias > limits.maxVias()) {
      return bad(vias + " Via values, more than the limit of " + limits.maxVias(), request, headers);
    }
    // body by Content-Length
    String cl = headers.first(HeaderNames.CONTENT_LENGTH);
    int available = len - bodyStart;
    int bodyLen = available;
    if (cl != null) {
      if (!Tokens.isDigits(cl, 9)) {
        return bad("Content-Length '" + clip(cl) + "' is not a number", request, headers);
      }
      bodyLen = Integer.parseInt(cl);
      if (bodyLen > available) {
        return bad("Content-Length " + bodyLen + " exceeds the " + available + " body bytes received",
            request, headers);
      }
    }
    if (bodyLen > limits.maxBodyBytes()) {
      return new Decoded.Malformed("body of " + bodyLen + " bytes exceeds the limit of "
          + limits.maxBodyBytes(), 513, request, headers, false);
    }
    Buffer body = bodyLen == 0 ? Buffer.buffer(0) : frame.getBuffer(bodyStart, bodyStart + bodyLen);
    return request ? request(first, headers, body, limits) : response(first, headers, body);
  }

  private static Decoded request(String line, Headers headers, Buffer body, SizeLimits limits) {
    int sp1 = line.indexOf(' ');
    int sp2 = line.lastIndexOf(' ');
    if (sp1 <= 0 || sp2 == sp1) {
      return bad("request line is not 'Method Request-URI SIP-Version'", true, headers);
    }
    String method = SipRequest.method(line, sp1);
    String uri = line.substring(sp1 + 1, sp2);
    if (uri.length() > limits.maxUriBytes()) {
      // RFC 3261 §21.4.12
      return new Decoded.Malformed("Request-URI of " + uri.length() + " bytes exceeds the limit of "
          + limits.maxUriBytes(), 414, true, headers, false);
    }
    String version = line.substring(sp2 + 1);
    if (!Tokens.isToken(method)) {
      return bad("method '" + clip(method) + "' is not a token", true, headers);
    }
    if (uri.isEmpty() || hasWhitespace(uri)) {
      return bad("Request-URI contains whitespace or is empty", true, headers);
    }
    if (!version.equals("SIP/2.0")) {
      if (version.toUpperCase(Locale.ROOT).startsWith("SIP/")) {
        return new Decoded.Malformed("SIP version '" + clip(version) + "' is not supported", 505, true,
            headers, false);
      }
      return bad("'" + clip(version) + "' is not a SIP version", true, headers);
    }
    if (uri.indexOf(':') <= 0) {
      return bad("Request-URI has no scheme", true, headers);
    }
    String scheme = uri.substring(0, uri.indexOf(':')).toLowerCase(Locale.ROOT);
    if (scheme.equals("sip") || scheme.equals("sips") || scheme.equals("tel")) {
      Parsed<SipUri> u = SipUri.parse(uri);
      if (!u.isOk()) {
        return bad("Request-URI: " + u.reason(), true, headers);
      }
    }
    String common = checkCommon(headers, true);
    if (common != null) {
      return bad(common, true, headers);
    }
    CSeq cseq = CSeq.parse(headers.first(HeaderNames.CSEQ)).orNull();
    if (!cseq.method().equals(method)) {
      return bad("CSeq method " + clip(cseq.method()) + " does not match the request method "
          + clip(method), true, headers);
    }
    String mf = headers.first(HeaderNames.MAX_FORWARDS);
    if (mf != null && !Tokens.isDigits(mf, 9)) {
      return bad("Max-Forwards '" + clip(mf) + "' is not a number", true, headers);
    }
    SipMessage m = new SipRequest(method, uri, headers, body);
    return new Decoded.Message(m);
  }

  private static Decoded response(String line, Headers headers, Buffer body) {
    // SIP-Version SP Status-Code SP Reason-Phrase (the reason may be empty)
    if (!line.startsWith("SIP/2.0 ")) {
      return bad("status line does not start with 'SIP/2.0 '", false, headers);
    }
    int codeEnd = line.indexOf(' ', 8);
    String code = codeEnd < 0 ? line.substring(8) : line.substring(8, codeEnd);
    if (code.length() != 3 || !Tokens.isDigits(code, 3)) {
      return bad("status code '" + clip(code) + "' is not three digits", false, headers);
    }
    int status = Integer.parseInt(code);
    if (status < 100 || status > 699) {
      return bad("status code " + status + " is outside 100-699", false, headers);
    }
    String reason = codeEnd < 0 ? "" : line.substring(codeEnd + 1);
    String common = checkCommon(headers, false);
    if (common != null) {
      return bad(common, false, headers);
    }
    return new Decoded.Message(new SipResponse(status, reason, headers, body));
  }

  /** Mandatory headers present and well formed (RFC 3261 §8.1.1, §20). */
  private static String checkCommon(Headers h, boolean request) {
    for (String name : new String[] {HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO,
        HeaderNames.CALL_ID, HeaderNames.CSEQ}) {
      String v = h.first(name);
      if (v == null || v.isEmpty()) {
        return "missing " + name + " header";
      }
    }
    Parsed<CSeq> cseq = CSeq.parse(h.first(HeaderNames.CSEQ));
    if (!cseq.isOk()) {
      return cseq.reason();
    }
    Parsed<Via> via = Via.parse(h.first(HeaderNames.VIA));
    if (!via.isOk()) {
      return "top " + via.reason();
    }
    Parsed<NameAddr> from = NameAddr.parse(h.first(HeaderNames.FROM));
    if (!from.isOk()) {
      return "From: " + from.reason();
    }
    Parsed<NameAddr> to = NameAddr.parse(h.first(HeaderNames.TO));
    if (!to.isOk()) {
      return "To: " + to.reason();
    }
    return null;
  }

  private static String checkCounts(Headers h) {
    for (String name : SINGLE) {
      int n = 0;
      for (var f : h.fields()) {
        if (f.name().equals(name)) {
          n++;
        }
      }
      if (n > 1) {
        return name + " appears " + n + " times (only one is allowed)";
      }
    }
    return null;
  }

  /**
   * Splits the header section into logical lines, joining folded continuation lines (RFC 3261
   * §7.3.1) with one space. Returns an error when a logical line is longer than the limit.
   */
  static String unfold(String head, List<String> out, int maxLine) {
    int i = 0;
    int n = head.length();
    StringBuilder cur = null;
    while (i < n) {
      int eol = head.indexOf('\n', i);
      int end = eol < 0 ? n : eol;
      int lineEnd = end > i && head.charAt(end - 1) == '\r' ? end - 1 : end;
      String line = head.substring(i, lineEnd);
      i = eol < 0 ? n : eol + 1;
      if (line.isEmpty()) {
        break;
      }
      boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
      if (continuation && cur != null) {
        int k = 0;
        while (k < line.length() && (line.charAt(k) == ' ' || line.charAt(k) == '\t')) {
          k++;
        }
        trimEnd(cur);
        cur.append(' ').append(line, k, line.length());
      } else {
        if (cur != null) {
          out.add(cur.toString());
        }
        cur = new StringBuilder(line);
      }
      if (cur.length() > maxLine) {
        if (!out.isEmpty() || cur != null) {
          out.add(cur.toString());
        }
        return "a header line is longer than " + maxLine + " bytes";
      }
    }
    if (cur != null) {
      out.add(cur.toString());
    }
    return null;
  }

  private static void trimEnd(StringBuilder sb) {
    int k = sb.length();
    while (k > 0 && (sb.charAt(k - 1) == ' ' || sb.charAt(k - 1) == '\t')) {
      k--;
    }
    sb.setLength(k);
  }

  private static boolean hasWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  private static Decoded bad(String reason, boolean request, Headers headers) {
    return new Decoded.Malformed(reason, 400, request, headers, false);
  }

  static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
