package io.opensbc.sip.routing.dns;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Answers by question until their TTL runs out (RFC 1035 §7.4), negative ones too (RFC 2308 §5).
 * Every TTL is held within {@code [minTtl, maxTtl]}; at most {@code maxEntries} answers are kept, the
 * least recently used going first. Time comes from {@code clock} (milliseconds). Not thread-safe:
 * owned by the resolver's context.
 */
final class DnsCache {
  private final int maxEntries;
  private final long minTtlMs;
  private final long maxTtlMs;
  private final LongSupplier clock;
  private final Map<String, Entry> entries;

  private record Entry(DnsAnswer answer, long expiresAt) {}

  DnsCache(int maxEntries, Duration minTtl, Duration maxTtl, LongSupplier clock) {
    this.maxEntries = maxEntries;
    this.minTtlMs = minTtl.toMillis();
    this.maxTtlMs = maxTtl.toMillis();
    this.clock = clock;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > DnsCache.this.maxEntries;
      }
    };
  }

  /** The cached answer with its remaining TTL, or null when there is none or it has expired. */
  DnsAnswer get(DnsQuestion q) {
    String key = q.key();
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    long left = e.expiresAt - clock.getAsLong();
    if (left <= 0) {
      entries.remove(key);
      return null;
    }
    return e.answer.withTtl(Duration.ofMillis(left));
  }

  /** Stores an answer for its question; returns it with the TTL it is cached for. */
  DnsAnswer put(DnsAnswer a) {
    DnsAnswer bounded = a.withTtl(bound(a.ttl()));
    if (maxEntries > 0) {
      entries.put(a.question().key(),
          new Entry(bounded, clock.getAsLong() + bounded.ttl().toMillis()));
    }
    return bounded;
  }

  /** The TTL within the bounds. */
  Duration bound(Duration ttl) {
    return Duration.ofMillis(Math.max(minTtlMs, Math.min(maxTtlMs, ttl.toMillis())));
  }

  int size() {
    return entries.size();
  }
}
