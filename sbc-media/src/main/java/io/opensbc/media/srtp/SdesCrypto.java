package io.opensbc.media.srtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The value of an SDES {@code a=crypto} attribute (RFC 4568 §9.1): {@code tag crypto-suite
 * key-params *(WSP session-param)}, where key-params is one or more key parameters joined by
 * {@code ;}. Only {@code inline} keys are known. Session parameters ({@code KDR=}, {@code
 * UNENCRYPTED_SRTCP}, {@code WSH=}...) are kept as text for the offer/answer logic to judge;
 * {@link SrtpContext} supports none that changes the transform (no KDR other than 0, SRTP and SRTCP
 * always encrypted and authenticated), so an answerer should decline a line that carries one.
 *
 * @param tag the 1..9-digit decimal tag that pairs an answer with the offer line it accepts
 * @param keys at least one key; more than one only with distinct MKIs (§6.1)
 */
public record SdesCrypto(long tag, SrtpProfile profile, List<SdesKeys> keys,
    List<String> sessionParams) {

  private static final long MAX_TAG = 999_999_999L;

  public SdesCrypto {
    if (tag < 0 || tag > MAX_TAG) {
      throw new IllegalArgumentException("tag " + tag + " (allowed: 0..999999999)");
    }
    Objects.requireNonNull(profile, "profile");
    keys = List.copyOf(keys);
    sessionParams = List.copyOf(sessionParams);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no key");
    }
    for (SdesKeys k : keys) {
      if (k.profile() != profile) {
        throw new IllegalArgumentException(k.profile() + " key in a " + profile + " line");
      }
    }
  }

  /** A line with one key and no session parameters. */
  public static SdesCrypto of(long tag, SdesKeys keys) {
    return new SdesCrypto(tag, keys.profile(), List.of(keys), List.of());
  }

  /** The attribute value, e.g. {@code 1 AES_CM_128_HMAC_SHA1_80 inline:...}. */
  public String format() {
    StringBuilder s = new StringBuilder().append(tag).append(' ').append(profile.sdesName())
        .append(' ');
    for (int i = 0; i < keys.size(); i++) {
      s.append(i == 0 ? "" : ";").append(keys.get(i).keyParam());
    }
    for (String p : sessionParams) {
      s.append(' ').append(p);
    }
    return s.toString();
  }

  /**
   * Parses an attribute value (what follows {@code a=crypto:}). A crypto suite we do not implement
   * is malformed too, with a reason that says so: the caller skips that line of the offer.
   */
  public static SdesParsed<SdesCrypto> parse(String value) {
    String[] fields = value.strip().split("[ \t]+");
    if (fields.length < 3) {
      return SdesParsed.malformed("a=crypto needs tag, crypto-suite and key-params");
    }
    long tag = fields[0].length() <= 9 && fields[0].chars().allMatch(c -> c >= '0' && c <= '9')
        ? Long.parseLong(fields[0]) : -1;
    if (tag < 0) {
      return SdesParsed.malformed("tag '" + fields[0] + "' is not 1 to 9 digits");
    }
    SrtpProfile profile = SrtpProfile.fromSdesName(fields[1]).orElse(null);
    if (profile == null) {
      return SdesParsed.malformed("unsupported crypto-suite " + fields[1]);
    }
    List<SdesKeys> keys = new ArrayList<>();
    for (String param : fields[2].split(";", -1)) {
      SdesParsed<SdesKeys> key = SdesKeys.parse(profile, param);
      if (key instanceof SdesParsed.Malformed<SdesKeys> m) {
        return SdesParsed.malformed(m.reason());
      }
      keys.add(key.orNull());
    }
    if (keys.size() > 1 && keys.stream().anyMatch(k -> k.mkiLength() == 0)) {
      return SdesParsed.malformed("several keys without an MKI on each (RFC 4568 §6.1)");
    }
    List<String> sessionParams = List.of(fields).subList(3, fields.length);
    return SdesParsed.ok(new SdesCrypto(tag, profile, keys, sessionParams));
  }
}
