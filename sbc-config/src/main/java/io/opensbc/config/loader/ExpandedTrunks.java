package io.opensbc.config.loader;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.routing.StatusRange;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.config.model.signalling.SessionTimer;
import io.opensbc.config.model.signalling.TrunkSignalling;
import io.opensbc.config.model.tls.TrunkTls;
import java.util.stream.Collectors;

/**
 * The trunks as the node uses them, every key written out (a template's values included), in the
 * YAML of docs/configuration.md: what {@code sbc.jar check-config --expanded FILE} prints.
 */
public final class ExpandedTrunks {
  private ExpandedTrunks() {}

  public static String yaml(SbcConfig c) {
    StringBuilder sb = new StringBuilder("trunks:\n");
    for (TrunkConfig t : c.trunks()) {
      trunk(sb, c, t);
    }
    return sb.toString();
  }

  private static void trunk(StringBuilder sb, SbcConfig c, TrunkConfig t) {
    TrunkSignalling s = t.signalling();
    sb.append("  - name: ").append(t.name()).append('\n');
    if (s.template() != null) {
      sb.append("    # expanded from template: ").append(s.template()).append('\n');
    }
    line(sb, "host", t.host());
    line(sb, "port", t.port());
    line(sb, "transport", t.transport().yamlName());
    line(sb, "listener", c.listenerFor(t).map(l -> l.name()).orElse(null));
    line(sb, "fqdn", s.fqdn());
    sb.append("    targets:\n");
    for (TargetConfig x : t.targets()) {
      sb.append("      - {host: ").append(x.host())
          .append(x.port() > 0 ? ", port: " + x.port() : "")
          .append(x.transport() != null ? ", transport: " + x.transport().yamlName() : "")
          .append(", priority: ").append(x.priority()).append(", weight: ").append(x.weight()).append("}\n");
    }
    line(sb, "selection", t.dispatch().selection().configName());
    var h = t.dispatch().health();
    sb.append("    health: {enabled: ").append(h.enabled()).append(", interval: ")
        .append(Durations.format(h.interval())).append(", timeout: ").append(Durations.format(h.timeout()))
        .append("}\n");
    sb.append("    failover: {codes: [")
        .append(t.dispatch().failover().codes().stream().map(StatusRange::text).collect(Collectors.joining(", ")))
        .append("], max-targets: ").append(t.dispatch().failover().maxTargets())
        .append("}  # a 503 with Retry-After always moves on\n");
    sb.append("    media: {security: ").append(t.media().security().configName()).append("}\n");
    TrunkTls tls = s.tls();
    if (!tls.equals(TrunkTls.DEFAULT)) {
      sb.append("    tls: {ca: ").append(tls.ca()).append(", server-name: ").append(tls.serverName())
          .append(", verify: ").append(tls.verify()).append("}\n");
    }
    line(sb, "user-phone", s.userPhone());
    line(sb, "sbc-header", s.sbcHeader());
    line(sb, "provisional", s.provisional().configName());
    SessionTimer st = s.sessionTimer();
    sb.append("    session-timer: {enabled: ").append(st.enabled()).append(", expires: ")
        .append(Durations.format(st.expires())).append(", min-se: ").append(Durations.format(st.minSe()))
        .append(", refresher: ").append(st.refresher().configName()).append("}\n");
  }

  private static void line(StringBuilder sb, String key, Object value) {
    if (value != null) {
      sb.append("    ").append(key).append(": ").append(value).append('\n');
    }
  }
}
