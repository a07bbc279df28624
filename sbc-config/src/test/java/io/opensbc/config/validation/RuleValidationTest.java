package io.opensbc.config.validation;

import static io.opensbc.config.validation.ValidationRulesTest.LISTENERS;
import static io.opensbc.config.validation.ValidationRulesTest.TRUNK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.config.loader.ConfigError;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.rules.Action;
import io.opensbc.config.model.rules.Condition;
import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.IdentityPolicy;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.Rule;
import io.opensbc.config.model.rules.RuleSet;
import io.opensbc.config.model.rules.Selector;
import io.opensbc.config.model.rules.TrunkRules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per mistake in rule sets: a file with exactly one mistake, and the single error it must
 * produce (path, line, message). The trunk keys are in {@link TrunkRuleKeysTest}.
 */
class RuleValidationTest {
  /** Lines 1-8; the rule under test is on line 9. */
  static final String RULES = LISTENERS + TRUNK + "rule-sets:\n  - name: s\n    rules:\n";

  static final String R = "rule-sets[0].rules[0]";
  static final String ACTIONS =
      "add-header, remove-header, replace-header, set, remove, set-status, add-prefix,"
          + " strip-prefix, add-suffix, strip-suffix, normalise-e164, normalize-e164,"
          + " regex-replace, copy, reject";
  static final String CONDITIONS =
      "all, any, not, source-trunk, listener, or a field test: field (or header/uri) with one of"
          + " present, equals, regex, in-range, not-in-range";
  static final String FIELDS =
      "request-uri[.user|.host|.param.NAME],"
          + " HEADER[.user|.host|.display|.param.NAME|.uri-param.NAME], status, reason-phrase";
  static final String RANGES = "+442071234500..+442071234599, +4420712345*, +442071234567";
  static final String RESERVED = "is managed by the SBC per leg and cannot be changed by a rule";

  /** A file whose only rule is {@code flow} (a flow mapping), on line 9. */
  static String rule(String flow) {
    return RULES + "      - " + flow + "\n";
  }

  /** A rule with selector {@code match} and the actions {@code doList}, on line 9. */
  static String actions(String match, String doList) {
    return rule("{name: r, match: '" + match + "', do: [" + doList + "]}");
  }

  /** A request rule with condition {@code cond}, on line 9. */
  static String condition(String cond) {
    return rule("{name: r, match: INVITE, if: " + cond + ", do: [{remove-header: X-A}]}");
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        // rule sets and rules
        row(
            "rule set without rules",
            LISTENERS + "rule-sets:\n  - {name: s}\n",
            5,
            "rule-sets[0].rules",
            "missing required key 'rules' (allowed: a list of {name, match, if, do})"),
        row(
            "duplicate rule set",
            LISTENERS + "rule-sets:\n  - {name: s, rules: []}\n" + "  - {name: s, rules: []}\n",
            6,
            "rule-sets[1].name",
            "duplicate name 's', already used by rule-sets[0]"),
        row(
            "invalid rule name",
            rule("{name: 'a/b', match: INVITE, do: [{remove-header: X}]}"),
            9,
            R + ".name",
            "'a/b' is not a valid name (allowed: letters, digits, '-', '_' and '.',"
                + " starting with a letter or digit, at most 64)"),
        row(
            "unknown rule key",
            rule("{name: r, match: INVITE, then: [], do: [{remove-header: X}]}"),
            9,
            R + ".then",
            "unknown key 'then' (allowed: name, match, if, do)"),
        row(
            "missing match",
            rule("{name: r, do: [{remove-header: X}]}"),
            9,
            R + ".match",
            "missing required key 'match' (allowed: METHOD, METHOD response CODE, METHOD response"
                + " Nxx, METHOD response any; METHOD may be *)"),
        row(
            "bad selector",
            actions("INVITE response 7xx", "{remove-header: X}"),
            9,
            R + ".match",
            "'INVITE response 7xx' is not a selector (allowed: METHOD, METHOD response CODE, METHOD"
                + " response Nxx, METHOD response any; METHOD may be *)"),
        row(
            "missing do",
            rule("{name: r, match: INVITE}"),
            9,
            R + ".do",
            "missing required key 'do' (allowed: a list of actions: " + ACTIONS + ")"),
        row(
            "empty do",
            actions("INVITE", ""),
            9,
            R + ".do",
            "expected at least one action (allowed: " + ACTIONS + ")"),
        // actions: shape
        row(
            "unknown action",
            actions("INVITE", "{frobnicate: X}"),
            9,
            R + ".do[0].frobnicate",
            "unknown key 'frobnicate' (allowed: " + ACTIONS + ")"),
        row(
            "misspelt action",
            actions("INVITE", "{remove-heder: X}"),
            9,
            R + ".do[0].remove-heder",
            "unknown key 'remove-heder'; did you mean 'remove-header'? (allowed: " + ACTIONS + ")"),
        row(
            "two actions in one item",
            actions("INVITE", "{remove-header: A, remove: B}"),
            9,
            R + ".do[0]",
            "one action per list item, got remove-header and remove (allowed:"
                + " - remove-header: ..., - remove: ...)"),
        row(
            "empty action",
            actions("INVITE", "{}"),
            9,
            R + ".do[0]",
            "expected an action (allowed: " + ACTIONS + ")"),
        row(
            "action without a value",
            actions("INVITE", "{remove: }"),
            9,
            R + ".do[0].remove",
            "'remove' needs a value"),
        row(
            "action arguments not a mapping",
            actions("INVITE response 4xx", "{set-status: 486}"),
            9,
            R + ".do[0].set-status",
            "expected a mapping, got '486' (allowed keys: code, reason)"),
        row(
            "missing action argument",
            actions("INVITE", "{add-header: {name: X-A}}"),
            9,
            R + ".do[0].add-header.value",
            "missing required key 'value' (allowed: text)"),
        row(
            "bad header name",
            actions("INVITE", "{remove-header: 'X A'}"),
            9,
            R + ".do[0].remove-header",
            "'X A' is not a header name (allowed: a header name: letters, digits and !%*_+`'~-)"),
        row(
            "bad field",
            actions("INVITE", "{set: {field: From.usr, value: x}}"),
            9,
            R + ".do[0].set.field",
            "'From.usr' is not a field: a header has no part 'usr' (allowed: " + FIELDS + ")"),
        // actions: values
        row(
            "set-status code out of range",
            actions("INVITE response 4xx", "{set-status: {code: 200}}"),
            9,
            R + ".do[0].set-status.code",
            "200 is out of range (allowed: 300-699)"),
        row(
            "reject code out of range",
            actions("INVITE", "{reject: {code: 399}}"),
            9,
            R + ".do[0].reject.code",
            "399 is out of range (allowed: 400-699)"),
        row(
            "country code not 1-3 digits",
            actions("INVITE", "{normalise-e164: {field: To.user, country-code: '+44'}}"),
            9,
            R + ".do[0].normalise-e164.country-code",
            "'+44' is not a country code (allowed: 1-3 digits, e.g. \"44\")"),
        row(
            "normalize spelling, missing country code",
            actions("INVITE", "{normalize-e164: {field: To.user}}"),
            9,
            R + ".do[0].normalize-e164.country-code",
            "missing required key 'country-code' (allowed: 1-3 digits, e.g. \"44\")"),
        row(
            "national prefix not digits",
            actions(
                "INVITE",
                "{normalise-e164: {field: To.user, country-code: 44," + " national-prefix: x}}"),
            9,
            R + ".do[0].normalise-e164.national-prefix",
            "'x' is not a dialling prefix (allowed: digits, e.g. \"0\")"),
        row(
            "bad pattern",
            actions("INVITE", "{regex-replace: {field: To.user, pattern: '(a', replacement: x}}"),
            9,
            R + ".do[0].regex-replace.pattern",
            "invalid regular expression '(a': Unclosed group"
                + " near index 2 (allowed: a Java regular expression)"),
        row(
            "replacement with a missing group",
            actions(
                "INVITE",
                "{regex-replace: {field: To.user, pattern: '^0(.*)', replacement: '+44$2'}}"),
            9,
            R + ".do[0].regex-replace.replacement",
            "invalid replacement '+44$2': '$2' refers to"
                + " group 2 but the pattern has 1 (allowed: text; $1.. for groups, \\$ for a dollar"
                + " sign)"),
        // actions: checked against the selector and each other
        row(
            "set-status on requests",
            actions("INVITE", "{set-status: {code: 486}}"),
            9,
            R + ".do[0].set-status",
            "set-status needs a selector of final non-2xx responses (e.g. 'INVITE response 4xx')"),
        row(
            "set-status on any response",
            actions("INVITE response any", "{set-status: {code: 486}}"),
            9,
            R + ".do[0].set-status",
            "set-status needs a selector of final non-2xx responses (e.g. 'INVITE response 4xx')"),
        row(
            "reject on responses",
            actions("* response 4xx", "{reject: {code: 403}}"),
            9,
            R + ".do[0].reject",
            "reject needs a request selector, and '* response 4xx' takes"
                + " responses (allowed: a request selector, e.g. '*')"),
        row(
            "reject not last",
            actions("INVITE", "{reject: {code: 403}}, {remove-header: X}"),
            9,
            R + ".do[0].reject",
            "reject must be the last action of its rule: the actions after it would never run"),
        row(
            "add a reserved header",
            actions("INVITE", "{add-header: {name: Via, value: x}}"),
            9,
            R + ".do[0].add-header.name",
            "'Via' " + RESERVED),
        row(
            "replace a reserved header (compact form)",
            actions("INVITE", "{replace-header: {name: i, value: x}}"),
            9,
            R + ".do[0].replace-header.name",
            "'i' " + RESERVED),
        row(
            "remove a reserved header",
            actions("INVITE", "{remove: CSeq}"),
            9,
            R + ".do[0].remove",
            "'CSeq' " + RESERVED),
        row(
            "replace From as a whole",
            actions("INVITE", "{set: {field: From, value: '<sip:x@y>'}}"),
            9,
            R + ".do[0].set.field",
            "'From' carries the dialog's tag and cannot be added, replaced or removed as a whole"
                + " (allowed: write its parts, e.g. From.user, From.display)"),
        row(
            "remove To",
            actions("INVITE", "{remove-header: t}"),
            9,
            R + ".do[0].remove-header",
            "'t' carries the dialog's tag and cannot be added, replaced or removed as a whole"
                + " (allowed: write its parts, e.g. t.user, t.display)"),
        row(
            "set a tag",
            actions("INVITE", "{set: {field: To.param.tag, value: x}}"),
            9,
            R + ".do[0].set.field",
            "'To.param.tag' " + RESERVED),
        row(
            "copy to a reserved header",
            actions("INVITE", "{copy: {from: From.user, to: Contact.user}}"),
            9,
            R + ".do[0].copy.to",
            "'Contact' " + RESERVED),
        row(
            "remove a user part",
            actions("INVITE", "{remove: request-uri.user}"),
            9,
            R + ".do[0].remove",
            "'request-uri.user' cannot be removed (allowed: HEADER,"
                + " HEADER.display, HEADER.param.NAME, HEADER.uri-param.NAME,"
                + " request-uri.param.NAME)"),
        row(
            "write the status of a request",
            actions("INVITE", "{set: {field: reason-phrase, value: x}}"),
            9,
            R + ".do[0].set.field",
            "'reason-phrase' is only in responses, and selector 'INVITE'"
                + " takes requests (allowed: a response selector, e.g. 'INVITE response 4xx')"),
        // conditions
        row(
            "read the status of a request",
            condition("{field: status, equals: '486'}"),
            9,
            R + ".if.field",
            "'status' is only in responses, and selector 'INVITE' takes requests"
                + " (allowed: a response selector, e.g. 'INVITE response 4xx')"),
        row(
            "status deep in a request condition",
            condition("{any: [{listener: udp}, {not: {field: status, present: true}}]}"),
            9,
            R + ".if.any[1].not.field",
            "'status' is only in responses, and selector 'INVITE'"
                + " takes requests (allowed: a response selector, e.g. 'INVITE response 4xx')"),
        row(
            "condition not a mapping",
            condition("[a]"),
            9,
            R + ".if",
            "expected a mapping, got a list (allowed keys: all, any, not, source-trunk, listener,"
                + " field, header, uri, param, part, present, equals, ignore-case, regex, in-range,"
                + " not-in-range)"),
        row(
            "empty condition",
            condition("{}"),
            9,
            R + ".if",
            "expected a condition (allowed: " + CONDITIONS + ")"),
        row(
            "two forms in one condition",
            condition("{listener: udp, source-trunk: carrier}"),
            9,
            R + ".if",
            "one condition per mapping, got source-trunk and listener; combine"
                + " conditions with all: [...] (allowed: "
                + CONDITIONS
                + ")"),
        row(
            "misspelt condition key",
            condition("{heder: X-A, present: true}"),
            9,
            R + ".if.heder",
            "unknown key 'heder'; did you mean 'header'? (allowed: all, any, not,"
                + " source-trunk, listener, field, header, uri, param, part, present, equals,"
                + " ignore-case, regex, in-range, not-in-range)"),
        row(
            "field test without a test",
            condition("{field: From.user}"),
            9,
            R + ".if",
            "missing the test (allowed: present, equals, regex, in-range, not-in-range)"),
        row(
            "field test without a field",
            condition("{equals: x}"),
            9,
            R + ".if",
            "missing the field (allowed: field, header or uri)"),
        row(
            "two tests",
            condition("{field: From.user, present: true, equals: x}"),
            9,
            R + ".if",
            "one test per condition, got present and equals; combine tests with all: [...]"
                + " (allowed: present, equals, regex, in-range, not-in-range)"),
        row(
            "two fields",
            condition("{field: From.user, header: To, present: true}"),
            9,
            R + ".if",
            "one field per test, got field and header (allowed: field, header or uri)"),
        row(
            "ignore-case without equals",
            condition("{header: X-A, regex: a, ignore-case: true}"),
            9,
            R + ".if.ignore-case",
            "'ignore-case' only goes with 'equals'"),
        row(
            "param with field",
            condition("{field: From, param: tag, present: true}"),
            9,
            R + ".if.param",
            "'param' only goes with 'header' or 'uri' (with 'field', write HEADER.param.NAME)"),
        row(
            "unknown part",
            condition("{header: From, part: name, present: true}"),
            9,
            R + ".if.part",
            "unknown part 'name' (allowed: user, host, display)"),
        row(
            "uri other than request-uri",
            condition("{uri: From, present: true}"),
            9,
            R + ".if.uri",
            "'From' is not a URI (allowed: request-uri)"),
        row(
            "bad header in shorthand",
            condition("{header: 'X A', present: true}"),
            9,
            R + ".if.header",
            "'X A' is not a header name (allowed: a header name: letters, digits and !%*_+`'~-)"),
        row(
            "bad regex",
            condition("{field: From.user, regex: '[0-9'}"),
            9,
            R + ".if.regex",
            "invalid regular expression '[0-9': Unclosed character class near index 3 (allowed: a"
                + " Java regular expression)"),
        row(
            "present not a boolean",
            condition("{field: From.user, present: maybe}"),
            9,
            R + ".if.present",
            "expected true or false, got 'maybe' (allowed: true, false)"),
        row(
            "bad range",
            condition("{field: From.user, in-range: alice}"),
            9,
            R + ".if.in-range",
            "'alice' is not a number range (allowed: " + RANGES + ")"),
        row(
            "bad range in a list",
            condition("{field: From.user, not-in-range: ['+44*', '+1..+20']}"),
            9,
            R + ".if.not-in-range[1]",
            "'+1..+20': both ends must have the same number of digits (allowed: " + RANGES + ")"),
        row(
            "empty all",
            condition("{all: []}"),
            9,
            R + ".if.all",
            "expected at least one condition (allowed: a list of conditions)"),
        row(
            "unknown source trunk",
            condition("{source-trunk: carier}"),
            9,
            R + ".if.source-trunk",
            "unknown trunk 'carier'; did you mean 'carrier'? (allowed: carrier)"),
        row(
            "unknown listener",
            condition("{not: {listener: sctp}}"),
            9,
            R + ".if.not.listener",
            "unknown listener 'sctp' (allowed: udp, tcp)"));
  }

  static Arguments row(String rule, String yaml, int line, String path, String message) {
    return Arguments.of(rule, yaml, line, path, message);
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

  @Test
  void aConfigurationBuiltInCodeIsCheckedWithPathsFromItsIndexes() {
    FieldRef status = FieldRef.parse("status").orElseThrow();
    Rule rule =
        new Rule(
            "r",
            Selector.parse("INVITE").orElseThrow(),
            new Condition.Any(
                List.of(new Condition.Listener("udp"), new Condition.Equals(status, "1", false))),
            List.of(
                new Action.Reject(403, null),
                new Action.NormaliseE164(FieldRef.parse("Via").orElseThrow(), "44", "0", "00"),
                new Action.SetStatus(486, null)),
            0);
    TrunkConfig trunk =
        new TrunkConfig(
            "c",
            "h",
            5060,
            Transport.UDP,
            null,
            false,
            new TrunkRules(List.of("s"), List.of("t")),
            ResponseMap.NONE,
            new IdentityPolicy(
                List.of(NumberRange.parse("+4420*").orElseThrow()), "+4413", null, null));
    SbcConfig config =
        new SbcConfig(
            null,
            null,
            null,
            List.of(new ListenerConfig("udp", Transport.UDP, "127.0.0.1", 5060)),
            List.of(trunk),
            null,
            null,
            List.of(new RuleSet("s", List.of(rule))));
    Violations v = new Violations();
    ConfigValidator.validate(config, v);
    assertEquals(
        List.of(
            "rule-sets[0].rules[0].do[0].reject",
            "rule-sets[0].rules[0].do[1].normalise-e164.field",
            "rule-sets[0].rules[0].do[2].set-status",
            "rule-sets[0].rules[0].if.any[1].field",
            "trunks[0].identity",
            "trunks[0].identity.default-cli",
            "trunks[0].rules.outbound[0]"),
        v.list().stream().map(Violation::path).sorted().toList(),
        v.list()::toString);
  }
}
