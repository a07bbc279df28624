package io.opensbc.config.model.media;

import io.opensbc.config.model.Defaults;
import java.util.List;

/**
 * The media policy of one trunk (docs/media.md).
 *
 * @param security plain RTP, SRTP, or as offered (default)
 * @param srtpProfiles the SRTP crypto suites the trunk's leg may use (default: all of {@link
 *     #SRTP_PROFILES})
 * @param codecs the codecs allowed on the trunk's leg: encoding names as in SDP {@code rtpmap},
 *     case as written; empty = all (default)
 * @param bypass trunks whose calls with this one are not relayed: the SDP passes untouched
 *     (default none). A call bypasses media when either trunk lists the other ({@link
 *     #bypasses(String)} on both sides)
 * @param iceLite answer as an ICE-lite agent towards the trunk (default false)
 * @param dtls DTLS-SRTP keying towards the trunk (default false)
 */
public record TrunkMedia(
    MediaSecurity security,
    List<String> srtpProfiles,
    List<String> codecs,
    List<String> bypass,
    boolean iceLite,
    boolean dtls) {
  /** Every SRTP crypto suite supported, as named in SDP {@code a=crypto}. */
  public static final List<String> SRTP_PROFILES =
      List.of(
          "AES_CM_128_HMAC_SHA1_80",
          "AES_CM_128_HMAC_SHA1_32",
          "AEAD_AES_128_GCM",
          "AEAD_AES_256_GCM");

  public static final List<String> DEFAULT_SRTP_PROFILES = SRTP_PROFILES;

  public static final TrunkMedia DEFAULT =
      new TrunkMedia(
          Defaults.MEDIA_SECURITY,
          DEFAULT_SRTP_PROFILES,
          List.of(),
          List.of(),
          Defaults.ICE_LITE,
          Defaults.DTLS);

  public TrunkMedia {
    security = security == null ? Defaults.MEDIA_SECURITY : security;
    srtpProfiles = srtpProfiles == null ? DEFAULT_SRTP_PROFILES : List.copyOf(srtpProfiles);
    codecs = codecs == null ? List.of() : List.copyOf(codecs);
    bypass = bypass == null ? List.of() : List.copyOf(bypass);
  }

  /** True when {@code trunk} is in {@link #bypass}. */
  public boolean bypasses(String trunk) {
    return bypass.contains(trunk);
  }
}
