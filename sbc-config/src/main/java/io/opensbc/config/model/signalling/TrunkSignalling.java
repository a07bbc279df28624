package io.opensbc.config.model.signalling;

import io.opensbc.config.model.tls.TrunkTls;

/**
 * How the SBC presents itself to one trunk and what it does to the trunk's signalling.
 *
 * @param template the template the trunk was expanded from ({@code teams}), or null
 * @param fqdn the SBC's FQDN towards the trunk: put in Via, Contact and OPTIONS (Teams: must be
 *     in the certificate's SAN); null: the listener's address
 * @param tls TLS client settings towards the trunk
 * @param userPhone add {@code ;user=phone} to the Request-URI of calls to the trunk
 * @param sbcHeader the name of a header naming this product and version on requests to the trunk
 *     ({@code X-MS-SBC} for Teams); null: none
 * @param provisional which 18x reach the trunk when it placed the call
 * @param sessionTimer session timers (RFC 4028) on the trunk's legs
 * @param transfer REFER handling and 3xx recursion towards the trunk (docs/transfers.md)
 */
public record TrunkSignalling(String template, String fqdn, TrunkTls tls, boolean userPhone, String sbcHeader,
    Provisional provisional, SessionTimer sessionTimer, TrunkTransfer transfer) {
  public static final TrunkSignalling DEFAULT =
      new TrunkSignalling(null, null, TrunkTls.DEFAULT, false, null, Provisional.ALL, SessionTimer.OFF);

  public TrunkSignalling {
    tls = tls == null ? TrunkTls.DEFAULT : tls;
    provisional = provisional == null ? Provisional.ALL : provisional;
    sessionTimer = sessionTimer == null ? SessionTimer.OFF : sessionTimer;
    transfer = transfer == null ? TrunkTransfer.DEFAULT : transfer;
  }

  /** Signalling with the default transfer behaviour (REFER passed through, 3xx passed through). */
  public TrunkSignalling(String template, String fqdn, TrunkTls tls, boolean userPhone, String sbcHeader,
      Provisional provisional, SessionTimer sessionTimer) {
    this(template, fqdn, tls, userPhone, sbcHeader, provisional, sessionTimer, TrunkTransfer.DEFAULT);
  }
}
