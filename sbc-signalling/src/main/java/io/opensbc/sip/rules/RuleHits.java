package io.opensbc.sip.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hit counters per rule, kept across reloads (a rule that survives a reload keeps counting). Keys
 * are {@code trunk/direction/rule-id}. One per node.
 */
public final class RuleHits {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  LongAdder counter(String key) {
    return counters.computeIfAbsent(key, k -> new LongAdder());
  }

  /** A snapshot of every counter. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new java.util.TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public long hits(String key) {
    LongAdder a = counters.get(key);
    return a == null ? 0 : a.sum();
  }
}
