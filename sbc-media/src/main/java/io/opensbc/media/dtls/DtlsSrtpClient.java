package io.opensbc.media.dtls;

import io.opensbc.media.control.DtlsParameters;
import io.opensbc.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our end of a DTLS-SRTP association as the client ({@code a=setup:active}): DTLS 1.2 only,
 * ECDHE suites, {@code use_srtp} with our profiles, our certificate on request, the server's
 * certificate checked against its SDP fingerprint. One instance per handshake.
 */
final class DtlsSrtpClient extends DefaultTlsClient {
  private static final int[] SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
  };

  private final BcTlsCrypto crypto;
  private final DtlsIdentity identity;
  private final DtlsParameters expected;
  private final List<SrtpProfile> profiles;
  private final int timeoutMillis;
  private SrtpProfile selected;
  private DtlsSrtpKeys keys;

  DtlsSrtpClient(BcTlsCrypto crypto, DtlsIdentity identity, DtlsParameters expected, int timeoutMillis) {
    super(crypto);
    this.crypto = crypto;
    this.identity = identity;
    this.expected = expected;
    this.profiles = SrtpProfiles.of(expected.srtpProfiles());
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES);
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return timeoutMillis;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Hashtable getClientExtensions() throws IOException {
    Hashtable ext = TlsExtensions.ensure(super.getClientExtensions());
    TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(SrtpProfiles.ids(profiles), TlsUtils.EMPTY_BYTES));
    return ext;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    UseSRTPData srtp = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (srtp == null || srtp.getProtectionProfiles().length != 1) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server did not select one SRTP profile");
    }
    selected = SrtpProfiles.byId(profiles, srtp.getProtectionProfiles()[0]).orElseThrow(() ->
        new TlsFatalAlert(AlertDescription.illegal_parameter, "server selected an SRTP profile we did not offer"));
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
        DtlsPeerCheck.verify(serverCertificate.getCertificate(), expected);
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        return identity.signer(context, crypto);
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    byte[] material = context.exportKeyingMaterial(DtlsSrtpKeys.EXPORTER_LABEL, null,
        DtlsSrtpKeys.materialLength(selected));
    keys = DtlsSrtpKeys.split(selected, material, true);
  }

  /** After the handshake: the SRTP keys from the exporter. */
  DtlsSrtpKeys keys() {
    return keys;
  }
}
