package io.opensbc.config.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  static final List<String> KEYS =
      List.of("host", "port", "enabled", "drain-timeout", "backup-count");

  @Test
  void suggestsCloseKeys() {
    assertEquals("port", Suggestions.closest("prot", KEYS));
    assertEquals("port", Suggestions.closest("Port", KEYS));
    assertEquals("enabled", Suggestions.closest("enable", KEYS));
    assertEquals("drain-timeout", Suggestions.closest("drain_timeout", KEYS));
    assertEquals("drain-timeout", Suggestions.closest("drainTimeout", KEYS));
    assertEquals("backup-count", Suggestions.closest("backups-count", KEYS));
  }

  @Test
  void suggestsNothingForUnrelatedKeys() {
    assertNull(Suggestions.closest("password", KEYS));
    assertNull(Suggestions.closest("x", KEYS));
  }

  @Test
  void distanceCountsASwapAsOneEdit() {
    assertEquals(1, Suggestions.distance("prot", "port"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }
}
