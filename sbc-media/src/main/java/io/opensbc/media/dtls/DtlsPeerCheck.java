package io.opensbc.media.dtls;

import io.opensbc.media.control.DtlsParameters;
import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * RFC 5763 §5 and RFC 8122 §5: the certificate a peer presents must hash to the fingerprint its
 * SDP carried; nothing else about it (issuer, validity, key usage) is checked, since self-signed
 * certificates are what DTLS-SRTP peers use.
 */
final class DtlsPeerCheck {
  private DtlsPeerCheck() {}

  static void verify(Certificate chain, DtlsParameters expected) throws IOException {
    if (chain == null || chain.isEmpty()) {
      throw new TlsFatalAlert(AlertDescription.certificate_required, "peer sent no certificate");
    }
    byte[] der = chain.getCertificateAt(0).getEncoded();
    if (!CertificateFingerprint.matches(expected.hashFunction(), expected.fingerprint(), der)) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate,
          "peer certificate does not match its SDP fingerprint (" + expected.hashFunction() + ")");
    }
  }
}
