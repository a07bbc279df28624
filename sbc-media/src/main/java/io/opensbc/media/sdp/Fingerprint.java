package io.opensbc.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * {@code a=fingerprint:<hash-func> <fingerprint>} (RFC 8122 §5): the hash of the DTLS certificate
 * as colon-separated hex pairs.
 */
public record Fingerprint(String hashFunction, String fingerprint) {

  public Fingerprint {
    Objects.requireNonNull(hashFunction, "hashFunction");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /** Parses the attribute value (after {@code fingerprint:}). */
  public static SdpParse<Fingerprint> parse(String value) {
    List<String> f = Syntax.fields(value);
    if (f.size() != 2 || !Syntax.isToken(f.get(0))) {
      return SdpParse.malformed("fingerprint: expected <hash-func> <hex pairs>");
    }
    String hex = f.get(1);
    if ((hex.length() + 1) % 3 != 0) {
      return SdpParse.malformed("fingerprint: expected colon-separated hex pairs");
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (i % 3 == 2 ? c != ':' : !Syntax.isHex(c)) {
        return SdpParse.malformed("fingerprint: expected colon-separated hex pairs");
      }
    }
    return SdpParse.ok(new Fingerprint(f.get(0), hex));
  }

  /** The hash bytes. */
  public byte[] bytes() {
    byte[] out = new byte[(fingerprint.length() + 1) / 3];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(fingerprint.substring(3 * i, 3 * i + 2), 16);
    }
    return out;
  }

  /** The attribute value (after {@code fingerprint:}). */
  public String value() {
    return hashFunction + " " + fingerprint;
  }
}
