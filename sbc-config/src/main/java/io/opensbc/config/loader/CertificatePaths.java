package io.opensbc.config.loader;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.signalling.TrunkSignalling;
import io.opensbc.config.model.tls.ListenerTls;
import io.opensbc.config.model.tls.TrunkTls;
import java.nio.file.Path;
import java.util.List;

/** Relative certificate, key and CA paths of a loaded file, made relative to the file's directory. */
final class CertificatePaths {
  private CertificatePaths() {}

  static SbcConfig resolve(SbcConfig c, Path base) {
    List<ListenerConfig> listeners = c.listeners().stream().map(l -> l.tls() == null ? l
        : new ListenerConfig(l.name(), l.transport(), l.host(), l.port(), listener(l.tls(), base))).toList();
    List<TrunkConfig> trunks = c.trunks().stream().map(t -> trunk(t, base)).toList();
    return new SbcConfig(c.node(), c.admin(), c.cluster(), listeners, trunks, c.routes(), c.sip(), c.ruleSets(),
        c.admission(), c.media(), c.operations(), c.security());
  }

  private static ListenerTls listener(ListenerTls t, Path base) {
    return new ListenerTls(path(t.certificate(), base), path(t.key(), base), t.password(), path(t.ca(), base),
        t.clientAuth(), t.reloadInterval());
  }

  private static TrunkConfig trunk(TrunkConfig t, Path base) {
    TrunkSignalling s = t.signalling();
    TrunkTls x = s.tls();
    if (x.ca() == null && x.certificate() == null && x.key() == null) {
      return t;
    }
    TrunkTls tls = new TrunkTls(path(x.ca(), base), x.serverName(), x.verify(), path(x.certificate(), base),
        path(x.key(), base));
    return new TrunkConfig(t.name(), t.host(), t.port(), t.transport(), t.listener(), t.trusted(), t.rules(),
        t.responseMap(), t.identity(), t.dispatch(), t.media(), new TrunkSignalling(s.template(), s.fqdn(), tls,
            s.userPhone(), s.sbcHeader(), s.provisional(), s.sessionTimer(), s.transfer()));
  }

  private static String path(String p, Path base) {
    return p == null || Path.of(p).isAbsolute() ? p : base.resolve(p).normalize().toString();
  }
}
