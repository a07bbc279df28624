package io.opensbc.sip.transport.tls;

/**
 * A certificate or key that cannot be used, with the file and what is wrong: unreadable, no
 * certificate in it, a key that does not match, expired or not yet valid, an FQDN not in the SAN.
 */
public final class CertificateProblem extends Exception {
  private final String file;

  public CertificateProblem(String file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public CertificateProblem(String file, String problem, Throwable cause) {
    super(file + ": " + problem + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
    this.file = file;
  }

  /** The file at fault. */
  public String file() {
    return file;
  }
}
