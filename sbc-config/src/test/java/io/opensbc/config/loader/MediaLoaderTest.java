package io.opensbc.config.loader;

import static io.opensbc.config.loader.ConfigLoaderTest.MINIMAL;
import static io.opensbc.config.loader.ConfigLoaderTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.media.MediaConfig;
import io.opensbc.config.model.media.MediaSecurity;
import io.opensbc.config.model.media.PortRange;
import io.opensbc.config.model.media.TrunkMedia;
import io.opensbc.config.validation.ConfigValidator;
import io.opensbc.config.validation.Violation;
import io.opensbc.config.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's media relay and each trunk's media policy, read into their records. */
class MediaLoaderTest {

  @Test
  void theFullExampleBindsToTheExpectedRecords() throws Exception {
    SbcConfig c = valid(resource("media-example.yaml"));
    assertEquals(
        new MediaConfig(
            new PortRange(30000, 30999),
            2,
            Duration.ofSeconds(30),
            Duration.ofHours(3),
            500,
            Duration.ZERO,
            3,
            "192.0.2.10",
            9000),
        c.media());
    assertEquals(
        List.of(
            new TrunkMedia(
                MediaSecurity.SRTP,
                List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_256_GCM"),
                List.of("PCMU", "PCMA", "telephone-event", "SILK"),
                List.of("pbx"),
                true,
                false),
            new TrunkMedia(
                MediaSecurity.SRTP, TrunkMedia.SRTP_PROFILES, List.of(), List.of(), false, true),
            new TrunkMedia(
                MediaSecurity.AS_OFFERED, TrunkMedia.SRTP_PROFILES, List.of(), List.of(), false, false),
            TrunkMedia.DEFAULT,
            new TrunkMedia(
                MediaSecurity.AS_OFFERED,
                TrunkMedia.SRTP_PROFILES,
                List.of(),
                List.of("lab", "pbx"),
                false,
                false)),
        c.trunks().stream().map(TrunkConfig::media).toList());
    TrunkConfig teams = c.trunk("teams").orElseThrow();
    TrunkConfig pbx = c.trunk("pbx").orElseThrow();
    TrunkConfig carrier = c.trunk("carrier").orElseThrow();
    assertEquals("tcp", teams.listener(), "the loader's listener default keeps the media policy");
    assertTrue(teams.bypassesMediaWith(pbx) && pbx.bypassesMediaWith(teams));
    assertFalse(teams.bypassesMediaWith(carrier));
    assertTrue(c.trunk("lab").orElseThrow().bypassesMediaWith(c.trunk("lab6").orElseThrow()));
  }

  @Test
  void theSummaryShowsMediaValuesThatAreNotDefaults() throws Exception {
    String s = ConfigSummary.describe(valid(resource("media-example.yaml")));
    assertEquals(
        String.join(
            "\n",
            "media: ports 30000-30999, workers 2, timeout 30s, hold-timeout 3h, max-sessions 500,"
                + " relatch after 3 packets, address 192.0.2.10, max-packet-bytes 9000",
            "listeners (2):",
            "  udp  udp 127.0.0.1:5060",
            "  tcp  tcp 127.0.0.1:5060",
            "trunks (5):",
            "  teams  tcp sip.pstnhub.microsoft.com:5061 via listener tcp",
            "    media: srtp, srtp-profiles [AES_CM_128_HMAC_SHA1_80, AEAD_AES_256_GCM], codecs [PCMU,"
                + " PCMA, telephone-event, SILK], bypass [pbx], ice-lite",
            "  pbx  udp 10.0.3.1:5060 via listener udp",
            "    media: srtp, dtls",
            "  carrier  udp 10.0.1.1:5060 via listener udp",
            "  lab  udp 10.0.4.1:5060 via listener udp",
            "  lab6  udp 10.0.4.2:5060 via listener udp",
            "    media: bypass [lab, pbx]",
            "routes (0):",
            ""),
        s.substring(s.indexOf("media: ports")));
    String plain = ConfigSummary.describe(valid(MINIMAL + "media: {relatch: {silence: 1s}}\n"));
    assertTrue(plain.contains("\nmedia: relatch after 1s silence and 5 packets\n"), plain);
    String none = ConfigSummary.describe(valid(MINIMAL + "trunks: [{name: a, host: h, media: {}}]\n"));
    assertFalse(none.contains("media"), none);
  }

  @Test
  void absentKeysAndSectionsTakeTheirDefaults() {
    SbcConfig c = valid(MINIMAL + "trunks: [{name: pbx, host: 10.0.0.2}]\n");
    assertEquals(MediaConfig.DEFAULT, c.media());
    assertEquals(TrunkMedia.DEFAULT, c.trunks().get(0).media());
    assertEquals(MediaConfig.DEFAULT, valid(MINIMAL + "media:\n").media());
    assertEquals(
        MediaConfig.DEFAULT, valid(MINIMAL + "media: {ports: {}, relatch: {}, address: ~}\n").media());
    assertEquals(
        new MediaConfig(new PortRange(30000, 39999), 0, Duration.ofSeconds(60), Duration.ofHours(2),
            10_000, Duration.ofSeconds(2), 5, null, 1500),
        valid(MINIMAL + "media: {ports: {min: 30000}}\n").media());
    assertEquals(
        new PortRange(20000, 20002), valid(MINIMAL + "media: {ports: {max: 20002}}\n").media().ports());
    assertEquals(
        "2001:db8::10", valid(MINIMAL + "media: {address: '2001:db8::10'}\n").media().address());
    assertEquals(
        TrunkMedia.DEFAULT,
        valid(MINIMAL + "trunks: [{name: a, host: h, media: {}}, {name: b, host: h, media: ~}]\n")
            .trunks()
            .get(0)
            .media());
    assertEquals(
        TrunkMedia.DEFAULT,
        valid(MINIMAL + "trunks: [{name: b, host: h, media: ~}]\n").trunks().get(0).media());
  }

  /** A file with several mistakes in the media keys: each on its own line with its line number. */
  @Test
  void aFileWithSeveralMistakesPrintsEachOnItsOwnLine() {
    String yaml =
        String.join(
            "\n",
            "listeners:", // 1
            "  - {name: udp, transport: udp, host: 127.0.0.1, port: 5060}", // 2
            "media:", // 3
            "  ports: {min: 20001, max: 70000}", // 4
            "  timeout: 0s", // 5
            "  hold-timout: 1h", // 6
            "  relatch: {silence: 2s, packets: 0}", // 7
            "  address: 0.0.0.0", // 8
            "trunks:", // 9
            "  - name: teams", // 10
            "    host: sip.pstnhub.microsoft.com", // 11
            "    media:", // 12
            "      security: sdes", // 13
            "      srtp-profiles: [AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_23]", // 14
            "      codecs: [PCMU, G722/8000, pcmu]", // 15
            "      bypass: [pbx, teams, pxb]", // 16
            "      ice-lite: yes", // 17
            "  - name: pbx", // 18
            "    host: 10.0.0.2", // 19
            "    media: {dtls: maybe}", // 20
            "");
    List<String> printed =
        ConfigLoader.parse(yaml, "sbc.yaml").errors().stream().map(ConfigError::toString).toList();
    String forms = "<n>ms, <n>s, <n>m, <n>h or an integer of milliseconds";
    String profiles =
        "AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM, AEAD_AES_256_GCM";
    assertEquals(
        List.of(
            "sbc.yaml:4:16: media.ports.min: 20001 is odd; RTP uses even ports (allowed: an even"
                + " number 1024-65532)",
            "sbc.yaml:4:28: media.ports.max: 70000 is out of range (allowed: 1024-65535)",
            "sbc.yaml:5:12: media.timeout: 0s is too short (allowed: 1s-1h: " + forms + ")",
            "sbc.yaml:6:3: media.hold-timout: unknown key 'hold-timout'; did you mean"
                + " 'hold-timeout'? (allowed: ports, workers, timeout, hold-timeout, max-sessions,"
                + " relatch, address, max-packet-bytes)",
            "sbc.yaml:7:35: media.relatch.packets: 0 is out of range (allowed: 1-100)",
            "sbc.yaml:8:12: media.address: '0.0.0.0' is the unspecified address; peers cannot send"
                + " media to it (allowed: an IPv4 or IPv6 address, not 0.0.0.0 or ::; leave it out"
                + " for the listener's host)",
            "sbc.yaml:13:17: trunks[0].media.security: unknown security 'sdes' (allowed: rtp, srtp,"
                + " as-offered)",
            "sbc.yaml:14:48: trunks[0].media.srtp-profiles[1]: unknown SRTP profile"
                + " 'AES_CM_128_HMAC_SHA1_23'; did you mean 'AES_CM_128_HMAC_SHA1_32'? (allowed: "
                + profiles
                + ")",
            "sbc.yaml:15:22: trunks[0].media.codecs[1]: 'G722/8000' is not an encoding name; give"
                + " the name without the clock rate (allowed: a list of encoding names as in SDP"
                + " rtpmap, e.g. PCMU, opus, telephone-event; [] for all)",
            "sbc.yaml:15:33: trunks[0].media.codecs[2]: 'pcmu' is listed twice (allowed: each codec"
                + " once)",
            "sbc.yaml:16:21: trunks[0].media.bypass[1]: a trunk cannot bypass media with itself"
                + " (allowed: other trunks: pbx)",
            "sbc.yaml:16:28: trunks[0].media.bypass[2]: unknown trunk 'pxb'; did you mean 'pbx'?"
                + " (allowed: pbx)",
            "sbc.yaml:20:19: trunks[1].media.dtls: expected true or false, got 'maybe' (allowed:"
                + " true, false)"),
        printed,
        () -> String.join("\n", printed));
    String out = String.join("\n", printed);
    assertEquals(printed.size(), out.lines().count(), "one line per mistake");
  }

  @Test
  void aConfigurationBuiltInCodeIsCheckedWithPathsFromItsIndexes() {
    TrunkConfig a =
        new TrunkConfig("a", "h", 5060, Transport.UDP, null, false, null, null, null, null,
            new TrunkMedia(null, null, null, List.of("b", "a", "c", "b"), false, false));
    TrunkConfig b = new TrunkConfig("b", "h", 5060, Transport.UDP, null);
    MediaConfig media =
        new MediaConfig(new PortRange(30000, 30001), 0, null, null, 1, null, 1, null, 1500);
    SbcConfig config =
        new SbcConfig(null, null, null,
            List.of(new ListenerConfig("udp", Transport.UDP, "127.0.0.1", 5060)),
            List.of(a, b), null, null, null, null, media);
    Violations v = new Violations();
    ConfigValidator.validate(config, v);
    assertEquals(
        List.of(
            "media.ports.max",
            "trunks[0].media.bypass[1]",
            "trunks[0].media.bypass[2]",
            "trunks[0].media.bypass[3]"),
        v.list().stream().map(Violation::path).sorted().toList(),
        v.list()::toString);
  }

  private String resource(String name) throws Exception {
    try (var in = getClass().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
