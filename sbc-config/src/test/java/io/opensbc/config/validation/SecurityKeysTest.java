package io.opensbc.config.validation;

import static io.opensbc.config.validation.RuleValidationTest.row;
import static io.opensbc.config.validation.ValidationRulesTest.LISTENERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigError;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.security.Cidr;
import io.opensbc.config.model.security.DigestHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per mistake in the {@code security} section: a file with exactly one mistake, and the
 * single error it must produce, at its line. Plus what a valid section becomes.
 */
class SecurityKeysTest {
  static final String TRUNK = "trunks:\n  - {name: carrier, host: 10.0.0.1}\n"; // lines 4-5

  /** {@code body} under {@code security:} from line 5 (no trunk) or 7 (with the trunk). */
  static String security(String body) {
    return LISTENERS + "security:\n" + body;
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        row("bad action", security("  unknown-sources: ignore\n"), 5, "security.unknown-sources",
            "unknown action 'ignore' (allowed: drop, reject)"),
        row("not a CIDR", security("  listeners:\n    - {listener: udp, allow: [10.0.0.0/33]}\n"), 6,
            "security.listeners[0].allow[0]",
            "'10.0.0.0/33' is not an IPv4/IPv6 address or range (allowed: " + cidrs() + ")"),
        row("a host name is no range", security("  listeners:\n    - {listener: udp, allow: [pbx.example.com]}\n"),
            6, "security.listeners[0].allow[0]",
            "'pbx.example.com' is not an IPv4/IPv6 address or range (allowed: " + cidrs() + ")"),
        row("unknown listener", security("  listeners:\n    - {listener: udpp, allow: [10.0.0.0/8]}\n"), 6,
            "security.listeners[0].listener", "unknown listener 'udpp'; did you mean 'udp'? (allowed: udp, tcp)"),
        row("unknown trunk", LISTENERS + TRUNK + "security:\n  trunks:\n    - {trunk: carier, allow: [10.0.0.0/8]}\n",
            8, "security.trunks[0].trunk", "unknown trunk 'carier'; did you mean 'carrier'? (allowed: carrier)"),
        row("misspelt registrar key", security("  registrar:\n    realms: x\n"), 6, "security.registrar.realms",
            "unknown key 'realms'; did you mean 'realm'? (allowed: " + String.join(", ", registrarKeys()) + ")"),
        row("user without credentials", security("  registrar:\n    realm: sbc.test\n    users:\n      - {username: a}\n"),
            8, "security.registrar.users[0].password",
            "missing credentials (allowed: password, or ha1-md5 and/or ha1-sha256)"),
        row("bad HA1", security("  registrar:\n    realm: sbc.test\n    users:\n      - {username: a, ha1-md5: abc}\n"),
            8, "security.registrar.users[0].ha1-md5", "not a hash (allowed: 32 hex digits: MD5(username:realm:password))"),
        row("user twice", security("  registrar:\n    realm: sbc.test\n    users:\n      - {username: a, password: x}\n"
                + "      - {username: a, password: y}\n"),
            9, "security.registrar.users[1].username", "user 'a' is defined twice (also at security.registrar.users[0])"),
        row("unknown algorithm", security("  registrar:\n    realm: sbc.test\n    algorithms: [SHA-512]\n"), 7,
            "security.registrar.algorithms[0]", "unknown algorithm 'SHA-512' (allowed: SHA-256, MD5)"),
        row("min above max", security("  registrar:\n    realm: sbc.test\n    min-expires: 600\n    max-expires: 300\n"), 7,
            "security.registrar.min-expires", "600 is more than max-expires 300 (allowed: min <= default <= max)"),
        row("short secret", security("  registrar:\n    realm: sbc.test\n    nonce-secret: abc\n"), 7,
            "security.registrar.nonce-secret",
            "too short (allowed: at least 16 characters; leave it out to have the cluster generate one)"),
        row("registrar trunk is a trunk", LISTENERS + TRUNK + "security:\n  registrar:\n    realm: sbc.test\n"
                + "    enabled: true\n    trunk: carrier\n",
            10, "security.registrar.trunk",
            "'carrier' is already a trunk (allowed: a name no trunk has; routes name it to reach registered users)"),
        row("ban time zero", security("  brute-force: {ban-time: 0s}\n"), 5, "security.brute-force.ban-time",
            "0s is too short (allowed: 1s-168h)"),
        row("route to registrar trunk while disabled", LISTENERS + "routes:\n  - {name: r, trunk: registered-users}\n",
            5, "routes[0].trunk", "unknown trunk 'registered-users' (allowed: none defined)"),
        row("uri limit too small", LISTENERS + "sip:\n  limits: {max-uri-bytes: 10}\n", 5, "sip.limits.max-uri-bytes",
            "10 is out of range (allowed: 64-65535)"));
  }

  static String cidrs() {
    return "a list of addresses or ranges, e.g. [192.0.2.0/24, 2001:db8::/32]";
  }

  static List<String> registrarKeys() {
    return List.of("enabled", "realm", "domains", "trunk", "algorithms", "users", "users-file", "nonce-lifetime",
        "nonce-secret", "min-expires", "max-expires", "default-expires", "max-bindings", "keepalive",
        "authenticate-calls");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachMistakeReportsOneErrorAtItsLine(String rule, String yaml, int line, String path, String message) {
    List<ConfigError> errors = ConfigLoader.parse(yaml, "security.yaml").errors();
    assertEquals(1, errors.size(), () -> rule + ": " + errors);
    ConfigError e = errors.get(0);
    assertEquals(path, e.path(), rule);
    assertEquals(message, e.message(), rule);
    assertEquals(line, e.line(), () -> rule + ": " + e);
  }

  @Test
  void passwordsAreHashedAtLoadAndNeverPrinted(@TempDir Path dir) throws Exception {
    Path users = dir.resolve("users.htdigest");
    Files.writeString(users, "# htdigest and SHA-256 lines\ncarol:sbc.test:" + DigestHash.ha1("MD5", "carol", "sbc.test",
        "pw1") + "\ncarol:sbc.test:SHA-256:" + DigestHash.ha1("SHA-256", "carol", "sbc.test", "pw1") + "\n");
    String yaml = LISTENERS + "security:\n  registrar:\n    realm: sbc.test\n    nonce-secret: a-very-secret-nonce-key\n"
        + "    users-file: " + users + "\n    users:\n      - {username: alice, password: Top-Secret-1}\n";
    ConfigResult r = ConfigLoader.parse(yaml, "security.yaml");
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    SbcConfig c = ((ConfigResult.Valid) r).config();
    var reg = c.security().registrar();
    assertTrue(reg.enabled(), "users turn the registrar on");
    assertEquals(2, reg.users().size());
    var alice = reg.users().stream().filter(u -> u.username().equals("alice")).findFirst().orElseThrow();
    assertEquals(DigestHash.ha1("SHA-256", "alice", "sbc.test", "Top-Secret-1"), alice.ha1Sha256());
    String summary = io.opensbc.config.loader.ConfigSummary.describe(c);
    assertTrue(summary.contains("registrar realm sbc.test, 2 users (credentials not shown)"), summary);
    String printed = c.toString() + summary;
    for (String secret : new String[] {"Top-Secret-1", alice.ha1Md5(), alice.ha1Sha256(), "a-very-secret-nonce-key"}) {
      assertFalse(printed.contains(secret), "the configuration's toString shows a secret");
    }
  }

  @Test
  void aUsersFileErrorNamesFileAndLine(@TempDir Path dir) throws Exception {
    Path users = dir.resolve("users.htdigest");
    Files.writeString(users, "carol:sbc.test:" + "0".repeat(32) + "\ndave:other.realm:" + "1".repeat(32) + "\n");
    String yaml = LISTENERS + "security:\n  registrar:\n    realm: sbc.test\n    users-file: " + users + "\n";
    List<ConfigError> errors = ConfigLoader.parse(yaml, "security.yaml").errors();
    assertEquals(1, errors.size(), errors::toString);
    assertEquals(users + ":2: realm 'other.realm' is not the registrar realm 'sbc.test'", errors.get(0).message());
    assertFalse(errors.get(0).message().contains("1111"), "never the hash");
  }

  @Test
  void theRegisteredUsersExampleIsValid() throws Exception {
    Path example = Path.of("deploy", "examples", "registered-users.yaml");
    for (int up = 0; up < 4 && !Files.exists(example); up++) {
      example = Path.of("..").resolve(example);
    }
    ConfigResult r = ConfigLoader.load(example);
    assertTrue(r instanceof ConfigResult.Valid, r::toString);
    var c = ((ConfigResult.Valid) r).config();
    assertTrue(c.security().registrar().enabled());
    assertEquals(2, c.security().registrar().users().size());
    assertEquals(DigestHash.ha1("MD5", "1001", "pbx.example.com", "secret-1001"),
        c.security().registrar().users().get(0).ha1Md5());
  }

  @Test
  void cidrsMatchIpv4AndIpv6() {
    Cidr v4 = Cidr.parse("192.0.2.0/25");
    assertTrue(v4.contains("192.0.2.127"));
    assertFalse(v4.contains("192.0.2.128"));
    assertFalse(v4.contains("2001:db8::1"));
    Cidr v6 = Cidr.parse("2001:db8::/33");
    assertTrue(v6.contains("2001:db8:7fff::1"));
    assertFalse(v6.contains("2001:db8:8000::1"));
    assertTrue(Cidr.parse("0.0.0.0/0").contains("203.0.113.9"));
    assertTrue(Cidr.parse("10.1.2.3").contains("10.1.2.3"));
    assertFalse(Cidr.parse("10.1.2.3").contains("10.1.2.4"));
    assertEquals(null, Cidr.parse("10.1.2/8"));
    assertEquals(null, Cidr.parse("::1/129"));
    assertNotNull(Cidr.parse("::ffff:10.0.0.1"));
  }
}
