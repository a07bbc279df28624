package io.opensbc.sip.transport.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A self-signed certificate for a lab or a test (never for Teams: Microsoft accepts only
 * certificates from its list of public CAs). RSA 2048 and SHA-256; the FQDN as Common Name and as
 * the one SAN dNSName; usable for server and client authentication (mutual TLS).
 *
 * @param certificatePem the certificate, PEM
 * @param keyPem its private key, PEM PKCS#8
 */
public record LabCertificate(X509Certificate certificate, String certificatePem, String keyPem) {
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(825);

  /** A certificate for {@code fqdn} valid from one hour ago for {@code validity}. */
  public static LabCertificate create(String fqdn, Duration validity) {
    return create(fqdn, Instant.now().minus(Duration.ofHours(1)), validity);
  }

  /** A certificate for {@code fqdn} valid from {@code notBefore} for {@code validity}. */
  public static LabCertificate create(String fqdn, Instant notBefore, Duration validity) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, new SecureRandom());
      KeyPair kp = g.generateKeyPair();
      X500Name name = new X500Name("CN=" + fqdn + ",O=OpenSBC lab");
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
          new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE), Date.from(notBefore),
          Date.from(notBefore.plus(validity)), name, kp.getPublic());
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, fqdn)));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
      return new LabCertificate(cert, pem(cert), pem(new PemObject("PRIVATE KEY", kp.getPrivate().getEncoded())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make a certificate for " + fqdn, e);
    }
  }

  /**
   * Writes {@code cert.pem} and {@code key.pem} (owner read/write only where the file system
   * allows) into {@code dir}, creating it; returns the two paths.
   */
  public List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.writeString(cert, certificatePem, StandardCharsets.US_ASCII);
    Files.writeString(key, keyPem, StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: left as created
    }
    return List.of(cert, key);
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }
}
