package io.opensbc.media.dtls;

import io.opensbc.media.srtp.SrtpProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code use_srtp} protection profiles (RFC 5764 §4.1.2, RFC 7714 §14.2) we negotiate. */
final class SrtpProfiles {
  /** Our order of preference when nothing narrower is asked: the most widely deployed first. */
  static final List<SrtpProfile> DEFAULT = List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
      SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AEAD_AES_256_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_32);

  private SrtpProfiles() {}

  /** The profiles named (SDES names, unknown ones skipped) in order, or {@link #DEFAULT} if none. */
  static List<SrtpProfile> of(List<String> names) {
    List<SrtpProfile> out = new ArrayList<>();
    for (String n : names) {
      SrtpProfile.fromSdesName(n).filter(p -> !out.contains(p)).ifPresent(out::add);
    }
    return out.isEmpty() ? DEFAULT : List.copyOf(out);
  }

  static int[] ids(List<SrtpProfile> profiles) {
    return profiles.stream().mapToInt(SrtpProfile::dtlsProfileId).toArray();
  }

  static Optional<SrtpProfile> byId(List<SrtpProfile> allowed, int id) {
    return allowed.stream().filter(p -> p.dtlsProfileId() == id).findFirst();
  }
}
