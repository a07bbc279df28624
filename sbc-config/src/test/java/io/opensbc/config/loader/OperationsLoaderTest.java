package io.opensbc.config.loader;

import static io.opensbc.config.loader.ConfigLoaderTest.MINIMAL;
import static io.opensbc.config.loader.ConfigLoaderTest.invalid;
import static io.opensbc.config.loader.ConfigLoaderTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.operations.CallRecordsConfig;
import io.opensbc.config.model.operations.CaptureConfig;
import io.opensbc.config.model.operations.HepConfig;
import io.opensbc.config.model.operations.OperationsConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code operations} section and the admin token, read into their records or refused. */
class OperationsLoaderTest {

  @Test
  void defaultsWhenAbsent() {
    SbcConfig c = valid(MINIMAL);
    assertEquals(OperationsConfig.DEFAULT, c.operations());
    assertNull(c.operations().callRecords().file());
    assertFalse(c.operations().capture().enabled(), "capture costs on every message: off unless configured");
    assertNull(c.admin().token());
    assertEquals("127.0.0.1", c.admin().host());
  }

  @Test
  void everyKeyBinds() {
    SbcConfig c = valid(MINIMAL + """
        admin: {host: 0.0.0.0, port: 9090, token: 0123456789abcdef0123}
        operations:
          call-records: {file: /var/log/opensbc/calls.jsonl, max-file-bytes: 1048576, max-files: 4, keep: 50}
          capture:
            calls: 10
            messages-per-call: 20
            hep: {host: 192.0.2.9, port: 9061, transport: tcp, agent-id: 7, password: s3cret}
          clock: {skew-warning: 2s}
        """);
    assertEquals(new CallRecordsConfig("/var/log/opensbc/calls.jsonl", 1048576, 4, 50), c.operations().callRecords());
    assertEquals(new CaptureConfig(10, 20, new HepConfig("192.0.2.9", 9061, true, 7, "s3cret")),
        c.operations().capture());
    assertEquals(Duration.ofSeconds(2), c.operations().clock().skewWarning());
    assertEquals("0123456789abcdef0123", c.admin().token());
    assertFalse(c.admin().toString().contains("0123456789abcdef0123"), "the token is never logged");
    assertFalse(c.operations().capture().hep().toString().contains("s3cret"), "nor the HEP password");
  }

  @Test
  void captureOffAndHepOverUdpByDefault() {
    SbcConfig c = valid(MINIMAL + "operations: {capture: {calls: 0, hep: {host: 10.0.0.5}}}\n");
    assertEquals(new HepConfig("10.0.0.5", 9060, false, 0, null), c.operations().capture().hep());
    assertTrue(c.operations().capture().enabled());
    assertFalse(valid(MINIMAL + "operations: {capture: {calls: 0}}\n").operations().capture().enabled());
  }

  @Test
  void anAdminListenerReachableFromOtherHostsNeedsAToken() {
    List<ConfigError> errors = invalid(MINIMAL + "admin: {host: 0.0.0.0}\n");
    assertTrue(errors.stream().anyMatch(e -> e.toString().contains("admin.host") && e.toString().contains("admin.token")),
        errors.toString());
    assertTrue(invalid(MINIMAL + "admin: {host: 0.0.0.0, token: short}\n").stream()
        .anyMatch(e -> e.toString().contains("admin.token") && e.toString().contains("16 or more")));
    valid(MINIMAL + "admin: {host: 0.0.0.0, enabled: false}\n");
  }

  @Test
  void badValuesAreRefusedWithTheirPath() {
    List<ConfigError> errors = invalid(MINIMAL + """
        operations:
          call-records: {max-files: 0, max-file-bytes: 10}
          capture: {calls: -1, hep: {port: 9060, transport: sctp}}
          clock: {skew-warning: 0s}
          colour: blue
        """);
    String all = errors.toString();
    for (String path : List.of("operations.call-records.max-files", "operations.call-records.max-file-bytes",
        "operations.capture.calls", "operations.capture.hep.host", "operations.capture.hep.transport",
        "operations.clock.skew-warning", "operations.colour")) {
      assertTrue(all.contains(path), path + " in " + all);
    }
  }

  @Test
  void theClusterNodeExampleLoads() {
    java.nio.file.Path p = java.nio.file.Path.of("deploy", "examples", "cluster-node.yaml");
    for (int i = 0; i < 4 && !java.nio.file.Files.exists(p); i++) {
      p = java.nio.file.Path.of("..").resolve(p);
    }
    ConfigResult r = ConfigLoader.load(p);
    assertTrue(r instanceof ConfigResult.Valid, () -> r.errors().toString());
    OperationsConfig o = r.orElseThrow().operations();
    assertEquals("/var/log/opensbc/calls.jsonl", o.callRecords().file());
    assertEquals(1, o.capture().hep().agentId());
  }
}
