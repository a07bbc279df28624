package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * SDES {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} (RFC 4568 §4, §9.1).
 *
 * @param tag identifies this crypto line; the answer echoes the tag it accepts
 * @param keyParams one or more key parameters ({@code ;}-separated in the attribute)
 * @param sessionParams e.g. {@code KDR=1}, {@code UNENCRYPTED_SRTCP}, {@code WSH=64}
 */
public record Crypto(int tag, String suite, List<KeyParams> keyParams, List<String> sessionParams) {

  public Crypto {
    Objects.requireNonNull(suite, "suite");
    keyParams = List.copyOf(keyParams);
    sessionParams = List.copyOf(sessionParams);
  }

  /**
   * {@code <key-method>:<key-info>}; for the {@code inline} method the key info is {@code
   * <key||salt base64>[|<lifetime>][|<MKI>:<MKI length>]} (RFC 4568 §6.1).
   *
   * @param keySalt base64 of master key and salt concatenated (the whole key info for other
   *     methods)
   * @param lifetime e.g. {@code 2^31}; empty when absent
   * @param mki e.g. {@code 1:1} (MKI value 1, 1 byte in each packet); empty when absent
   */
  public record KeyParams(String method, String keySalt, String lifetime, String mki) {

    public KeyParams {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(keySalt, "keySalt");
      Objects.requireNonNull(lifetime, "lifetime");
      Objects.requireNonNull(mki, "mki");
    }

    /** {@code inline:<base64 of keySalt>} without lifetime and MKI. */
    public static KeyParams inline(byte[] keySalt) {
      return new KeyParams("inline", Base64.getEncoder().encodeToString(keySalt), "", "");
    }

    public boolean isInline() {
      return method.equalsIgnoreCase("inline");
    }

    /** The decoded master key and salt; empty for a method other than {@code inline}. */
    public byte[] keySaltBytes() {
      return isInline() ? Base64.getDecoder().decode(keySalt) : new byte[0];
    }

    /** The MKI length in bytes, 0 without MKI. */
    public int mkiLength() {
      return mki.isEmpty() ? 0 : Math.max(0, Syntax.parseInt(mki.substring(mki.indexOf(':') + 1), 1, 128));
    }

    static SdpParse<KeyParams> parse(String text) {
      int colon = text.indexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        return SdpParse.malformed("crypto: expected <key-method>:<key-info>");
      }
      String method = text.substring(0, colon);
      String info = text.substring(colon + 1);
      if (!Syntax.isToken(method)) {
        return SdpParse.malformed("crypto: key method is not a token");
      }
      if (!method.equalsIgnoreCase("inline")) {
        return SdpParse.ok(new KeyParams(method, info, "", ""));
      }
      String[] parts = info.split("\\|", -1);
      if (parts.length > 3 || !isKeySalt(parts[0])) {
        return SdpParse.malformed("crypto: inline key is not base64");
      }
      String lifetime = "";
      String mki = "";
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].indexOf(':') >= 0 && i == parts.length - 1) {
          mki = parts[i];
          if (!isMki(mki)) {
            return SdpParse.malformed("crypto: MKI must be <value>:<length 1-128>");
          }
        } else if (i == 1 && isLifetime(parts[i])) {
          lifetime = parts[i];
        } else {
          return SdpParse.malformed("crypto: expected [|<lifetime>][|<MKI>:<length>]");
        }
      }
      return SdpParse.ok(new KeyParams(method, parts[0], lifetime, mki));
    }

    private static boolean isKeySalt(String s) {
      if (!Syntax.isBase64(s)) {
        return false;
      }
      try {
        Base64.getDecoder().decode(s);
        return true;
      } catch (IllegalArgumentException notBase64) {
        return false;
      }
    }

    private static boolean isLifetime(String s) {
      return Syntax.parseLong(s.startsWith("2^") ? s.substring(2) : s, 1, 9_999_999_999L) > 0;
    }

    private static boolean isMki(String s) {
      int colon = s.indexOf(':');
      return Syntax.parseLong(s.substring(0, colon), 0, 9_999_999_999L) >= 0
          && Syntax.parseInt(s.substring(colon + 1), 1, 128) > 0;
    }

    /** {@code <method>:<key info>}. */
    public String value() {
      StringBuilder b = new StringBuilder(method).append(':').append(keySalt);
      if (!lifetime.isEmpty()) {
        b.append('|').append(lifetime);
      }
      if (!mki.isEmpty()) {
        b.append('|').append(mki);
      }
      return b.toString();
    }
  }

  /** Parses the attribute value (after {@code crypto:}). */
  public static SdpParse<Crypto> parse(String value) {
    List<String> f = Syntax.fields(value);
    if (f.size() < 3) {
      return SdpParse.malformed("crypto: expected <tag> <crypto-suite> <key-params>");
    }
    int tag = Syntax.parseInt(f.get(0), 0, 999_999_999);
    if (tag < 0 || f.get(0).length() > 9) {
      return SdpParse.malformed("crypto: tag is not a number of at most 9 digits");
    }
    if (!isSuite(f.get(1))) {
      return SdpParse.malformed("crypto: crypto suite is not a name");
    }
    List<KeyParams> keys = new ArrayList<>();
    for (String text : f.get(2).split(";", -1)) {
      SdpParse<KeyParams> key = KeyParams.parse(text);
      if (!key.isOk()) {
        return SdpParse.malformed(key.reason());
      }
      keys.add(key.orNull());
    }
    return SdpParse.ok(new Crypto(tag, f.get(1), keys, f.subList(3, f.size())));
  }

  private static boolean isSuite(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Syntax.isAlphaNum(s.charAt(i)) && s.charAt(i) != '_') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** The attribute value (after {@code crypto:}). */
  public String value() {
    StringBuilder b = new StringBuilder().append(tag).append(' ').append(suite).append(' ');
    for (int i = 0; i < keyParams.size(); i++) {
      b.append(i == 0 ? "" : ";").append(keyParams.get(i).value());
    }
    for (String p : sessionParams) {
      b.append(' ').append(p);
    }
    return b.toString();
  }
}
