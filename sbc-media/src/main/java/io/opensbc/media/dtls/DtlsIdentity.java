package io.opensbc.media.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The node's DTLS certificate: an ECDSA P-256 key pair and a self-signed X.509 certificate for it,
 * generated once when the relay starts (RFC 5763 §5: self-signed certificates are the norm; the
 * fingerprint in SDP is what authenticates them). Immutable; the private key never leaves.
 */
public final class DtlsIdentity {
  /** How long the certificate is valid from its creation (peers rarely check, some do). */
  public static final Duration VALIDITY = Duration.ofDays(365);

  private final byte[] certificateDer;
  private final AsymmetricKeyParameter privateKey;
  private final String sha256;

  private DtlsIdentity(byte[] certificateDer, AsymmetricKeyParameter privateKey) {
    this.certificateDer = certificateDer;
    this.privateKey = privateKey;
    this.sha256 = CertificateFingerprint.hex(CertificateFingerprint.digest("sha-256", certificateDer));
  }

  /** A fresh key pair and certificate ({@code CN=opensbc}); a few milliseconds of CPU. */
  public static DtlsIdentity generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    // a named curve: peers (BoringSSL, the JDK) refuse certificates with explicit curve parameters
    X9ECParameters curve = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
    ECDomainParameters domain = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve);
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(domain, random));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=opensbc");
    Instant now = Instant.now();
    AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
    try {
      BcX509v3CertificateBuilder builder = new BcX509v3CertificateBuilder(name,
          new BigInteger(63, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(VALIDITY)), name, pair.getPublic());
      X509CertificateHolder holder =
          builder.build(new BcECContentSignerBuilder(signature, digest).build(pair.getPrivate()));
      return new DtlsIdentity(holder.getEncoded(), pair.getPrivate());
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("ECDSA signer unavailable", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The certificate, DER-encoded. */
  public byte[] certificateDer() {
    return certificateDer.clone();
  }

  /** The SHA-256 fingerprint as colon-separated upper-case hex pairs (RFC 8122 §5). */
  public String sha256Fingerprint() {
    return sha256;
  }

  /** The {@code a=fingerprint} value: {@code sha-256 AB:CD:...}. */
  public String fingerprintAttribute() {
    return "sha-256 " + sha256;
  }

  /** The certificate chain (just ours) for a handshake using {@code crypto}. */
  public Certificate chain(BcTlsCrypto crypto) throws IOException {
    return new Certificate(new TlsCertificate[] {crypto.createCertificate(certificateDer)});
  }

  /** Signing credentials for a handshake ({@code ecdsa_secp256r1_sha256}). */
  public TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto) throws IOException {
    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
        chain(crypto), new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
  }

  @Override
  public String toString() {
    return "DtlsIdentity[sha-256 " + sha256 + ", private key hidden]";
  }
}
