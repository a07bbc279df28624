package io.opensbc.config.validation;

import static io.opensbc.config.validation.RuleValidationTest.RANGES;
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
 * One row per mistake in the rule keys of a trunk ({@code trusted}, {@code rules}, {@code
 * response-map}, {@code identity}): a file with exactly one mistake, and the single error it must
 * produce.
 */
class TrunkRuleKeysTest {

  /** The trunk {@code carrier} with one more key, on line 7. */
  static String trunk(String keyLine) {
    // an identity policy needs a trusted trunk: said after the key under test, so its line stays 7
    return LISTENERS + "trunks:\n  - name: carrier\n    host: 10.0.0.1\n    " + keyLine + "\n"
        + (keyLine.startsWith("identity") ? "    trusted: true\n" : "");
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        row(
            "trusted not a boolean",
            trunk("trusted: sometimes"),
            7,
            "trunks[0].trusted",
            "expected true or false, got 'sometimes' (allowed: true, false)"),
        row(
            "unknown direction",
            trunk("rules: {inbond: []}"),
            7,
            "trunks[0].rules.inbond",
            "unknown key 'inbond'; did you mean 'inbound'? (allowed: inbound, outbound)"),
        row(
            "unknown rule set",
            trunk("rules: {outbound: [nope]}"),
            7,
            "trunks[0].rules.outbound[0]",
            "unknown rule set 'nope' (allowed: none defined)"),
        row(
            "rule set name not a string",
            trunk("rules: {inbound: [{a: b}]}"),
            7,
            "trunks[0].rules.inbound[0]",
            "expected a rule-set name, got a mapping (allowed: a list of rule-set names)"),
        row(
            "response-map entry without a target",
            trunk("response-map: {entries: [{status: 403}]}"),
            7,
            "trunks[0].response-map.entries[0]",
            "an entry needs to-status or to-cause (allowed"
                + " keys: status, cause, to-status, to-cause, to-reason)"),
        row(
            "cause out of range",
            trunk("response-map: {entries: [{cause: 128, to-status: 486}]}"),
            7,
            "trunks[0].response-map.entries[0].cause",
            "128 is out of range (allowed: 1-127)"),
        row(
            "mapped status not a failure",
            trunk("response-map: {entries: [{status: 403, to-status: 200}]}"),
            7,
            "trunks[0].response-map.entries[0].to-status",
            "200 is out of range (allowed: 300-699)"),
        row(
            "unknown response-map key",
            trunk("response-map: {q850-tabel: true}"),
            7,
            "trunks[0].response-map.q850-tabel",
            "unknown key 'q850-tabel'; did you mean 'q850-table'? (allowed: q850-table, entries)"),
        row(
            "identity without ddi",
            trunk("identity: {default-cli: '+442071234500'}"),
            7,
            "trunks[0].identity.ddi",
            "missing required key 'ddi' (allowed: a list of ranges: " + RANGES + ")"),
        row(
            "identity with an empty ddi",
            trunk("identity: {ddi: [], default-cli: '+44'}"),
            7,
            "trunks[0].identity.ddi",
            "expected at least one range (allowed: a list of ranges: " + RANGES + ")"),
        row(
            "ddi not a list",
            trunk("identity: {ddi: '+44*', default-cli: '+44'}"),
            7,
            "trunks[0].identity.ddi",
            "expected a list, got '+44*' (allowed: a list of ranges: " + RANGES + ")"),
        row(
            "bad ddi range",
            trunk("identity: {ddi: ['+44*', x], default-cli: '+44'}"),
            7,
            "trunks[0].identity.ddi[1]",
            "'x' is not a number range (allowed: " + RANGES + ")"),
        row(
            "identity without default-cli",
            trunk("identity: {ddi: ['+44*']}"),
            7,
            "trunks[0].identity.default-cli",
            "missing required key 'default-cli' (allowed: a telephone number, e.g."
                + " \"+442071234500\")"),
        row(
            "default-cli not a number",
            trunk("identity: {ddi: ['+44*'], default-cli: alice}"),
            7,
            "trunks[0].identity.default-cli",
            "'alice' is not a telephone number (allowed: a"
                + " telephone number, e.g. \"+442071234500\")"),
        row(
            "default-cli outside ddi",
            trunk("identity: {ddi: ['+4420*', '+4413*'], default-cli: '+441611234567'}"),
            7,
            "trunks[0].identity.default-cli",
            "'+441611234567' is not in ddi (allowed: a number in +4420*, +4413*)"),
        row(
            "unknown privacy",
            trunk("identity: {ddi: ['+44*'], default-cli: '+44', privacy: strp}"),
            7,
            "trunks[0].identity.privacy",
            "unknown privacy 'strp'; did you mean 'strip'?"
                + " (allowed: keep, strip, strip-unless-anonymous)"),
        row(
            "bad identity country code",
            trunk("identity: {ddi: ['+44*'], default-cli: '+44', country-code: 4444}"),
            7,
            "trunks[0].identity.country-code",
            "'4444' is not a country code (allowed: 1-3 digits, e.g. \"44\")"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachMistakeReportsOneErrorAtItsLine(
      String rule, String yaml, int line, String path, String message) {
    List<ConfigError> errors = ConfigLoader.parse(yaml, "rules.yaml").errors();
    assertEquals(1, errors.size(), () -> rule + ": " + errors);
    ConfigError e = errors.get(0);
    assertEquals(path, e.path(), rule);
    assertEquals(message, e.message(), rule);
    assertEquals(line, e.line(), () -> rule + ": " + e);
  }
}
