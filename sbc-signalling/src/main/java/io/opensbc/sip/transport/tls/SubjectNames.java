package io.opensbc.sip.transport.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The DNS names a certificate is for (its subjectAltName dNSName entries, RFC 5922 §7.1: the
 * Common Name is not used when a SAN is present) and whether a name matches one of them: exact,
 * ignoring case, or a wildcard {@code *.example.com} standing for exactly one left-most label.
 */
public final class SubjectNames {
  private static final int DNS_NAME = 2;

  private SubjectNames() {}

  /** The dNSName entries of the certificate's SAN, in order (empty when it has none). */
  public static List<String> dnsNames(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return out;
      }
      for (List<?> san : sans) {
        if (san.size() >= 2 && san.get(0) instanceof Integer type && type == DNS_NAME) {
          out.add(String.valueOf(san.get(1)));
        }
      }
    } catch (CertificateParsingException e) {
      return out;
    }
    return out;
  }

  /** True when {@code name} is one of the certificate's SAN DNS names (wildcards as above). */
  public static boolean covers(X509Certificate cert, String name) {
    for (String san : dnsNames(cert)) {
      if (matches(san, name)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(String pattern, String name) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String n = name.toLowerCase(Locale.ROOT);
    if (p.endsWith(".")) {
      p = p.substring(0, p.length() - 1);
    }
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    if (!p.startsWith("*.")) {
      return p.equals(n);
    }
    int dot = n.indexOf('.');
    return dot > 0 && n.substring(dot).equals(p.substring(1));
  }
}
