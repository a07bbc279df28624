package io.opensbc.sip.routing.dns;

/**
 * Why a lookup or a server location failed. A negative answer (NXDOMAIN, NODATA) is not a failure
 * of the resolver: it is a {@link DnsAnswer}. {@code question} is null when the failure is not about
 * one question (e.g. {@link Reason#NO_TARGETS} from the {@link ServerLocator}).
 */
public final class DnsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kinds of failure. */
  public enum Reason {
    /** No usable answer within {@code attempts} rounds over the servers. */
    TIMEOUT,
    /** Every try was answered with SERVFAIL, REFUSED, NOTIMP or FORMERR, or with garbage. */
    SERVER_FAILURE,
    /** The name cannot be sent (empty label, over 63/255 octets). */
    BAD_NAME,
    /** Too many queries in flight ({@link DnsSettings#maxOutstanding()}). */
    OVERLOADED,
    /** A CNAME chain longer than the resolver follows, or a loop. */
    CNAME_CHAIN,
    /** The resolver was closed. */
    CLOSED,
    /** Server location found no address to send to. */
    NO_TARGETS
  }

  private final DnsQuestion question;
  private final Reason reason;

  public DnsException(DnsQuestion question, Reason reason, String message) {
    super(message, null, false, false);
    this.question = question;
    this.reason = reason;
  }

  public DnsQuestion question() {
    return question;
  }

  public Reason reason() {
    return reason;
  }
}
