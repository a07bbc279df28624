package io.opensbc.config.loader;

import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.media.MediaSecurity;
import io.opensbc.config.model.media.TrunkMedia;
import io.opensbc.config.model.routing.HealthCheck;
import io.opensbc.config.model.routing.TargetConfig;
import io.opensbc.config.model.routing.TrunkDispatch;
import io.opensbc.config.model.signalling.Provisional;
import io.opensbc.config.model.signalling.SessionTimer;
import io.opensbc.config.model.signalling.TrunkSignalling;
import io.opensbc.config.model.tls.TrunkTls;
import java.time.Duration;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Trunk templates: a {@code template:} key fills in every trunk key the item leaves out with the
 * template's value; a key the item gives wins. {@code sbc.jar check-config --expanded FILE} prints
 * the result. The one template is {@code teams}: Microsoft Teams Direct Routing (docs/teams.md).
 */
final class TrunkTemplates {
  static final String TEAMS = "teams";
  static final List<String> NAMES = List.of(TEAMS);

  /** The SIP proxies of Direct Routing, tried in this order (Microsoft's documented priorities). */
  static final List<String> TEAMS_PROXIES =
      List.of("sip.pstnhub.microsoft.com", "sip2.pstnhub.microsoft.com", "sip3.pstnhub.microsoft.com");

  static final int TEAMS_PORT = 5061;
  static final Duration TEAMS_OPTIONS_INTERVAL = Duration.ofSeconds(60);
  /** The header Microsoft reads to tell which SBC product and version is talking to it. */
  static final String TEAMS_SBC_HEADER = "X-MS-SBC";

  private TrunkTemplates() {}

  /** The trunk host when the item names none: the first proxy for Teams, else required (null). */
  static String host(String template) {
    return TEAMS.equals(template) ? TEAMS_PROXIES.get(0) : null;
  }

  static int port(String template) {
    return TEAMS.equals(template) ? TEAMS_PORT : Defaults.TRUNK_PORT;
  }

  static Transport transport(String template) {
    return TEAMS.equals(template) ? Transport.TLS : Defaults.TRUNK_TRANSPORT;
  }

  /** The signalling defaults of a template (no FQDN: the item must give it). */
  static TrunkSignalling signalling(String template) {
    if (!TEAMS.equals(template)) {
      return TrunkSignalling.DEFAULT;
    }
    return new TrunkSignalling(TEAMS, null, TrunkTls.DEFAULT, true, TEAMS_SBC_HEADER, Provisional.FIRST_ONLY,
        new SessionTimer(true, Duration.ofSeconds(1800), SessionTimer.RFC_MIN_SE, SessionTimer.Refresher.SBC));
  }

  /** The trunk with the template's targets, OPTIONS and media security where the item has none. */
  static TrunkConfig expand(String template, Section item, TrunkConfig t) {
    if (!TEAMS.equals(template)) {
      return t;
    }
    TrunkDispatch d = t.dispatch();
    List<TargetConfig> targets = item.has("targets") ? d.targets()
        : List.of(target(0), target(1), target(2));
    HealthCheck health = item.has("health") ? d.health()
        : new HealthCheck(true, TEAMS_OPTIONS_INTERVAL, Defaults.HEALTH_TIMEOUT, Defaults.HEALTH_FAILURES_TO_DOWN,
            Defaults.HEALTH_SUCCESSES_TO_UP, HealthCheck.DEFAULT_ALIVE);
    TrunkDispatch dispatch = new TrunkDispatch(targets, d.selection(), health, d.failover(), d.limits());
    TrunkMedia m = t.media();
    TrunkMedia media = has(item, "media", "security") ? m
        : new TrunkMedia(MediaSecurity.SRTP, m.srtpProfiles(), m.codecs(), m.bypass(), m.iceLite(), m.dtls());
    return new TrunkConfig(t.name(), t.host(), t.port(), t.transport(), t.listener(), t.trusted(), t.rules(),
        t.responseMap(), t.identity(), dispatch, media, t.signalling());
  }

  private static TargetConfig target(int i) {
    return new TargetConfig(TEAMS_PROXIES.get(i), TEAMS_PORT, Transport.TLS, i + 1, 1);
  }

  /** Whether the item's mapping {@code key} sets {@code child} (read without reporting anything). */
  private static boolean has(Section item, String key, String child) {
    if (!(item.node(key) instanceof MappingNode m)) {
      return false;
    }
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(child)) {
        return true;
      }
    }
    return false;
  }
}
