package io.opensbc.config.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.AdminConfig;
import io.opensbc.config.model.ClusterConfig;
import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.RouteConfig;
import io.opensbc.config.model.RouteMatch;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.SipConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickstartTest {

  @Test
  void quickstartLoadsWithTheDocumentedValues() {
    SbcConfig c = ConfigLoader.quickstart().orElseThrow();
    assertEquals(Defaults.nodeName(), c.node().name());
    assertEquals(Defaults.DRAIN_TIMEOUT, c.node().drainTimeout());
    assertEquals(new AdminConfig("127.0.0.1", 8080, true), c.admin());
    assertEquals(ClusterConfig.DEFAULT, c.cluster());
    assertEquals(
        List.of(
            new ListenerConfig("udp", Transport.UDP, "127.0.0.1", 5060),
            new ListenerConfig("tcp", Transport.TCP, "127.0.0.1", 5060)),
        c.listeners());
    assertEquals(
        List.of(new TrunkConfig("carrier", "127.0.0.1", 5080, Transport.UDP, "udp")), c.trunks());
    assertEquals(
        List.of(new RouteConfig("everything-to-carrier", RouteMatch.ANY, "carrier")), c.routes());
    assertEquals(SipConfig.DEFAULT, c.sip());
  }

  @Test
  void deployedExampleIsByteIdenticalToTheEmbeddedOne() throws Exception {
    Path deployed = findUp(Path.of("deploy", "examples", "quickstart.yaml"));
    byte[] embedded;
    try (var in =
        getClass().getClassLoader().getResourceAsStream(ConfigLoader.QUICKSTART_RESOURCE)) {
      assertNotNull(in, "embedded quickstart on the classpath");
      embedded = in.readAllBytes();
    }
    assertArrayEquals(
        Files.readAllBytes(deployed),
        embedded,
        "copy deploy/examples/quickstart.yaml to sbc-config/src/main/resources/"
            + ConfigLoader.QUICKSTART_RESOURCE);
  }

  @Test
  void deployedExampleLoadsFromDisk() {
    ConfigResult r = ConfigLoader.load(findUp(Path.of("deploy", "examples", "quickstart.yaml")));
    assertInstanceOf(ConfigResult.Valid.class, r, () -> r.errors().toString());
    assertEquals(ConfigLoader.quickstart().orElseThrow(), r.orElseThrow());
  }

  @Test
  void summaryNamesListenersTrunksAndRoutes() {
    String s = ConfigSummary.describe(ConfigLoader.quickstart().orElseThrow());
    assertTrue(s.contains("udp  udp 127.0.0.1:5060"), s);
    assertTrue(s.contains("tcp  tcp 127.0.0.1:5060"), s);
    assertTrue(s.contains("carrier  udp 127.0.0.1:5080 via listener udp"), s);
    assertTrue(s.contains("everything-to-carrier  any -> carrier"), s);
    assertTrue(ConfigLoader.quickstartYaml().getBytes(StandardCharsets.UTF_8).length > 0);
  }

  static Path findUp(Path relative) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
