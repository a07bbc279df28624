package io.opensbc.config.loader;

import static io.opensbc.config.loader.ConfigLoaderTest.MINIMAL;
import static io.opensbc.config.loader.ConfigLoaderTest.invalid;
import static io.opensbc.config.loader.ConfigLoaderTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.signalling.RedirectPolicy;
import io.opensbc.config.model.signalling.ReferMode;
import io.opensbc.config.model.signalling.TrunkTransfer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trunk's {@code transfer} keys (docs/transfers.md), and their mistakes with file and line. */
class TransferLoaderTest {

  @Test
  void defaultsPassReferAnd3xxThrough() {
    var t = valid(MINIMAL + "trunks:\n  - {name: carrier, host: 10.0.0.1}\n").trunks().get(0);
    assertEquals(TrunkTransfer.DEFAULT, t.signalling().transfer());
    assertEquals(ReferMode.PASSTHROUGH, t.signalling().transfer().refer());
  }

  @Test
  void everyKeyBinds() {
    var t = valid(MINIMAL + """
        trunks:
          - name: carrier
            host: 10.0.0.1
            transfer:
              refer: handle-locally
              redirect: {mode: recurse, max-hops: 4, allowed-targets: [sbc2.carrier.net, "*.carrier.net", 10.0.0.9]}
          - name: pbx
            host: 10.0.0.2
            transfer: {refer: auto}
        """).trunks();
    assertEquals(new TrunkTransfer(ReferMode.HANDLE_LOCALLY,
        new RedirectPolicy(true, 4, List.of("sbc2.carrier.net", "*.carrier.net", "10.0.0.9"))),
        t.get(0).signalling().transfer());
    assertEquals(new TrunkTransfer(ReferMode.AUTO, RedirectPolicy.PASS_THROUGH), t.get(1).signalling().transfer());
  }

  @Test
  void mistakesAreReportedWithTheirLineAndWhatIsAllowed() {
    List<ConfigError> errors = invalid(MINIMAL + """
        trunks:
          - name: carrier
            host: 10.0.0.1
            transfer:
              refer: handle-local
              redirect: {mode: follow, max-hops: 11, allowed-targets: ["bad host!"], depth: 2}
        """);
    String all = errors.toString();
    assertEquals(5, errors.size(), all);
    assertTrue(all.contains("trunks[0].transfer.refer: unknown refer mode 'handle-local'; did you mean 'handle-locally'?"),
        all);
    assertTrue(errors.stream().allMatch(e -> e.line() >= 7), all);
    assertTrue(all.contains("(allowed: pass-through, recurse)"), all);
    assertTrue(all.contains("max-hops") && all.contains("1-10"), all);
    assertTrue(all.contains("allowed-targets[0]"), all);
    assertTrue(all.contains("depth"), all);
  }

  @Test
  void theTransferExampleInTheConfigurationReferenceLoads() throws Exception {
    String docs = java.nio.file.Files.readString(QuickstartTest.findUp(Path.of("docs", "configuration.md")));
    String section = docs.substring(docs.indexOf("`transfer` keys"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(start, section.indexOf("```\n", start));
    var t = valid(MINIMAL + yaml).trunks().get(0).signalling().transfer();
    assertEquals(new TrunkTransfer(ReferMode.HANDLE_LOCALLY, new RedirectPolicy(true, 2, List.of("*.carrier.net"))), t);
  }

  @Test
  void theTeamsCarrierExampleHandlesReferForTheCarrier() throws Exception {
    var c = ConfigLoader.load(QuickstartTest.findUp(Path.of("deploy", "examples", "teams-carrier.yaml"))).orElseThrow();
    var carrier = c.trunks().stream().filter(t -> t.name().equals("carrier")).findFirst().orElseThrow();
    assertEquals(ReferMode.HANDLE_LOCALLY, carrier.signalling().transfer().refer());
  }
}
