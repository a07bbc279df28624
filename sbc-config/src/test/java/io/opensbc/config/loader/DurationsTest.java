package io.opensbc.config.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"500ms,500", "4s,4000", "5m,300000", "2h,7200000", "250,250", "0,0", "' 30s ',30000"})
  void parsesEveryForm(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Durations.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "1.5s", "-1s", "10x", "1d", "1m30s", "ten seconds"})
  void rejectsOthers(String text) {
    assertNull(Durations.parse(text));
  }

  @ParameterizedTest
  @CsvSource({"500,500ms", "4000,4s", "300000,5m", "14400000,4h", "0,0ms", "1500,1500ms"})
  void formatsInTheShortestExactUnit(long millis, String text) {
    assertEquals(text, Durations.format(Duration.ofMillis(millis)));
  }
}
