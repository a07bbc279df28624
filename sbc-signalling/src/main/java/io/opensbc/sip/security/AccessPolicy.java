package io.opensbc.sip.security;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.security.AccessControl;
import io.opensbc.config.model.security.Cidr;
import io.opensbc.config.model.security.IpLiteral;
import io.opensbc.sip.transport.Source;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Access control of requests, decided on the receiving listener's thread before anything is
 * queued (docs/security.md): banned sources are dropped; a trunk's address is accepted only on
 * the trunk's listener (or one on the same address); a listener with an allow-list accepts only
 * its ranges and the trunks bound to it. What is refused is dropped or answered 403, as
 * configured. Immutable apart from the ban view it reads; safe from any thread.
 */
public final class AccessPolicy {
  public enum Verdict { ALLOW, DROP, REJECT }

  private final AccessControl config;
  private final AuthFailureStore bans;
  /** Per trunk, the listeners on its listener's address. */
  private final Map<String, Set<String>> trunkListeners = new HashMap<>();
  private final Map<String, List<Cidr>> listenerAllow;

  public AccessPolicy(AccessControl config, List<TrunkConfig> trunks, List<ListenerConfig> listeners,
      AuthFailureStore bans) {
    this.config = config;
    this.bans = bans;
    this.listenerAllow = config.listenerAllow();
    Map<String, String> address = new HashMap<>();
    for (ListenerConfig l : listeners) {
      address.put(l.name(), l.host() + ":" + l.port());
    }
    for (TrunkConfig t : trunks) {
      Set<String> ok = new HashSet<>();
      String own = t.listener() == null ? null : address.get(t.listener());
      for (ListenerConfig l : listeners) {
        if (t.listener() == null ? l.transport() == t.transport() : own != null && own.equals(address.get(l.name()))) {
          ok.add(l.name());
        }
      }
      trunkListeners.put(t.name(), Set.copyOf(ok));
    }
  }

  /**
   * The verdict on a request from {@code source}; {@code trunk} is the trunk its address belongs
   * to (null for none).
   */
  public Verdict check(Source source, String trunk, long nowMillis) {
    if (trunk != null) {
      if (!config.trunkListenerBinding()) {
        return Verdict.ALLOW;
      }
      Set<String> ok = trunkListeners.get(trunk);
      return ok == null || ok.contains(source.listener()) ? Verdict.ALLOW : refused();
    }
    if (bans.sourceBanned(source.host(), nowMillis)) {
      return Verdict.DROP;
    }
    List<Cidr> allow = listenerAllow.get(source.listener());
    if (allow == null) {
      return Verdict.ALLOW;
    }
    byte[] addr = IpLiteral.bytes(source.host());
    if (addr != null) {
      for (Cidr c : allow) {
        if (c.contains(addr)) {
          return Verdict.ALLOW;
        }
      }
    }
    return refused();
  }

  private Verdict refused() {
    return config.rejectUnknown() ? Verdict.REJECT : Verdict.DROP;
  }

  /** The trunk whose extra source ranges ({@code security.trunks[].allow}) hold {@code host}, or null. */
  public String trunkByRange(String host) {
    if (config.trunkAllow().isEmpty()) {
      return null;
    }
    byte[] addr = IpLiteral.bytes(host);
    if (addr == null) {
      return null;
    }
    for (var e : config.trunkAllow().entrySet()) {
      for (Cidr c : e.getValue()) {
        if (c.contains(addr)) {
          return e.getKey();
        }
      }
    }
    return null;
  }
}
