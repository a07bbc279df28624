package io.opensbc.config.model.security;

import java.util.List;
import java.util.Map;

/**
 * Who may send to the SBC (docs/security.md, "Access control").
 *
 * @param rejectUnknown a request from a source no allow-list admits gets 403 Forbidden when true;
 *     when false (the default) it is dropped without an answer, which is what a scanner should get
 * @param trunkListenerBinding a request from a trunk's address is accepted only on that trunk's
 *     listener (or a listener on the same address); default true
 * @param listenerAllow per listener name, the source ranges it accepts; a listener not named here
 *     accepts every source (trunks, and phones subject to the registrar)
 * @param trunkAllow per trunk name, more source ranges that are that trunk (besides its host and
 *     targets); a request from them is the trunk's
 */
public record AccessControl(boolean rejectUnknown, boolean trunkListenerBinding,
    Map<String, List<Cidr>> listenerAllow, Map<String, List<Cidr>> trunkAllow) {
  public static final AccessControl DEFAULT = new AccessControl(false, true, Map.of(), Map.of());

  public AccessControl {
    // kept in configuration order (errors name the list index)
    listenerAllow = listenerAllow == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(listenerAllow));
    trunkAllow = trunkAllow == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trunkAllow));
  }
}
