package io.opensbc.config.validation;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.security.RegistrarConfig;
import io.opensbc.config.model.security.SecurityConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Cross-references of the {@code security} section: listener and trunk names, the registrar trunk. */
final class SecurityValidator {
  private SecurityValidator() {}

  /** The names a route may send to: the trunks, and the registrar's trunk when it is enabled. */
  static Map<String, Integer> routeTargets(SbcConfig config, Map<String, Integer> trunks) {
    RegistrarConfig r = config.security().registrar();
    if (!r.enabled() || trunks.containsKey(r.trunk())) {
      return trunks;
    }
    Map<String, Integer> out = new LinkedHashMap<>(trunks);
    out.put(r.trunk(), -1);
    return out;
  }

  static void validate(SbcConfig config, Violations v, Map<String, Integer> listeners,
      Map<String, Integer> trunks) {
    SecurityConfig s = config.security();
    int i = 0;
    for (String name : s.access().listenerAllow().keySet()) {
      String path = "security.listeners[" + i++ + "].listener";
      if (!listeners.containsKey(name) && !v.reported(path)) {
        v.add(path, ConfigValidator.unknown("listener", name, listeners.keySet()));
      }
    }
    i = 0;
    for (String name : s.access().trunkAllow().keySet()) {
      String path = "security.trunks[" + i++ + "].trunk";
      if (!trunks.containsKey(name) && !v.reported(path)) {
        v.add(path, ConfigValidator.unknown("trunk", name, trunks.keySet()));
      }
    }
    RegistrarConfig r = s.registrar();
    if (r.enabled() && trunks.containsKey(r.trunk())) {
      v.add("security.registrar.trunk", "'" + r.trunk() + "' is already a trunk (allowed: a name no trunk has;"
          + " routes name it to reach registered users)");
    }
  }
}
