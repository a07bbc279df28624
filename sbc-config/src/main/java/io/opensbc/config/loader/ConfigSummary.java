package io.opensbc.config.loader;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.RouteMatch;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.TrunkConfig;
import java.util.ArrayList;
import java.util.List;

/** A short human summary of a configuration, for the launcher to print at start. */
public final class ConfigSummary {
  private ConfigSummary() {}

  public static String describe(SbcConfig c) {
    StringBuilder sb = new StringBuilder();
    sb.append("node ")
        .append(c.node().name())
        .append(" (workers: ")
        .append(c.node().workers() == 0 ? "one per event loop" : c.node().workers())
        .append(", drain-timeout: ")
        .append(Durations.format(c.node().drainTimeout()))
        .append(")\n");
    sb.append("admin ")
        .append(c.admin().enabled() ? c.admin().host() + ":" + c.admin().port() : "disabled")
        .append('\n');
    sb.append("cluster ")
        .append(c.cluster().name())
        .append(" on ")
        .append(c.cluster().host())
        .append(':')
        .append(c.cluster().port())
        .append(", members: ")
        .append(
            c.cluster().members().isEmpty()
                ? "none (alone)"
                : String.join(", ", c.cluster().members()))
        .append('\n');
    sb.append("listeners (").append(c.listeners().size()).append("):\n");
    for (ListenerConfig l : c.listeners()) {
      sb.append("  ")
          .append(l.name())
          .append("  ")
          .append(l.transport().yamlName())
          .append(' ')
          .append(l.host())
          .append(':')
          .append(l.port())
          .append('\n');
    }
    sb.append("trunks (").append(c.trunks().size()).append("):\n");
    for (TrunkConfig t : c.trunks()) {
      sb.append("  ")
          .append(t.name())
          .append("  ")
          .append(t.transport().yamlName())
          .append(' ')
          .append(t.host())
          .append(':')
          .append(t.port());
      c.listenerFor(t).ifPresent(l -> sb.append(" via listener ").append(l.name()));
      sb.append('\n');
    }
    sb.append("routes (").append(c.routes().size()).append("):\n");
    for (RouteConfig r : c.routes()) {
      sb.append("  ")
          .append(r.name())
          .append("  ")
          .append(match(r.match()))
          .append(" -> ")
          .append(r.trunk())
          .append('\n');
    }
    return sb.toString();
  }

  private static String match(RouteMatch m) {
    if (m.isAny()) {
      return "any";
    }
    List<String> parts = new ArrayList<>();
    if (m.listener() != null) {
      parts.add("listener=" + m.listener());
    }
    if (m.sourceTrunk() != null) {
      parts.add("source-trunk=" + m.sourceTrunk());
    }
    if (m.userPrefix() != null) {
      parts.add("user-prefix=" + m.userPrefix());
    }
    if (m.userRegex() != null) {
      parts.add("user-regex=" + m.userRegex().pattern());
    }
    return String.join(" ", parts);
  }
}
