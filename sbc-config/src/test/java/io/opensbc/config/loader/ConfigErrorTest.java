package io.opensbc.config.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfigErrorTest {
  @Test
  void printsFileLineColumnPathMessage() {
    assertEquals(
        "sbc.yaml:4:9: admin.port: bad",
        new ConfigError("sbc.yaml", 4, 9, "admin.port", "bad").toString());
  }

  @Test
  void leavesOutWhatIsUnknown() {
    assertEquals(
        "sbc.yaml:2:1: YAML syntax error",
        new ConfigError("sbc.yaml", 2, 1, "", "YAML syntax error").toString());
    assertEquals(
        "sbc.yaml: cannot read the file: no such file",
        new ConfigError("sbc.yaml", 0, 0, "", "cannot read the file: no such file").toString());
  }
}
