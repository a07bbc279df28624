package io.opensbc.config.model.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link StatusRange#parse}: the forms of a status range, and how a wrong one is reported. */
class StatusRangeTest {
  static final String ALLOWED = "a status 100-699, Nxx or LOW-HIGH, e.g. 408, 5xx, 500-599";

  @ParameterizedTest
  @CsvSource({
    "408, 408, 408, 408",
    "5xx, 500, 599, 5xx",
    "1XX, 100, 199, 1XX",
    "6xx, 600, 699, 6xx",
    "500-599, 500, 599, 500-599",
    "'500 - 503', 500, 503, 500 - 503",
    "' 486 ', 486, 486, 486",
    "100, 100, 100, 100",
    "699-699, 699, 699, 699-699",
  })
  void parsesEachForm(String text, int low, int high, String kept) {
    assertEquals(new StatusRange(low, high, kept), StatusRange.parse(text).orElseThrow());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|is not a status range",
        "abc|is not a status range",
        "7xx|is not a status range",
        "0xx|is not a status range",
        "40x|is not a status range",
        "4080|is not a status range",
        "500-|is not a status range",
        "099|is out of range",
        "700|is out of range",
        "600-700|is out of range",
        "599-500|: the first status is greater than the last",
      })
  void refusesOtherText(String text, String why) {
    assertEquals(
        "'" + text + "'" + (why.startsWith(":") ? "" : " ") + why + " (allowed: " + ALLOWED + ")", StatusRange.parse(text).error());
  }

  @Test
  void aNarrowerRangeOfStatuses() {
    assertEquals(new StatusRange(300, 399, "3xx"), StatusRange.parse("3xx", 300, 699).orElseThrow());
    assertEquals(
        "'2xx' is out of range (allowed: a status 300-699, Nxx or LOW-HIGH, e.g. 408, 5xx,"
            + " 500-599)",
        StatusRange.parse("2xx", 300, 699).error());
    assertEquals(
        "'180-400' is out of range (allowed: a status 300-699, Nxx or LOW-HIGH, e.g. 408, 5xx,"
            + " 500-599)",
        StatusRange.parse("180-400", 300, 699).error());
  }

  @Test
  void theDefaultsAreWhatTheirTextSays() {
    for (StatusRange r : Failover.DEFAULT.codes()) {
      assertEquals(r, StatusRange.parse(r.text()).orElseThrow());
    }
    for (StatusRange r : HealthCheck.DEFAULT_ALIVE) {
      assertEquals(r, StatusRange.parse(r.text()).orElseThrow());
    }
    assertTrue(StatusRange.any(Failover.DEFAULT.codes(), 503));
    assertTrue(StatusRange.any(Failover.DEFAULT.codes(), 408));
    assertFalse(StatusRange.any(Failover.DEFAULT.codes(), 486));
    assertFalse(StatusRange.any(HealthCheck.DEFAULT_ALIVE, 503));
    assertEquals("[408, 5xx]", Failover.DEFAULT.codes().toString());
    assertEquals(List.of(), new Failover(List.of(), 0).codes());
  }
}
