package io.opensbc.sip.b2bua.transfer;

import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.Parsed;
import io.opensbc.sip.message.SipUri;
import java.nio.charset.StandardCharsets;

/**
 * A Refer-To header (RFC 3515 §2.1): the target's URI with its parameters as sent (Teams' {@code
 * x-m}, {@code x-t}, {@code x-ti}, {@code x-tt} kept), and an embedded {@code Replaces} (RFC 3891
 * §7.1, attended transfer) decoded from the URI's headers.
 *
 * @param uri the target URI without its {@code ?headers} part
 * @param user the target's user part (the number routing looks at), null when none
 * @param replaces the embedded Replaces, or null (blind transfer)
 */
public record ReferTo(String uri, String user, Replaces replaces) {
  /** Longer Refer-To values are refused: Teams sends about 400 characters; 4 KiB leaves room. */
  public static final int MAX_LENGTH = 4096;

  public static Parsed<ReferTo> parse(String value) {
    if (value == null || value.isBlank()) {
      return Parsed.malformed("no Refer-To");
    }
    if (value.length() > MAX_LENGTH) {
      return Parsed.malformed("Refer-To longer than " + MAX_LENGTH + " characters");
    }
    NameAddr na = NameAddr.parse(value.trim()).orNull();
    if (na == null) {
      return Parsed.malformed("Refer-To is not a name-addr");
    }
    Parsed<SipUri> parsed = SipUri.parse(na.uri());
    if (!parsed.isOk()) {
      return Parsed.malformed("Refer-To URI: " + parsed.reason());
    }
    SipUri u = parsed.orNull();
    Replaces replaces = null;
    if (u.headers() != null) {
      for (String h : u.headers().split("&")) {
        int eq = h.indexOf('=');
        if (eq > 0 && h.substring(0, eq).trim().equalsIgnoreCase(Replaces.HEADER)) {
          Parsed<Replaces> r = Replaces.parse(percentDecode(h.substring(eq + 1)));
          if (!r.isOk()) {
            return Parsed.malformed("Refer-To: " + r.reason());
          }
          replaces = r.orNull();
        }
      }
    }
    return Parsed.ok(new ReferTo(u.withHeaders(null).toString(), u.user(), replaces));
  }

  /** RFC 3986 percent-decoding (a malformed escape is kept as it is). */
  static String percentDecode(String s) {
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        out[n++] = (byte) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (n + b.length > out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2 + b.length);
        }
        System.arraycopy(b, 0, out, n, b.length);
        n += b.length;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
