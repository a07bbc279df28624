package io.opensbc.sip.routing.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opensbc.sip.routing.dns.DnsAnswer.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache alone: expiry by the injected clock, TTL bounds, the entry bound (RFC 2308 §5). */
class DnsCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final DnsCache cache =
      new DnsCache(3, Duration.ofSeconds(1), Duration.ofMinutes(10), now::get);

  @Test
  void anEntryLivesForItsTtlAndReportsWhatIsLeft() {
    cache.put(answer("a", Duration.ofSeconds(5)));
    now.set(4_500);
    assertEquals(Duration.ofMillis(500), cache.get(question("a")).ttl());
    now.set(5_000);
    assertNull(cache.get(question("a")));
    assertEquals(0, cache.size());
  }

  @Test
  void ttlsAreBounded() {
    assertEquals(Duration.ofSeconds(1), cache.put(answer("a", Duration.ZERO)).ttl());
    assertEquals(Duration.ofMinutes(10), cache.put(answer("b", Duration.ofDays(7))).ttl());
  }

  @Test
  void theLeastRecentlyUsedEntryGoesFirst() {
    for (String n : List.of("a", "b", "c")) {
      cache.put(answer(n, Duration.ofSeconds(60)));
    }
    assertNotNull(cache.get(question("a")));
    cache.put(answer("d", Duration.ofSeconds(60)));
    assertEquals(3, cache.size());
    assertNull(cache.get(question("b")));
    assertNotNull(cache.get(question("a")));
  }

  @Test
  void namesAreCaseInsensitive() {
    cache.put(answer("Sip.Example.Test", Duration.ofSeconds(60)));
    assertNotNull(cache.get(question("sip.example.test")));
  }

  private static DnsQuestion question(String name) {
    return new DnsQuestion(name, RecordType.A);
  }

  private static DnsAnswer answer(String name, Duration ttl) {
    return new DnsAnswer(question(name), Status.NXDOMAIN, List.of(), ttl);
  }
}
