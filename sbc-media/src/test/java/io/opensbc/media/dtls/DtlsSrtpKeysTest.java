package io.opensbc.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.srtp.SrtpProfile;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 5764 §4.2 key split, the node certificate, and fingerprints (RFC 8122). */
class DtlsSrtpKeysTest {

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void theExporterOutputSplitsIntoClientAndServerKeyAndSalt(SrtpProfile p) {
    int k = p.keyLength();
    int s = p.saltLength();
    byte[] m = new byte[2 * (k + s)];
    for (int i = 0; i < m.length; i++) {
      m[i] = (byte) i;
    }
    DtlsSrtpKeys client = DtlsSrtpKeys.split(p, m, true);
    DtlsSrtpKeys server = DtlsSrtpKeys.split(p, m, false);
    // client_write_key | server_write_key | client_write_salt | server_write_salt
    assertArrayEquals(Arrays.copyOfRange(m, 0, k), client.local().masterKey().key());
    assertArrayEquals(Arrays.copyOfRange(m, k, 2 * k), client.remote().masterKey().key());
    assertArrayEquals(Arrays.copyOfRange(m, 2 * k, 2 * k + s), client.local().masterKey().salt());
    assertArrayEquals(Arrays.copyOfRange(m, 2 * k + s, m.length), client.remote().masterKey().salt());
    assertEquals(client.local(), server.remote(), "what the client writes with, the server reads with");
    assertEquals(client.remote(), server.local());
    assertThrows(IllegalArgumentException.class, () -> DtlsSrtpKeys.split(p, new byte[m.length - 1], true));
  }

  @Test
  void srtpBetweenTheTwoSplitsRoundTrips() {
    byte[] m = new byte[DtlsSrtpKeys.materialLength(SrtpProfile.AES_CM_128_HMAC_SHA1_80)];
    new SecureRandom().nextBytes(m);
    DtlsSrtpKeys client = DtlsSrtpKeys.split(SrtpProfile.AES_CM_128_HMAC_SHA1_80, m, true);
    DtlsSrtpKeys server = DtlsSrtpKeys.split(SrtpProfile.AES_CM_128_HMAC_SHA1_80, m, false);
    byte[] rtp = new byte[12 + 160 + 64];
    rtp[0] = (byte) 0x80;
    rtp[11] = 7;
    byte[] plain = Arrays.copyOf(rtp, 172);
    int n = client.local().newContext(64).protect(rtp, 0, 172);
    assertEquals(182, n);
    assertEquals(172, server.remote().newContext(64).unprotect(rtp, 0, n));
    assertArrayEquals(plain, Arrays.copyOf(rtp, 172));
  }

  @Test
  void theNodeCertificateIsEcdsaP256AndItsFingerprintIsTheSha256OfItsDer() throws Exception {
    DtlsIdentity id = DtlsIdentity.generate(new SecureRandom());
    var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(id.certificateDer()));
    assertEquals("EC", cert.getPublicKey().getAlgorithm());
    assertEquals(256, ((java.security.interfaces.ECPublicKey) cert.getPublicKey()).getParams().getOrder().bitLength());
    assertEquals("SHA256withECDSA", cert.getSigAlgName());
    cert.verify(cert.getPublicKey()); // self-signed
    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(id.certificateDer());
    assertEquals("sha-256 " + CertificateFingerprint.hex(sha), id.fingerprintAttribute());
    assertTrue(id.sha256Fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
    assertFalse(id.toString().contains("PRIVATE"));
  }

  @Test
  void fingerprintsWithUnsupportedOrWeakHashesNeverMatch() {
    byte[] der = {1, 2, 3};
    assertTrue(CertificateFingerprint.matches("SHA-256", CertificateFingerprint.digest("sha-256", der), der));
    assertTrue(CertificateFingerprint.matches("sha-1", CertificateFingerprint.digest("sha-1", der), der));
    assertFalse(CertificateFingerprint.matches("md5", new byte[16], der));
    assertFalse(CertificateFingerprint.matches("sha-256", new byte[32], der));
    assertFalse(CertificateFingerprint.supported("md2"));
  }
}
