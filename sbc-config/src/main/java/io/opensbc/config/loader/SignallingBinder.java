package io.opensbc.config.loader;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.signalling.Provisional;
import io.opensbc.config.model.signalling.SessionTimer;
import io.opensbc.config.model.signalling.TrunkSignalling;
import io.opensbc.config.model.tls.ListenerTls;
import io.opensbc.config.model.tls.TrunkTls;
import io.opensbc.config.validation.DurationRule;
import io.opensbc.config.validation.HostRule;
import io.opensbc.config.validation.Violations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the TLS keys of a {@code listeners[i]} item and the signalling keys of a {@code trunks[i]}
 * item: {@code template}, {@code fqdn}, {@code tls}, {@code user-phone}, {@code sbc-header},
 * {@code provisional} and {@code session-timer} (docs/teams.md). A template's values fill in what
 * the trunk leaves out ({@link TrunkTemplates}).
 */
final class SignallingBinder {
  static final String[] KEYS = {
    "template", "fqdn", "tls", "user-phone", "sbc-header", "provisional", "session-timer", "transfer"
  };
  static final String[] LISTENER_TLS_KEYS = {
    "certificate", "key", "password", "ca", "client-auth", "reload-interval"
  };
  static final String[] TRUNK_TLS_KEYS = {"ca", "server-name", "verify", "certificate", "key"};
  static final String[] TIMER_KEYS = {"enabled", "expires", "min-se", "refresher"};
  static final List<String> PROVISIONALS =
      Arrays.stream(Provisional.values()).map(Provisional::configName).toList();
  static final List<String> REFRESHERS =
      Arrays.stream(SessionTimer.Refresher.values()).map(SessionTimer.Refresher::configName).toList();
  static final List<String> CLIENT_AUTHS =
      Arrays.stream(ListenerTls.ClientAuth.values()).map(ListenerTls.ClientAuth::configName).toList();
  /**
   * Session-Expires and Min-SE: RFC 4028 asks for at least 90 s; shorter values are accepted for
   * labs and tests (docs/teams.md says so).
   */
  static final DurationRule SESSION_INTERVAL =
      new DurationRule(Duration.ofSeconds(1), Duration.ofHours(24), "1s-24h (RFC 4028: 90s or more): "
          + DurationRule.FORMS);

  private SignallingBinder() {}

  /** A listener's {@code tls}: required for a tls listener, refused for the others. */
  static ListenerTls listenerTls(Section listener, Transport transport, Violations v) {
    if (!listener.has("tls")) {
      if (transport == Transport.TLS) {
        v.add(listener.child("tls"), "a tls listener needs its certificate (allowed: {"
            + String.join(", ", LISTENER_TLS_KEYS) + "})");
      }
      return null;
    }
    if (transport != null && transport != Transport.TLS) {
      v.add(listener.child("tls"), "only a tls listener takes tls settings (this one is "
          + transport.yamlName() + ")");
      return null;
    }
    Section s = Section.of(listener.node("tls"), listener.child("tls"), v, LISTENER_TLS_KEYS);
    String cert = s.requiredString("certificate", "a PEM file (chain, leaf first) or a .p12/.pfx file");
    String key = s.string("key", null);
    String password = s.string("password", null);
    boolean p12 = cert != null && (cert.toLowerCase(java.util.Locale.ROOT).endsWith(".p12")
        || cert.toLowerCase(java.util.Locale.ROOT).endsWith(".pfx"));
    if (cert != null && !p12 && key == null) {
      v.add(s.child("key"), "a PEM certificate needs its private key (allowed: a PEM file; or give a "
          + ".p12/.pfx certificate with a password)");
    }
    String auth = s.choice("client-auth", "client-auth", CLIENT_AUTHS);
    String ca = s.string("ca", null);
    ListenerTls.ClientAuth clientAuth = auth == null ? null : ListenerTls.ClientAuth.values()[CLIENT_AUTHS.indexOf(auth)];
    if (clientAuth == ListenerTls.ClientAuth.REQUIRE && ca == null) {
      v.add(s.child("ca"), "client-auth: require needs the CAs client certificates chain to (allowed: a PEM file)");
    }
    return new ListenerTls(cert, key, password, ca, clientAuth,
        s.duration("reload-interval", ListenerTls.DEFAULT_RELOAD_INTERVAL, DurationRule.HEALTH_INTERVAL));
  }

  /** The template named by a trunk, or null (an unknown name is reported). */
  static String template(Section trunk, Violations v) {
    String t = trunk.choice("template", "template", TrunkTemplates.NAMES);
    return t;
  }

  /** A trunk's signalling keys, with the template's values for those it leaves out. */
  static TrunkSignalling signalling(Section trunk, String template, Violations v) {
    TrunkSignalling base = TrunkTemplates.signalling(template);
    String fqdn = trunk.string("fqdn", null);
    if (fqdn != null && !v.reported(trunk.child("fqdn"))) {
      String problem = HostRule.check(fqdn);
      if (problem == null && fqdn.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':')) {
        problem = "'" + fqdn + "' is an address; the SBC's FQDN is a DNS name (allowed: e.g. sbc.example.com)";
      }
      if (problem != null) {
        v.add(trunk.child("fqdn"), problem);
      }
    }
    if (template != null && fqdn == null && !v.reported(trunk.child("template"))) {
      v.add(trunk.child("fqdn"), "the " + template + " template needs the SBC's FQDN (allowed: the DNS "
          + "name in the certificate's SAN, e.g. sbc.example.com)");
    }
    String prov = trunk.choice("provisional", "provisional", PROVISIONALS);
    return new TrunkSignalling(template, fqdn, trunkTls(trunk, v),
        trunk.bool("user-phone", base.userPhone()),
        trunk.string("sbc-header", base.sbcHeader()),
        prov == null ? base.provisional() : Provisional.values()[PROVISIONALS.indexOf(prov)],
        sessionTimer(trunk, base.sessionTimer(), v),
        TransferBinder.transfer(trunk, v));
  }

  private static TrunkTls trunkTls(Section trunk, Violations v) {
    if (!trunk.has("tls")) {
      return TrunkTls.DEFAULT;
    }
    Section s = Section.of(trunk.node("tls"), trunk.child("tls"), v, TRUNK_TLS_KEYS);
    String name = s.string("server-name", null);
    if (name != null && !v.reported(s.child("server-name"))) {
      String problem = HostRule.check(name);
      if (problem != null) {
        v.add(s.child("server-name"), problem);
      }
    }
    String cert = s.string("certificate", null);
    String key = s.string("key", null);
    if (key != null && cert == null) {
      v.add(s.child("certificate"), "a client key needs its certificate (allowed: a PEM file)");
    }
    return new TrunkTls(s.string("ca", null), name, s.bool("verify", true), cert, key);
  }

  private static SessionTimer sessionTimer(Section trunk, SessionTimer base, Violations v) {
    if (!trunk.has("session-timer")) {
      return base;
    }
    Section s = Section.of(trunk.node("session-timer"), trunk.child("session-timer"), v, TIMER_KEYS);
    Duration expires = s.duration("expires", base.expires(), SESSION_INTERVAL);
    Duration minSe = s.duration("min-se", base.minSe(), SESSION_INTERVAL);
    if (minSe.compareTo(expires) > 0 && !v.reported(s.child("min-se")) && !v.reported(s.child("expires"))) {
      v.add(s.child("min-se"), "min-se " + Durations.format(minSe) + " is longer than expires "
          + Durations.format(expires) + " (allowed: min-se <= expires)");
    }
    String r = s.choice("refresher", "refresher", REFRESHERS);
    return new SessionTimer(s.bool("enabled", true), expires, minSe,
        r == null ? base.refresher() : SessionTimer.Refresher.values()[REFRESHERS.indexOf(r)]);
  }

  /** A listener with its TLS settings. */
  static ListenerConfig withTls(ListenerConfig l, ListenerTls tls) {
    return new ListenerConfig(l.name(), l.transport(), l.host(), l.port(), tls);
  }
}
