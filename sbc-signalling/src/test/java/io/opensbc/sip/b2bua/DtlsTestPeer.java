package io.opensbc.sip.b2bua;

import io.opensbc.media.dtls.CertificateFingerprint;
import io.opensbc.media.dtls.DtlsIdentity;
import io.opensbc.media.srtp.SdesKeys;
import io.opensbc.media.srtp.SrtpMasterKey;
import io.opensbc.media.srtp.SrtpProfile;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Hashtable;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A DTLS-SRTP user agent's media end for tests, straight on Bouncy Castle (not on the relay's
 * classes): its own certificate, AES_CM_128_HMAC_SHA1_80 in use_srtp, the relay's certificate
 * recorded, SRTP keys split from its own exporter call.
 */
final class DtlsTestPeer {
  private static final SrtpProfile PROFILE = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
  final DtlsIdentity identity = DtlsIdentity.generate(new SecureRandom());
  private final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
  byte[] relayCertificate;
  private byte[] material;
  private boolean server;

  /** {@code a=fingerprint} value of our certificate. */
  String fingerprint() {
    return "sha-256 " + CertificateFingerprint.hex(CertificateFingerprint.digest("sha-256", identity.certificateDer()));
  }

  String relayFingerprint() {
    return "sha-256 " + CertificateFingerprint.hex(CertificateFingerprint.digest("sha-256", relayCertificate));
  }

  void connect(DatagramSocket socket, int relayPort) throws IOException {
    socket.connect(new InetSocketAddress(socket.getLocalAddress(), relayPort));
    new DTLSClientProtocol().connect(new Client(), new UDPTransport(socket, 1500));
  }

  void accept(DatagramSocket socket, int relayPort) throws IOException {
    socket.connect(new InetSocketAddress(socket.getLocalAddress(), relayPort));
    new DTLSServerProtocol().accept(new Server(), new UDPTransport(socket, 1500));
  }

  /** [what we protect with, what the relay protects with]. */
  SdesKeys[] keys() {
    int k = PROFILE.keyLength();
    int s = PROFILE.saltLength();
    SdesKeys c = new SdesKeys(new SrtpMasterKey(PROFILE, Arrays.copyOfRange(material, 0, k),
        Arrays.copyOfRange(material, 2 * k, 2 * k + s)), 0, 0, 0);
    SdesKeys sv = new SdesKeys(new SrtpMasterKey(PROFILE, Arrays.copyOfRange(material, k, 2 * k),
        Arrays.copyOfRange(material, 2 * k + s, 2 * (k + s))), 0, 0, 0);
    return server ? new SdesKeys[] {sv, c} : new SdesKeys[] {c, sv};
  }

  private void done(TlsContext c) {
    server = c.isServer();
    material = c.exportKeyingMaterial("EXTRACTOR-dtls_srtp", null, 2 * (PROFILE.keyLength() + PROFILE.saltLength()));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Hashtable withSrtp(Hashtable ext) throws IOException {
    Hashtable out = ext == null ? new Hashtable() : ext;
    TlsSRTPUtils.addUseSRTPExtension(out, new UseSRTPData(new int[] {PROFILE.dtlsProfileId()}, TlsUtils.EMPTY_BYTES));
    return out;
  }

  private final class Client extends DefaultTlsClient {
    Client() {
      super(crypto);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.DTLSv12.only();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Hashtable getClientExtensions() throws IOException {
      return withSrtp(super.getClientExtensions());
    }

    @Override
    public void notifyHandshakeComplete() {
      done(context);
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate sc) throws IOException {
          relayCertificate = sc.getCertificate().getCertificateAt(0).getEncoded();
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
          return identity.signer(context, crypto);
        }
      };
    }
  }

  private final class Server extends DefaultTlsServer {
    Server() {
      super(crypto);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
      return identity.signer(context, crypto);
    }

    @Override
    public CertificateRequest getCertificateRequest() {
      return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign},
          TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate c) throws IOException {
      relayCertificate = c.getCertificateAt(0).getEncoded();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Hashtable getServerExtensions() throws IOException {
      return withSrtp(super.getServerExtensions());
    }

    @Override
    public void notifyHandshakeComplete() {
      done(context);
    }
  }
}
