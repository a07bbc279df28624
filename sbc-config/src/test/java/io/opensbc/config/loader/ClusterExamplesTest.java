package io.opensbc.config.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.opensbc.config.model.ClusterConfig;
import io.opensbc.config.model.SbcConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cluster examples of deploy/examples/cluster load, with the mode and addresses docs/cluster.md names. */
class ClusterExamplesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "active.yaml, ACTIVE, 127.0.0.10",
      "passive.yaml, PASSIVE, 127.0.0.11",
      "node-a.yaml, ACTIVE_ACTIVE, 127.0.0.1",
      "node-b.yaml, ACTIVE_ACTIVE, 127.0.0.2",
      "node-c.yaml, ACTIVE_ACTIVE, 127.0.0.3"})
  void loads(String file, ClusterConfig.Mode mode, String sipHost) {
    ConfigResult r = ConfigLoader.load(QuickstartTest.findUp(Path.of("deploy", "examples", "cluster", file)));
    assertInstanceOf(ConfigResult.Valid.class, r, () -> r.errors().toString());
    SbcConfig c = r.orElseThrow();
    assertEquals(mode, c.cluster().mode());
    assertEquals(sipHost, c.listeners().get(0).host());
    assertEquals(List.of("udp"), c.listeners().stream().map(l -> l.name()).toList(),
        "the same listener names on every node");
    assertEquals("127.0.0.1", c.trunks().get(0).host());
    assertEquals(5080, c.trunks().get(0).port());
  }
}
