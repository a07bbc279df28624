package io.opensbc.sip.transport.tls;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The start-up check of TLS identities (run by the node before it starts, and by {@code
 * check-config}): every TLS listener's certificate can be used (readable, key matching, in date),
 * and a TLS trunk's {@code fqdn} is one of the SAN DNS names of the certificate of the listener
 * that sends to it (Microsoft refuses an SBC whose FQDN its certificate does not name). Blocking
 * file IO.
 */
public final class IdentityCheck {
  private IdentityCheck() {}

  /** Every problem, each naming the listener or trunk and the file; empty when all is well. */
  public static List<String> problems(SbcConfig config, Date now) {
    List<String> out = new ArrayList<>();
    Map<String, Credentials> loaded = new HashMap<>();
    for (ListenerConfig l : config.listeners()) {
      if (l.transport() != Transport.TLS || l.tls() == null) {
        continue;
      }
      try {
        loaded.put(l.name(), CredentialsLoader.load(l.tls().certificate(), l.tls().key(), l.tls().password(), now));
      } catch (CertificateProblem e) {
        out.add("listener '" + l.name() + "': " + e.getMessage());
      }
    }
    for (TrunkConfig t : config.trunks()) {
      String fqdn = t.signalling().fqdn();
      if (fqdn == null || t.transport() != Transport.TLS) {
        continue;
      }
      ListenerConfig l = config.listenerFor(t).orElse(null);
      Credentials c = l == null ? null : loaded.get(l.name());
      if (c != null && !SubjectNames.covers(c.leaf(), fqdn)) {
        out.add("trunk '" + t.name() + "': fqdn " + fqdn + " is not in the certificate's SAN ("
            + l.tls().certificate() + " names: " + String.join(", ", SubjectNames.dnsNames(c.leaf()))
            + "); put the FQDN in the certificate or fix the trunk's fqdn");
      }
    }
    return out;
  }
}
