package io.opensbc.media.dtls;

import io.opensbc.media.control.DtlsParameters;
import io.opensbc.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our end of a DTLS-SRTP association as the server ({@code a=setup:passive}): DTLS 1.2 only,
 * ECDHE-ECDSA suites (our certificate is ECDSA), a client certificate required and checked against
 * the client's SDP fingerprint (RFC 5763 §5), and the first of our SRTP profiles the client
 * offered in {@code use_srtp}. One instance per handshake.
 */
final class DtlsSrtpServer extends DefaultTlsServer {
  private static final int[] SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
  };

  private final BcTlsCrypto crypto;
  private final DtlsIdentity identity;
  private final DtlsParameters expected;
  private final List<SrtpProfile> profiles;
  private final int timeoutMillis;
  private SrtpProfile selected;
  private DtlsSrtpKeys keys;

  DtlsSrtpServer(BcTlsCrypto crypto, DtlsIdentity identity, DtlsParameters expected, int timeoutMillis) {
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
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    return identity.signer(context, crypto);
  }

  @Override
  public CertificateRequest getCertificateRequest() {
    short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
    return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    DtlsPeerCheck.verify(clientCertificate, expected);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "client offered no use_srtp");
    }
    Optional<SrtpProfile> common = profiles.stream()
        .filter(p -> contains(offered.getProtectionProfiles(), p.dtlsProfileId())).findFirst();
    selected = common.orElseThrow(() ->
        new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP profile in common"));
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Hashtable getServerExtensions() throws IOException {
    Hashtable ext = TlsExtensions.ensure(super.getServerExtensions());
    TlsSRTPUtils.addUseSRTPExtension(ext,
        new UseSRTPData(new int[] {selected.dtlsProfileId()}, TlsUtils.EMPTY_BYTES));
    return ext;
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    byte[] material = context.exportKeyingMaterial(DtlsSrtpKeys.EXPORTER_LABEL, null,
        DtlsSrtpKeys.materialLength(selected));
    keys = DtlsSrtpKeys.split(selected, material, false);
  }

  /** After the handshake: the SRTP keys from the exporter. */
  DtlsSrtpKeys keys() {
    return keys;
  }

  private static boolean contains(int[] ids, int id) {
    for (int i : ids) {
      if (i == id) {
        return true;
      }
    }
    return false;
  }
}
