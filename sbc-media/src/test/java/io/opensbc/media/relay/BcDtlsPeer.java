package io.opensbc.media.relay;

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
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
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
 * A DTLS-SRTP peer for tests written straight on Bouncy Castle's API (not on the relay's client
 * and server), over a real UDP socket connected to the relay: it records the certificate the relay
 * presented and derives its SRTP keys from the exporter itself (RFC 5764 §4.2).
 */
final class BcDtlsPeer implements AutoCloseable {
  final DatagramSocket socket;
  final DtlsIdentity identity = DtlsIdentity.generate(new SecureRandom());
  private final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
  private final int profileId;
  private boolean isServer;
  byte[] relayCertificate;
  private SrtpProfile profile;
  private byte[] material;
  DTLSTransport transport;

  BcDtlsPeer(int profileId) throws IOException {
    this.profileId = profileId;
    for (SrtpProfile p : SrtpProfile.values()) {
      if (p.dtlsProfileId() == profileId) {
        profile = p;
      }
    }
    socket = new DatagramSocket(new InetSocketAddress(UdpPeer.LOOPBACK, 0));
    socket.setReceiveBufferSize(1 << 20);
  }

  int port() {
    return socket.getLocalPort();
  }

  byte[] fingerprint() {
    return CertificateFingerprint.digest("sha-256", identity.certificateDer());
  }

  /** Connects to the relay's port and runs the handshake as the client. Blocking. */
  void connect(int relayPort) throws IOException {
    socket.connect(new InetSocketAddress(UdpPeer.LOOPBACK, relayPort));
    transport = new DTLSClientProtocol().connect(new Client(), new UDPTransport(socket, 1500));
  }

  /** Connects to the relay's port and waits for its handshake as the server. Blocking. */
  void accept(int relayPort) throws IOException {
    socket.connect(new InetSocketAddress(UdpPeer.LOOPBACK, relayPort));
    DTLSServerProtocol server = new DTLSServerProtocol();
    transport = server.accept(new Server(), new UDPTransport(socket, 1500));
  }

  /** Our write key (what we protect with) and the relay's, split from the exporter output. */
  SdesKeys[] keys() {
    int k = profile.keyLength();
    int s = profile.saltLength();
    byte[] m = material;
    SdesKeys client = sdes(profile, Arrays.copyOfRange(m, 0, k), Arrays.copyOfRange(m, 2 * k, 2 * k + s));
    SdesKeys server = sdes(profile, Arrays.copyOfRange(m, k, 2 * k), Arrays.copyOfRange(m, 2 * k + s, 2 * (k + s)));
    return isServer ? new SdesKeys[] {server, client} : new SdesKeys[] {client, server};
  }

  private static SdesKeys sdes(SrtpProfile p, byte[] key, byte[] salt) {
    return new SdesKeys(new SrtpMasterKey(p, key, salt), 0, 0, 0);
  }

  @Override
  public void close() {
    socket.close();
  }

  private void exported(TlsContext c) {
    isServer = c.isServer();
    material = c.exportKeyingMaterial("EXTRACTOR-dtls_srtp", null, 2 * (profile.keyLength() + profile.saltLength()));
  }

  private TlsCredentialedSigner signer(TlsContext c) throws IOException {
    return identity.signer(c, crypto);
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
      Hashtable ext = super.getClientExtensions();
      if (ext == null) {
        ext = new Hashtable();
      }
      TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {profileId}, TlsUtils.EMPTY_BYTES));
      return ext;
    }

    @Override
    public void notifyHandshakeComplete() {
      exported(context);
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
          return signer(context);
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
      return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}; // our certificate is ECDSA
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
      return signer(context);
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
      Hashtable ext = super.getServerExtensions();
      if (ext == null) {
        ext = new Hashtable();
      }
      UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
      if (offered == null || Arrays.stream(offered.getProtectionProfiles()).noneMatch(p -> p == profileId)) {
        throw new IOException("relay did not offer profile " + profileId);
      }
      TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {profileId}, TlsUtils.EMPTY_BYTES));
      return ext;
    }

    @Override
    public void notifyHandshakeComplete() {
      exported(context);
    }
  }
}
