package io.opensbc.config.loader;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.RouteMatch;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.media.MediaConfig;
import io.opensbc.config.model.media.TrunkMedia;
import io.opensbc.config.model.routing.TimeWindow;
import io.opensbc.config.model.routing.TrunkDispatch;
import io.opensbc.config.model.rules.NumberRange;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
        .append(", mode: ")
        .append(c.cluster().mode() == null ? "active-active" : c.cluster().mode().yamlName())
        .append('\n');
    if (!c.media().equals(MediaConfig.DEFAULT)) {
      sb.append("media: ").append(media(c.media())).append('\n');
    }
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
      if (!t.dispatch().equals(TrunkDispatch.DEFAULT)) {
        sb.append("    ").append(dispatch(t)).append('\n');
      }
      if (!t.media().equals(TrunkMedia.DEFAULT)) {
        sb.append("    media: ").append(media(t.media())).append('\n');
      }
    }
    sb.append("routes (").append(c.routes().size()).append("):\n");
    for (RouteConfig r : c.routes()) {
      sb.append("  ")
          .append(r.name())
          .append("  ")
          .append(match(r.match()))
          .append(" -> ")
          .append(String.join(", ", r.trunks()));
      if (!r.ruleSets().isEmpty()) {
        sb.append(" (rules: ").append(String.join(", ", r.ruleSets())).append(')');
      }
      sb.append('\n');
    }
    if (!c.security().equals(io.opensbc.config.model.security.SecurityConfig.DEFAULT)) {
      security(sb, c.security());
    }
    return sb.toString();
  }

  /** The security section (when configured) without any secret: counts and names only. */
  private static void security(StringBuilder sb, io.opensbc.config.model.security.SecurityConfig s) {
    var a = s.access();
    sb.append("security: unknown sources ").append(a.rejectUnknown() ? "get 403" : "dropped")
        .append(", trunk/listener binding ").append(a.trunkListenerBinding() ? "on" : "off");
    a.listenerAllow().forEach((l, cidrs) -> sb.append(", listener ").append(l).append(" allows ").append(cidrs));
    a.trunkAllow().forEach((t, cidrs) -> sb.append(", trunk ").append(t).append(" also from ").append(cidrs));
    var b = s.bruteForce();
    sb.append(", ban after ").append(b.maxFailures()).append(" failures in ").append(Durations.format(b.window()))
        .append(" for ").append(Durations.format(b.banTime())).append('\n');
    var r = s.registrar();
    if (r.enabled()) {
      sb.append("registrar realm ").append(r.realm()).append(", ").append(r.users().size())
          .append(" users (credentials not shown), ").append(String.join("/", r.algorithms()))
          .append(", routes reach them as '").append(r.trunk()).append("'\n");
    }
  }

  /** E.g. {@code targets: 2, selection priority, health every 30s, max-cps 10}. */
  private static String dispatch(TrunkConfig t) {
    TrunkDispatch d = t.dispatch();
    StringBuilder sb = new StringBuilder();
    sb.append("targets: ")
        .append(t.targets().size())
        .append(", selection ")
        .append(d.selection().configName())
        .append(", ")
        .append(
            d.health().enabled()
                ? "health every " + Durations.format(d.health().interval())
                : "no health checks");
    if (d.limits().maxCps() > 0) {
      sb.append(", max-cps ").append(d.limits().maxCps());
    }
    if (d.limits().maxCalls() > 0) {
      sb.append(", max-calls ").append(d.limits().maxCalls());
    }
    return sb.toString();
  }

  /** The values that differ from the defaults, e.g. {@code ports 30000-30999, address 192.0.2.10}. */
  private static String media(MediaConfig m) {
    MediaConfig d = MediaConfig.DEFAULT;
    List<String> parts = new ArrayList<>();
    if (!m.ports().equals(d.ports())) {
      parts.add("ports " + m.ports().min() + "-" + m.ports().max());
    }
    if (m.workers() != d.workers()) {
      parts.add("workers " + m.workers());
    }
    if (!Objects.equals(m.timeout(), d.timeout())) {
      parts.add("timeout " + Durations.format(m.timeout()));
    }
    if (!Objects.equals(m.holdTimeout(), d.holdTimeout())) {
      parts.add("hold-timeout " + Durations.format(m.holdTimeout()));
    }
    if (m.maxSessions() != d.maxSessions()) {
      parts.add("max-sessions " + m.maxSessions());
    }
    if (!Objects.equals(m.relatchSilence(), d.relatchSilence())
        || m.relatchPackets() != d.relatchPackets()) {
      boolean silence = m.relatchSilence() != null && !m.relatchSilence().isZero();
      parts.add(
          "relatch after "
              + (silence ? Durations.format(m.relatchSilence()) + " silence and " : "")
              + m.relatchPackets()
              + " packets");
    }
    if (m.address() != null) {
      parts.add("address " + m.address());
    }
    if (m.maxPacketBytes() != d.maxPacketBytes()) {
      parts.add("max-packet-bytes " + m.maxPacketBytes());
    }
    return String.join(", ", parts);
  }

  /** The values that differ from the defaults, e.g. {@code srtp, codecs [PCMU, PCMA], ice-lite}. */
  private static String media(TrunkMedia m) {
    TrunkMedia d = TrunkMedia.DEFAULT;
    List<String> parts = new ArrayList<>();
    if (m.security() != d.security()) {
      parts.add(m.security().configName());
    }
    if (!m.srtpProfiles().equals(d.srtpProfiles())) {
      parts.add("srtp-profiles " + m.srtpProfiles());
    }
    if (!m.codecs().isEmpty()) {
      parts.add("codecs " + m.codecs());
    }
    if (!m.bypass().isEmpty()) {
      parts.add("bypass " + m.bypass());
    }
    if (m.iceLite()) {
      parts.add("ice-lite");
    }
    if (m.dtls()) {
      parts.add("dtls");
    }
    return String.join(", ", parts);
  }

  /** E.g. {@code mon-fri 08:00-18:00 Europe/London}. */
  private static String time(TimeWindow w) {
    List<String> runs = new ArrayList<>();
    DayOfWeek[] all = DayOfWeek.values();
    for (int i = 0; i < all.length; i++) {
      if (!w.days().contains(all[i])) {
        continue;
      }
      int j = i;
      while (j + 1 < all.length && w.days().contains(all[j + 1])) {
        j++;
      }
      String first = RouteBinder.DAYS.get(i);
      runs.add(j - i >= 2 ? first + "-" + RouteBinder.DAYS.get(j) : first);
      if (j - i == 1) {
        runs.add(RouteBinder.DAYS.get(j));
      }
      i = j;
    }
    String days = w.days().size() == 7 ? "" : String.join(",", runs) + " ";
    return days + w.from() + "-" + w.to() + " " + w.zone();
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
    if (!m.userRanges().isEmpty()) {
      parts.add(
          "user-range=" + String.join(",", m.userRanges().stream().map(NumberRange::text).toList()));
    }
    if (m.fromPrefix() != null) {
      parts.add("from-prefix=" + m.fromPrefix());
    }
    if (m.fromRegex() != null) {
      parts.add("from-regex=" + m.fromRegex().pattern());
    }
    if (m.time() != null) {
      parts.add("time=" + time(m.time()));
    }
    return String.join(" ", parts);
  }
}
