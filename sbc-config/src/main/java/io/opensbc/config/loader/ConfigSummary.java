package io.opensbc.config.loader;

import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.SbcConfig;

/** A short human summary of a configuration for the start-up log (no secrets). */
public final class ConfigSummary {
  private ConfigSummary() {}

  public static String describe(SbcConfig c) {
    StringBuilder sb = new StringBuilder();
    sb.append("  node ").append(c.node().name()).append(", cluster '").append(c.cluster().name())
        .append("' on ").append(c.cluster().host()).append('\n');
    c.listeners().forEach(l -> sb.append("  listener ").append(l.name()).append(": ")
        .append(l.transport().name().toLowerCase()).append(' ').append(l.host()).append(':').append(l.port()).append('\n'));
    c.trunks().forEach(t -> sb.append("  trunk ").append(t.name()).append(": ")
        .append(t.transport().name().toLowerCase()).append(' ').append(t.host()).append(':').append(t.port()).append('\n'));
    for (RouteConfig r : c.routes()) {
      var m = r.match();
      StringBuilder cond = new StringBuilder();
      if (m.listener() != null) {
        cond.append(" listener=").append(m.listener());
      }
      if (m.sourceTrunk() != null) {
        cond.append(" source-trunk=").append(m.sourceTrunk());
      }
      if (m.userPrefix() != null) {
        cond.append(" user-prefix=").append(m.userPrefix());
      }
      if (m.userRegex() != null) {
        cond.append(" user-regex=").append(m.userRegex().pattern());
      }
      sb.append("  route ").append(r.name()).append(':').append(cond.length() == 0 ? " any call" : cond)
          .append(" -> ").append(r.trunk()).append('\n');
    }
    if (c.admin().enabled()) {
      sb.append("  admin http://").append(c.admin().host()).append(':').append(c.admin().port());
    }
    return sb.toString();
  }
}
