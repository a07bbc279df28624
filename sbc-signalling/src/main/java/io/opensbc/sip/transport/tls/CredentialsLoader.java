package io.opensbc.sip.transport.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a certificate and its key (PEM, or PKCS#12 by {@code .p12}/{@code .pfx}) and checks them
 * before use: the files can be read, hold a certificate and a key, the key belongs to the
 * certificate, and the certificate is in date. Every problem names the file. Blocking file IO:
 * call it off the event loop.
 */
public final class CredentialsLoader {
  private CredentialsLoader() {}

  /** Reads and checks; {@code keyFile} null for PKCS#12. */
  public static Credentials load(String certFile, String keyFile, String password, Date now)
      throws CertificateProblem {
    FileStamp stamp = FileStamp.of(certFile, keyFile);
    byte[] certBytes = read(certFile);
    String lower = certFile.toLowerCase(java.util.Locale.ROOT);
    List<X509Certificate> chain;
    PrivateKey key;
    KeyCertOptions options;
    if (lower.endsWith(".p12") || lower.endsWith(".pfx")) {
      KeyStore ks = pkcs12(certFile, certBytes, password);
      String alias = keyAlias(certFile, ks);
      try {
        Key k = ks.getKey(alias, password == null ? new char[0] : password.toCharArray());
        key = (PrivateKey) k;
        chain = new ArrayList<>();
        for (Certificate c : ks.getCertificateChain(alias)) {
          chain.add((X509Certificate) c);
        }
      } catch (GeneralSecurityException | ClassCastException e) {
        throw new CertificateProblem(certFile, "cannot read the key in the PKCS#12 file", e);
      }
      options = new PfxOptions().setValue(Buffer.buffer(certBytes)).setPassword(password == null ? "" : password)
          .setAlias(alias);
    } else {
      chain = certificates(certFile, certBytes);
      if (keyFile == null) {
        throw new CertificateProblem(certFile, "a PEM certificate needs its key file");
      }
      byte[] keyBytes = read(keyFile);
      key = pemKey(keyFile, keyBytes);
      options = new PemKeyCertOptions().setCertValue(Buffer.buffer(certBytes)).setKeyValue(Buffer.buffer(keyBytes));
    }
    X509Certificate leaf = chain.get(0);
    inDate(certFile, leaf, now);
    if (!matches(key, leaf)) {
      throw new CertificateProblem(keyFile != null ? keyFile : certFile, "the private key does not belong to "
          + "the certificate " + leaf.getSubjectX500Principal().getName() + " in " + certFile);
    }
    return new Credentials(chain, options, stamp);
  }

  /** The CA certificates of a trust file (PEM), as trust options; at least one is required. */
  public static PemTrustOptions trust(String caFile) throws CertificateProblem {
    byte[] bytes = read(caFile);
    certificates(caFile, bytes);
    return new PemTrustOptions().addCertValue(Buffer.buffer(bytes));
  }

  /** The certificates of a PEM (or DER) file, leaf first; at least one. */
  public static List<X509Certificate> certificates(String file, byte[] bytes) throws CertificateProblem {
    try {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(bytes))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new CertificateProblem(file, "no certificate in the file (expected PEM '-----BEGIN CERTIFICATE-----')");
      }
      return out;
    } catch (CertificateException e) {
      throw new CertificateProblem(file, "not a certificate file (expected PEM '-----BEGIN CERTIFICATE-----')", e);
    }
  }

  private static void inDate(String file, X509Certificate leaf, Date now) throws CertificateProblem {
    try {
      leaf.checkValidity(now);
    } catch (CertificateExpiredException e) {
      throw new CertificateProblem(file, "the certificate " + leaf.getSubjectX500Principal().getName()
          + " expired on " + leaf.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new CertificateProblem(file, "the certificate " + leaf.getSubjectX500Principal().getName()
          + " is not valid before " + leaf.getNotBefore().toInstant());
    }
  }

  private static byte[] read(String file) throws CertificateProblem {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new CertificateProblem(file, "cannot read the file", e);
    }
  }

  private static KeyStore pkcs12(String file, byte[] bytes, String password) throws CertificateProblem {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(new ByteArrayInputStream(bytes), password == null ? new char[0] : password.toCharArray());
      return ks;
    } catch (IOException e) {
      throw new CertificateProblem(file, "cannot open the PKCS#12 file (wrong password?)", e);
    } catch (GeneralSecurityException e) {
      throw new CertificateProblem(file, "cannot open the PKCS#12 file", e);
    }
  }

  private static String keyAlias(String file, KeyStore ks) throws CertificateProblem {
    try {
      for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
        String a = e.nextElement();
        if (ks.isKeyEntry(a)) {
          return a;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new CertificateProblem(file, "cannot list the PKCS#12 entries", e);
    }
    throw new CertificateProblem(file, "the PKCS#12 file holds no private key");
  }

  private static PrivateKey pemKey(String file, byte[] bytes) throws CertificateProblem {
    try (PEMParser p = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return conv.getKeyPair(pair).getPrivate();
      }
      if (o instanceof PrivateKeyInfo info) {
        return conv.getPrivateKey(info);
      }
      if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw new CertificateProblem(file, "the key is encrypted; give an unencrypted PEM key (readable by the "
            + "SBC's user only) or a PKCS#12 file with its password");
      }
      throw new CertificateProblem(file, "no private key in the file (expected PEM '-----BEGIN PRIVATE KEY-----')");
    } catch (IOException e) {
      throw new CertificateProblem(file, "not a PEM key file", e);
    }
  }

  /** The key signs what the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String alg = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519" -> "Ed25519";
      default -> null;
    };
    if (alg == null) {
      return true; // an algorithm we cannot test: the handshake will tell
    }
    try {
      byte[] probe = "opensbc key check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(cert.getPublicKey());
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
