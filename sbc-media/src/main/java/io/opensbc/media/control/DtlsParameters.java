package io.opensbc.media.control;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the relay needs to run DTLS-SRTP on a leg, from the offer/answer on that leg.
 *
 * @param role our end of the association
 * @param hashFunction the {@code hash-func} of the peer's {@code a=fingerprint}, e.g. {@code sha-256}
 * @param fingerprint the peer's certificate hash: the handshake fails unless its certificate
 *     hashes to exactly this
 * @param srtpProfiles SRTP profiles we offer or accept in {@code use_srtp}, by their SDES names,
 *     in order of preference; empty means every supported one
 */
public record DtlsParameters(DtlsRole role, String hashFunction, byte[] fingerprint, List<String> srtpProfiles) {
  public DtlsParameters {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(hashFunction, "hashFunction");
    fingerprint = fingerprint.clone();
    srtpProfiles = List.copyOf(srtpProfiles);
  }

  @Override
  public byte[] fingerprint() {
    return fingerprint.clone();
  }

  /** Same role, peer certificate and profiles (a re-INVITE that needs no new handshake). */
  public boolean sameAs(DtlsParameters o) {
    return o != null && role == o.role && hashFunction.equalsIgnoreCase(o.hashFunction)
        && Arrays.equals(fingerprint, o.fingerprint) && srtpProfiles.equals(o.srtpProfiles);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DtlsParameters p && sameAs(p);
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, Arrays.hashCode(fingerprint), srtpProfiles);
  }

  @Override
  public String toString() {
    return "DtlsParameters[" + role + ", " + hashFunction + ", " + srtpProfiles + "]";
  }
}
