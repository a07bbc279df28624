package io.opensbc.config.validation;

import static io.opensbc.config.validation.RuleValidationTest.row;
import static io.opensbc.config.validation.ValidationRulesTest.LISTENERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.config.loader.ConfigError;
import io.opensbc.config.loader.ConfigLoader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per mistake in the top-level {@code media} section and in a trunk's {@code media}: a file
 * with exactly one mistake, and the single error it must produce.
 */
class MediaKeysTest {
  static final String FORMS = DurationRule.FORMS;
  static final String KEYS =
      "ports, workers, timeout, hold-timeout, max-sessions, relatch, address, max-packet-bytes";
  static final String TRUNK_KEYS = "security, srtp-profiles, codecs, bypass, ice-lite, dtls";
  static final String ADDRESS =
      "an IPv4 or IPv6 address, not 0.0.0.0 or ::; leave it out for the listener's host";
  static final String PROFILES =
      "AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM, AEAD_AES_256_GCM";
  static final String CODECS =
      "a list of encoding names as in SDP rtpmap, e.g. PCMU, opus, telephone-event; [] for all";

  /** The media key {@code keyLine} on line 5. */
  static String media(String keyLine) {
    return LISTENERS + "media:\n  " + keyLine + "\n";
  }

  /** The trunk {@code carrier} with {@code media: ...} on line 7, and a trunk {@code pbx}. */
  static String trunkMedia(String media) {
    return TrunkRuleKeysTest.trunk("media: " + media) + "  - {name: pbx, host: 10.0.0.2}\n";
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        row(
            "media not a mapping",
            LISTENERS + "media: on\n",
            4,
            "media",
            "expected a mapping, got 'on' (allowed keys: " + KEYS + ")"),
        row(
            "misspelt media key",
            media("hold-timout: 1h"),
            5,
            "media.hold-timout",
            "unknown key 'hold-timout'; did you mean 'hold-timeout'? (allowed: " + KEYS + ")"),
        // ports
        row(
            "ports not a mapping",
            media("ports: 20000-39999"),
            5,
            "media.ports",
            "expected a mapping, got '20000-39999' (allowed keys: min, max)"),
        row(
            "unknown ports key",
            media("ports: {first: 20000}"),
            5,
            "media.ports.first",
            "unknown key 'first' (allowed: min, max)"),
        row(
            "odd min port",
            media("ports: {min: 20001}"),
            5,
            "media.ports.min",
            "20001 is odd; RTP uses even ports (allowed: an even number 1024-65532)"),
        row(
            "min port below 1024",
            media("ports: {min: 1000}"),
            5,
            "media.ports.min",
            "1000 is out of range (allowed: an even number 1024-65532)"),
        row(
            "min port not an integer",
            media("ports: {min: low}"),
            5,
            "media.ports.min",
            "expected an integer, got 'low' (allowed: an even number 1024-65532)"),
        row(
            "max port over 65535",
            media("ports: {max: 70000}"),
            5,
            "media.ports.max",
            "70000 is out of range (allowed: 1024-65535)"),
        row(
            "max port not above min + 1",
            media("ports: {min: 30000, max: 30001}"),
            5,
            "media.ports.max",
            "max (30001) is not more than min + 1 (30001) (allowed: max > min + 1)"),
        row(
            "min port above the default max",
            media("ports: {min: 40000}"),
            5,
            "media.ports.min",
            "max (39999) is not more than min + 1 (40001) (allowed: max > min + 1)"),
        // scalars
        row(
            "negative workers",
            media("workers: -1"),
            5,
            "media.workers",
            "-1 is out of range (allowed: 0-1024, 0 = one per event loop)"),
        row(
            "timeout under a second",
            media("timeout: 500ms"),
            5,
            "media.timeout",
            "500ms is too short (allowed: 1s-1h: " + FORMS + ")"),
        row(
            "timeout over an hour",
            media("timeout: 2h"),
            5,
            "media.timeout",
            "2h is too long (allowed: 1s-1h: " + FORMS + ")"),
        row(
            "hold-timeout over a day",
            media("hold-timeout: 25h"),
            5,
            "media.hold-timeout",
            "25h is too long (allowed: 1s-24h: " + FORMS + ")"),
        row(
            "hold-timeout unreadable",
            media("hold-timeout: 1.5h"),
            5,
            "media.hold-timeout",
            "cannot read duration '1.5h' (allowed: 1s-24h: " + FORMS + ")"),
        row(
            "max-sessions 0",
            media("max-sessions: 0"),
            5,
            "media.max-sessions",
            "0 is out of range (allowed: 1-1000000)"),
        row(
            "max-sessions too high",
            media("max-sessions: 1000001"),
            5,
            "media.max-sessions",
            "1000001 is out of range (allowed: 1-1000000)"),
        row(
            "max-packet-bytes too small",
            media("max-packet-bytes: 100"),
            5,
            "media.max-packet-bytes",
            "100 is out of range (allowed: 200-9000)"),
        row(
            "max-packet-bytes too large",
            media("max-packet-bytes: 9001"),
            5,
            "media.max-packet-bytes",
            "9001 is out of range (allowed: 200-9000)"),
        // relatch
        row(
            "relatch not a mapping",
            media("relatch: 2s"),
            5,
            "media.relatch",
            "expected a mapping, got '2s' (allowed keys: silence, packets)"),
        row(
            "misspelt relatch key",
            media("relatch: {packet: 5}"),
            5,
            "media.relatch.packet",
            "unknown key 'packet'; did you mean 'packets'? (allowed: silence, packets)"),
        row(
            "relatch silence over a minute",
            media("relatch: {silence: 2m}"),
            5,
            "media.relatch.silence",
            "2m is too long (allowed: 0s-1m, 0 = at once: " + FORMS + ")"),
        row(
            "relatch packets 0",
            media("relatch: {packets: 0}"),
            5,
            "media.relatch.packets",
            "0 is out of range (allowed: 1-100)"),
        row(
            "relatch packets over 100",
            media("relatch: {packets: 101}"),
            5,
            "media.relatch.packets",
            "101 is out of range (allowed: 1-100)"),
        // address
        row(
            "address a host name",
            media("address: media.example.com"),
            5,
            "media.address",
            "'media.example.com' is not an IP address (allowed: " + ADDRESS + ")"),
        row(
            "address with a port",
            media("address: '192.0.2.10:40000'"),
            5,
            "media.address",
            "'192.0.2.10:40000' is not an IP address (allowed: " + ADDRESS + ")"),
        row(
            "address out of range",
            media("address: 192.0.2.256"),
            5,
            "media.address",
            "'192.0.2.256' is not an IP address (allowed: " + ADDRESS + ")"),
        row(
            "address 0.0.0.0",
            media("address: 0.0.0.0"),
            5,
            "media.address",
            "'0.0.0.0' is the unspecified address; peers cannot send media to it (allowed: "
                + ADDRESS
                + ")"),
        row(
            "address ::",
            media("address: '::'"),
            5,
            "media.address",
            "'::' is the unspecified address; peers cannot send media to it (allowed: "
                + ADDRESS
                + ")"),
        row(
            "address a list",
            media("address: [192.0.2.10]"),
            5,
            "media.address",
            "expected a string, got a list (allowed: text)"),
        // a trunk's media
        row(
            "trunk media not a mapping",
            trunkMedia("srtp"),
            7,
            "trunks[0].media",
            "expected a mapping, got 'srtp' (allowed keys: " + TRUNK_KEYS + ")"),
        row(
            "misspelt trunk media key",
            trunkMedia("{srtp-profile: [AEAD_AES_128_GCM]}"),
            7,
            "trunks[0].media.srtp-profile",
            "unknown key 'srtp-profile'; did you mean 'srtp-profiles'? (allowed: " + TRUNK_KEYS + ")"),
        row(
            "unknown security",
            trunkMedia("{security: srtpp}"),
            7,
            "trunks[0].media.security",
            "unknown security 'srtpp'; did you mean 'srtp'? (allowed: rtp, srtp, as-offered)"),
        row(
            "security with an underscore",
            trunkMedia("{security: as_offered}"),
            7,
            "trunks[0].media.security",
            "unknown security 'as_offered'; did you mean 'as-offered'? (allowed: rtp, srtp,"
                + " as-offered)"),
        row(
            "security a list",
            trunkMedia("{security: [srtp]}"),
            7,
            "trunks[0].media.security",
            "expected a string, got a list (allowed: text)"),
        row(
            "srtp-profiles not a list",
            trunkMedia("{srtp-profiles: AEAD_AES_128_GCM}"),
            7,
            "trunks[0].media.srtp-profiles",
            "expected a list, got 'AEAD_AES_128_GCM' (allowed: a list of " + PROFILES + ")"),
        row(
            "empty srtp-profiles",
            trunkMedia("{srtp-profiles: []}"),
            7,
            "trunks[0].media.srtp-profiles",
            "expected at least one SRTP profile (allowed: a list of "
                + PROFILES
                + "; leave 'srtp-profiles' out for all four)"),
        row(
            "misspelt srtp profile",
            trunkMedia("{srtp-profiles: [AEAD_AES_256_GCM, AES_CM_128_HMAC_SHA1_08]}"),
            7,
            "trunks[0].media.srtp-profiles[1]",
            "unknown SRTP profile 'AES_CM_128_HMAC_SHA1_08'; did you mean"
                + " 'AES_CM_128_HMAC_SHA1_80'? (allowed: "
                + PROFILES
                + ")"),
        row(
            "unsupported srtp profile",
            trunkMedia("{srtp-profiles: [F8_128_HMAC_SHA1_80]}"),
            7,
            "trunks[0].media.srtp-profiles[0]",
            "unknown SRTP profile 'F8_128_HMAC_SHA1_80' (allowed: " + PROFILES + ")"),
        row(
            "srtp profile listed twice",
            trunkMedia("{srtp-profiles: [AEAD_AES_128_GCM, aead_aes_128_gcm]}"),
            7,
            "trunks[0].media.srtp-profiles[1]",
            "'aead_aes_128_gcm' is listed twice (allowed: each profile once)"),
        row(
            "srtp profile not a scalar",
            trunkMedia("{srtp-profiles: [{name: AEAD_AES_128_GCM}]}"),
            7,
            "trunks[0].media.srtp-profiles[0]",
            "expected an SRTP profile, got a mapping (allowed: a list of " + PROFILES + ")"),
        row(
            "codecs not a list",
            trunkMedia("{codecs: PCMU}"),
            7,
            "trunks[0].media.codecs",
            "expected a list, got 'PCMU' (allowed: " + CODECS + ")"),
        row(
            "codec with a clock rate",
            trunkMedia("{codecs: [PCMA, PCMU/8000]}"),
            7,
            "trunks[0].media.codecs[1]",
            "'PCMU/8000' is not an encoding name; give the name without the clock rate (allowed: "
                + CODECS
                + ")"),
        row(
            "codec with a space",
            trunkMedia("{codecs: ['G729 annexb']}"),
            7,
            "trunks[0].media.codecs[0]",
            "'G729 annexb' is not an encoding name (allowed: " + CODECS + ")"),
        row(
            "codec listed twice",
            trunkMedia("{codecs: [PCMU, opus, pcmu]}"),
            7,
            "trunks[0].media.codecs[2]",
            "'pcmu' is listed twice (allowed: each codec once)"),
        row(
            "empty codec item",
            trunkMedia("{codecs: [PCMU, ~]}"),
            7,
            "trunks[0].media.codecs[1]",
            "empty list item (allowed: " + CODECS + ")"),
        row(
            "bypass not a list",
            trunkMedia("{bypass: pbx}"),
            7,
            "trunks[0].media.bypass",
            "expected a list, got 'pbx' (allowed: a list of trunk names)"),
        row(
            "bypass an unknown trunk",
            trunkMedia("{bypass: [pxb]}"),
            7,
            "trunks[0].media.bypass[0]",
            "unknown trunk 'pxb'; did you mean 'pbx'? (allowed: pbx)"),
        row(
            "bypass itself",
            trunkMedia("{bypass: [pbx, carrier]}"),
            7,
            "trunks[0].media.bypass[1]",
            "a trunk cannot bypass media with itself (allowed: other trunks: pbx)"),
        row(
            "bypass a trunk twice",
            trunkMedia("{bypass: [pbx, pbx]}"),
            7,
            "trunks[0].media.bypass[1]",
            "'pbx' is listed twice (allowed: each trunk once)"),
        row(
            "bypass item not a string",
            trunkMedia("{bypass: [{trunk: pbx}]}"),
            7,
            "trunks[0].media.bypass[0]",
            "expected a trunk name, got a mapping (allowed: a list of trunk names)"),
        row(
            "ice-lite not a boolean",
            trunkMedia("{ice-lite: lite}"),
            7,
            "trunks[0].media.ice-lite",
            "expected true or false, got 'lite' (allowed: true, false)"),
        row(
            "dtls not a boolean",
            trunkMedia("{dtls: srtp}"),
            7,
            "trunks[0].media.dtls",
            "expected true or false, got 'srtp' (allowed: true, false)"),
        row(
            "dtls on a plain rtp trunk",
            trunkMedia("{security: rtp, dtls: true}"),
            7,
            "trunks[0].media.dtls",
            "DTLS-SRTP keys SRTP, but security is rtp (allowed: dtls: true with security srtp or"
                + " as-offered)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachMistakeReportsOneErrorAtItsLine(
      String rule, String yaml, int line, String path, String message) {
    List<ConfigError> errors = ConfigLoader.parse(yaml, "media.yaml").errors();
    assertEquals(1, errors.size(), () -> rule + ": " + errors);
    ConfigError e = errors.get(0);
    assertEquals(path, e.path(), rule);
    assertEquals(message, e.message(), rule);
    assertEquals(line, e.line(), () -> rule + ": " + e);
  }
}
