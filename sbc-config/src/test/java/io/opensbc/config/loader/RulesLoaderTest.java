package io.opensbc.config.loader;

import static io.opensbc.config.loader.ConfigLoaderTest.MINIMAL;
import static io.opensbc.config.loader.ConfigLoaderTest.invalid;
import static io.opensbc.config.loader.ConfigLoaderTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.rules.Action;
import io.opensbc.config.model.rules.Condition;
import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.IdentityPolicy;
import io.opensbc.config.model.rules.IdentityPolicy.PrivacyMode;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.ResponseMapping;
import io.opensbc.config.model.rules.Rule;
import io.opensbc.config.model.rules.RuleSet;
import io.opensbc.config.model.rules.Selector;
import io.opensbc.config.model.rules.TrunkRules;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Rule sets and the per-trunk rule keys, read into their records; and how their mistakes print. */
class RulesLoaderTest {

  @Test
  void theFullExampleBindsToTheExpectedRecords() throws Exception {
    String yaml = resource("rules-example.yaml");
    SbcConfig c = valid(yaml);

    assertEquals(
        List.of(
            new TrunkConfig(
                "carrier",
                "127.0.0.1",
                5080,
                Transport.UDP,
                "udp",
                true,
                new TrunkRules(List.of("teams-fixes"), List.of("teams-fixes", "numbers")),
                new ResponseMap(
                    true,
                    List.of(
                        new ResponseMapping(403, 63, 486, "Busy Here", 17, 12),
                        new ResponseMapping(0, null, 0, null, 31, 13))),
                new IdentityPolicy(
                    List.of(
                        new NumberRange(
                            "442071234500", "442071234599", false, "+442071234500..+442071234599"),
                        new NumberRange("44207999", "44207999", true, "+44207999*")),
                    "+442071234500",
                    PrivacyMode.STRIP,
                    "44")),
            new TrunkConfig("pbx", "10.0.0.2", 5060, Transport.UDP, "udp")),
        c.trunks());

    RuleSet teams =
        new RuleSet(
            "teams-fixes",
            List.of(
                new Rule(
                    "busy-not-forbidden",
                    new Selector("INVITE", true, 403, 403, "INVITE response 403"),
                    new Condition.Equals(
                        new FieldRef(
                            FieldRef.Source.HEADER,
                            "Reason",
                            FieldRef.Part.PARAM,
                            "cause",
                            "Reason.param.cause"),
                        "63",
                        false),
                    List.of(
                        new Action.SetStatus(486, "Busy Here"),
                        new Action.ReplaceHeader("Reason", "Q.850;cause=17;text=\"User busy\"")),
                    lineOf(yaml, "- name: busy-not-forbidden")),
                new Rule(
                    "tidy-from-pbx",
                    new Selector(null, false, 0, 0, "*"),
                    new Condition.All(
                        List.of(
                            new Condition.SourceTrunk("pbx"),
                            new Condition.Not(new Condition.Absent(f("X-Internal"))),
                            new Condition.Any(
                                List.of(
                                    new Condition.Matches(
                                        f("From.user"), Pattern.compile("^\\+44")),
                                    new Condition.InRange(
                                        f("request-uri.user"), List.of(r("+4420*"))),
                                    new Condition.Not(
                                        new Condition.InRange(
                                            f("To.user"),
                                            List.of(
                                                r("+442071234500..+442071234599"),
                                                r("+443000000000")))),
                                    new Condition.Listener("udp"),
                                    new Condition.Equals(f("User-Agent"), "teams", true))))),
                    List.of(
                        new Action.RemoveHeader("X-Internal"),
                        new Action.AddHeader("X-Trace", ""),
                        new Action.Set(f("From.display"), "Anonymous"),
                        new Action.Remove(f("P-Preferred-Identity")),
                        new Action.AddPrefix(f("request-uri.user"), "+"),
                        new Action.StripPrefix(f("To.user"), "0"),
                        new Action.AddSuffix(f("From.uri-param.x"), "-1"),
                        new Action.StripSuffix(f("P-Asserted-Identity.user"), "#"),
                        new Action.NormaliseE164(f("From.user"), "44", "0", "00"),
                        new Action.NormaliseE164(f("To.user"), "1", "1", "011"),
                        new Action.RegexReplace(
                            f("request-uri.user"), Pattern.compile("^00(\\d+)$"), "+$1"),
                        new Action.Copy(f("From.user"), f("P-Asserted-Identity.user"))),
                    lineOf(yaml, "- name: tidy-from-pbx"))));
    RuleSet numbers =
        new RuleSet(
            "numbers",
            List.of(
                new Rule(
                    "no-premium",
                    new Selector("INVITE", false, 0, 0, "INVITE"),
                    new Condition.InRange(f("request-uri.user"), List.of(r("+449*"))),
                    List.of(new Action.Reject(403, "Premium numbers are barred")),
                    lineOf(yaml, "- name: no-premium")),
                new Rule(
                    "ringing-trace",
                    new Selector(null, true, 100, 199, "* response 1xx"),
                    new Condition.Any(
                        List.of(
                            new Condition.Equals(f("status"), "180", false),
                            new Condition.Matches(
                                f("reason-phrase"), Pattern.compile("(?i)ringing")))),
                    List.of(new Action.AddHeader("X-Ringing", "yes")),
                    lineOf(yaml, "- name: ringing-trace"))));
    assertEquals(List.of(teams, numbers), c.ruleSets());
    assertEquals(teams, c.ruleSet("teams-fixes").orElseThrow());
    assertEquals(23, c.ruleSets().get(0).rules().get(0).line());
  }

  @Test
  void trunksWithoutRuleKeysGetTheDefaults() {
    TrunkConfig t = valid(MINIMAL + "trunks: [{name: pbx, host: 10.0.0.2}]\n").trunks().get(0);
    assertEquals(false, t.trusted());
    assertEquals(TrunkRules.NONE, t.rules());
    assertEquals(ResponseMap.NONE, t.responseMap());
    assertNull(t.identity());
    assertEquals(List.of(), valid(MINIMAL).ruleSets());
  }

  @Test
  void identityDefaultsAndAnEmptyRuleSet() {
    SbcConfig c =
        valid(
            MINIMAL
                + "trunks:\n"
                + "  - name: c\n"
                + "    host: h\n"
                + "    trusted: true\n"
                + "    identity: {ddi: ['+4420712345*'], default-cli: '+44 20 7123 4500'}\n"
                + "    response-map: {q850-table: true}\n"
                + "rule-sets:\n"
                + "  - {name: later, rules: []}\n"
                + "  - name: one\n"
                + "    rules: [{name: r, match: BYE, do: [{remove-header: X-A}]}]\n");
    IdentityPolicy id = c.trunks().get(0).identity();
    assertEquals(PrivacyMode.STRIP_UNLESS_ANONYMOUS, id.privacy());
    assertNull(id.countryCode());
    assertEquals("+44 20 7123 4500", id.defaultCli());
    assertEquals(new ResponseMap(true, List.of()), c.trunks().get(0).responseMap());
    assertEquals(new RuleSet("later", List.of()), c.ruleSets().get(0));
    assertEquals(Condition.ALWAYS, c.ruleSets().get(1).rules().get(0).condition());
  }

  /**
   * The acceptance criterion: a rule file with several mistakes is refused, and check-config prints
   * each mistake on its own line ({@code ConfigError.toString()}, as {@code Main.checkConfig} does)
   * with its line number.
   */
  @Test
  void aRuleFileWithSeveralMistakesPrintsEachOnItsOwnLine() {
    String yaml =
        String.join(
            "\n",
            "listeners:", // 1
            "  - {name: udp, transport: udp, host: 127.0.0.1, port: 5060}", // 2
            "trunks:", // 3
            "  - name: carrier", // 4
            "    host: 10.0.0.1", // 5
            "    rules: {inbound: [teams-fixs]}", // 6
            "    identity: {ddi: ['+442071234500..+442071234599'], default-cli:"
                + " '+442079999999'}", // 7
            "rule-sets:", // 8
            "  - name: teams-fixes", // 9
            "    rules:", // 10
            "      - name: busy", // 11
            "        match: INVITE respons 403", // 12
            "        do:", // 13
            "          - set-stauts: {code: 486}", // 14
            "      - name: busy", // 15
            "        match: INVITE", // 16
            "        if: {source-trunk: carier}", // 17
            "        do:", // 18
            "          - reject: {code: 403}", // 19
            "          - remove-header: Via", // 20
            "          - set-status: {code: 486}", // 21
            "");
    ConfigResult r = ConfigLoader.parse(yaml, "rules.yaml");
    List<String> printed = r.errors().stream().map(ConfigError::toString).toList();
    assertEquals(
        List.of(
            "rules.yaml:6:23: trunks[0].rules.inbound[0]: unknown rule set 'teams-fixs'; did you"
                + " mean 'teams-fixes'? (allowed: teams-fixes)",
            "rules.yaml:7:15: trunks[0].identity: an identity policy needs 'trusted: true' on its"
                + " trunk (RFC 3325: P-Asserted-Identity is never sent to an untrusted trunk)",
            "rules.yaml:7:68: trunks[0].identity.default-cli: '+442079999999' is not in ddi"
                + " (allowed: a number in +442071234500..+442071234599)",
            "rules.yaml:12:16: rule-sets[0].rules[0].match: 'INVITE respons 403' is not a selector"
                + " (allowed: METHOD, METHOD response CODE, METHOD response Nxx, METHOD response"
                + " any; METHOD may be *)",
            "rules.yaml:14:13: rule-sets[0].rules[0].do[0].set-stauts: unknown key 'set-stauts';"
                + " did you mean 'set-status'? (allowed: "
                + String.join(", ", RuleBinder.ACTIONS)
                + ")",
            "rules.yaml:15:15: rule-sets[0].rules[1].name: duplicate name 'busy', already used by"
                + " rule-sets[0].rules[0]",
            "rules.yaml:17:28: rule-sets[0].rules[1].if.source-trunk: unknown trunk 'carier'; did"
                + " you mean 'carrier'? (allowed: carrier)",
            "rules.yaml:19:21: rule-sets[0].rules[1].do[0].reject: reject must be the last action"
                + " of its rule: the actions after it would never run",
            "rules.yaml:20:28: rule-sets[0].rules[1].do[1].remove-header: 'Via' is managed by the"
                + " SBC per leg and cannot be changed by a rule",
            "rules.yaml:21:25: rule-sets[0].rules[1].do[2].set-status: set-status needs a selector"
                + " of final non-2xx responses (e.g. 'INVITE response 4xx')"),
        printed,
        () -> String.join("\n", printed));
    String out = String.join("\n", printed);
    assertEquals(printed.size(), out.lines().count(), "one line per mistake");
  }

  @Test
  void mistakesInsideConditionsAndActionsKeepReading() {
    List<ConfigError> errors =
        invalid(
            String.join(
                "\n",
                MINIMAL.strip(), // 1-2
                "rule-sets:", // 3
                "  - name: s", // 4
                "    rules:", // 5
                "      - name: r", // 6
                "        match: INVITE", // 7
                "        if:", // 8
                "          all:", // 9
                "            - {field: From.usr, equals: x}", // 10
                "            - {field: status, present: true}", // 11
                "            - {header: From, part: name, present: true}", // 12
                "        do:", // 13
                "          - set: {field: To.param.tag, value: x}", // 14
                "          - regex-replace: {field: To.user, pattern: '(a', replacement: x}", // 15
                "          - regex-replace: {field: To.user, pattern: '(a)', replacement:"
                    + " $2}", // 16
                "          - copy: {from: status, to: X-Status}", // 17
                "          - remove: From.user", // 18
                ""));
    assertEquals(
        List.of(
            "10 rule-sets[0].rules[0].if.all[0].field",
            "11 rule-sets[0].rules[0].if.all[1].field",
            "12 rule-sets[0].rules[0].if.all[2].part",
            "14 rule-sets[0].rules[0].do[0].set.field",
            "15 rule-sets[0].rules[0].do[1].regex-replace.pattern",
            "16 rule-sets[0].rules[0].do[2].regex-replace.replacement",
            "17 rule-sets[0].rules[0].do[3].copy.from",
            "18 rule-sets[0].rules[0].do[4].remove"),
        errors.stream().map(e -> e.line() + " " + e.path()).toList(),
        () -> String.join("\n", errors.stream().map(ConfigError::toString).toList()));
  }

  static int lineOf(String yaml, String text) {
    List<String> lines = Arrays.asList(yaml.split("\n", -1));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in the example");
  }

  private String resource(String name) throws Exception {
    try (var in = getClass().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static FieldRef f(String text) {
    return FieldRef.parse(text).orElseThrow();
  }

  private static NumberRange r(String text) {
    return NumberRange.parse(text).orElseThrow();
  }
}
