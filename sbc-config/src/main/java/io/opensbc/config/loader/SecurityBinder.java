package io.opensbc.config.loader;

import io.opensbc.config.model.security.AccessControl;
import io.opensbc.config.model.security.BruteForce;
import io.opensbc.config.model.security.Cidr;
import io.opensbc.config.model.security.DigestHash;
import io.opensbc.config.model.security.RegistrarConfig;
import io.opensbc.config.model.security.SecurityConfig;
import io.opensbc.config.model.security.SipUser;
import io.opensbc.config.validation.DurationRule;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.Violations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the top-level {@code security} section (docs/security.md); every key is optional. */
final class SecurityBinder {
  static final String[] KEYS = {
    "unknown-sources", "trunk-listener-binding", "listeners", "trunks", "registrar", "brute-force"
  };
  static final String[] LISTENER_KEYS = {"listener", "allow"};
  static final String[] TRUNK_KEYS = {"trunk", "allow"};
  static final String[] REGISTRAR_KEYS = {
    "enabled", "realm", "domains", "trunk", "algorithms", "users", "users-file", "nonce-lifetime",
    "nonce-secret", "min-expires", "max-expires", "default-expires", "max-bindings", "keepalive",
    "authenticate-calls"
  };
  static final String[] USER_KEYS = {"username", "password", "ha1-md5", "ha1-sha256"};
  static final String[] BRUTE_KEYS = {"max-failures", "window", "ban-time"};
  static final List<String> UNKNOWN = List.of("drop", "reject");
  static final List<String> ALGORITHMS = List.of("SHA-256", "MD5");
  static final String CIDRS = "a list of addresses or ranges, e.g. [192.0.2.0/24, 2001:db8::/32]";
  static final IntRule EXPIRES = new IntRule(1, 86_400 * 7, "1-604800 seconds");
  static final IntRule BINDINGS = new IntRule(1, 100, "1-100");
  static final IntRule FAILURES = new IntRule(1, 1000, "1-1000");
  static final DurationRule NONCE = new DurationRule(Duration.ofSeconds(10), Duration.ofHours(24),
      "10s-24h");
  static final DurationRule KEEPALIVE = new DurationRule(Duration.ofSeconds(5), Duration.ofHours(1), "5s-1h");
  static final DurationRule BAN = new DurationRule(Duration.ofSeconds(1), Duration.ofDays(7), "1s-168h");
  private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.!~*'()&=+$,;?/%-]{1,64}");

  private SecurityBinder() {}

  static SecurityConfig security(Section root, Violations v) {
    Section s = Section.of(root.node("security"), "security", v, KEYS);
    String unknown = s.choice("unknown-sources", "action", UNKNOWN);
    return new SecurityConfig(
        new AccessControl("reject".equals(unknown), s.bool("trunk-listener-binding", true),
            allowLists(s, "listeners", "listener", LISTENER_KEYS, v),
            allowLists(s, "trunks", "trunk", TRUNK_KEYS, v)),
        registrar(s, v),
        bruteForce(s, v));
  }

  private static Map<String, List<Cidr>> allowLists(Section s, String key, String nameKey, String[] keys,
      Violations v) {
    Map<String, List<Cidr>> out = new LinkedHashMap<>();
    List<Node> items = s.sequence(key, "a list of {" + String.join(", ", keys) + "}");
    for (int i = 0; i < items.size(); i++) {
      String path = s.child(key) + "[" + i + "]";
      Section item = Section.isNull(items.get(i)) ? Section.empty(path, v, keys) : Section.of(items.get(i), path, v,
          keys);
      String name = item.requiredString(nameKey, "the name of a " + nameKey);
      List<Cidr> cidrs = cidrs(item, "allow", v);
      if (name != null) {
        if (out.putIfAbsent(name, cidrs) != null) {
          v.add(item.child(nameKey), "'" + name + "' is listed twice (allowed: each " + nameKey + " once)");
        }
      }
    }
    return out;
  }

  static List<Cidr> cidrs(Section s, String key, Violations v) {
    List<Cidr> out = new ArrayList<>();
    List<Node> nodes = s.sequence(key, CIDRS);
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child(key) + "[" + i + "]";
      String text = RuleValues.scalar(nodes.get(i), path, "an address or range", CIDRS, v);
      if (text == null) {
        continue;
      }
      Cidr c = Cidr.parse(text);
      if (c == null) {
        v.add(path, "'" + text + "' is not an IPv4/IPv6 address or range (allowed: " + CIDRS + ")");
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private static RegistrarConfig registrar(Section security, Violations v) {
    Section s = Section.of(security.node("registrar"), security.child("registrar"), v, REGISTRAR_KEYS);
    RegistrarConfig d = RegistrarConfig.DISABLED;
    List<String> domains = strings(s, "domains", "a list of domains, e.g. [sbc.example.com]", v);
    String realm = s.string("realm", domains.isEmpty() ? null : domains.get(0));
    boolean enabled = s.bool("enabled", s.has("users") || s.has("users-file"));
    if (enabled && realm == null) {
      v.add(s.child("realm"), "missing required key 'realm' (allowed: the digest realm, e.g. sbc.example.com;"
          + " or list 'domains')");
    }
    List<String> algorithms = algorithms(s, v);
    List<SipUser> users = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    usersFile(s, realm, users, seen, v);
    List<Node> nodes = s.sequence("users", "a list of {" + String.join(", ", USER_KEYS) + "}");
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child("users") + "[" + i + "]";
      Section u = Section.isNull(nodes.get(i)) ? Section.empty(path, v, USER_KEYS)
          : Section.of(nodes.get(i), path, v, USER_KEYS);
      SipUser user = user(u, realm, v);
      if (user != null && seen.putIfAbsent(user.username(), path) != null) {
        v.add(u.child("username"), "user '" + user.username() + "' is defined twice (also at "
            + seen.get(user.username()) + ")");
      } else if (user != null) {
        users.add(user);
      }
    }
    int min = s.integer("min-expires", d.minExpires(), EXPIRES);
    int max = s.integer("max-expires", d.maxExpires(), EXPIRES);
    int def = s.integer("default-expires", Math.min(max, d.defaultExpires()), EXPIRES);
    if (min > max) {
      v.add(s.child("min-expires"), min + " is more than max-expires " + max + " (allowed: min <= default <= max)");
    } else if (def < min || def > max) {
      v.add(s.child("default-expires"), def + " is outside " + min + ".." + max
          + " (allowed: min-expires <= default-expires <= max-expires)");
    }
    String secret = s.string("nonce-secret", null);
    if (secret != null && secret.length() < 16) {
      v.add(s.child("nonce-secret"), "too short (allowed: at least 16 characters; leave it out to have the"
          + " cluster generate one)");
    }
    return new RegistrarConfig(enabled, realm, domains, s.string("trunk", RegistrarConfig.DEFAULT_TRUNK),
        algorithms, users, s.duration("nonce-lifetime", d.nonceLifetime(), NONCE), secret, min, max, def,
        s.integer("max-bindings", d.maxBindings(), BINDINGS), s.duration("keepalive", d.keepalive(), KEEPALIVE),
        s.bool("authenticate-calls", d.authenticateCalls()));
  }

  private static List<String> algorithms(Section s, Violations v) {
    if (!s.has("algorithms")) {
      return ALGORITHMS;
    }
    List<String> out = new ArrayList<>();
    List<Node> nodes = s.sequence("algorithms", "SHA-256, MD5");
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child("algorithms") + "[" + i + "]";
      String text = RuleValues.scalar(nodes.get(i), path, "an algorithm", "SHA-256, MD5", v);
      String a = text == null ? null : Section.choice(text.toUpperCase(Locale.ROOT), path, "algorithm", ALGORITHMS, v);
      if (a != null && !out.contains(a)) {
        out.add(a);
      }
    }
    if (out.isEmpty() && !v.reported(s.child("algorithms"))) {
      v.add(s.child("algorithms"), "must not be empty (allowed: SHA-256, MD5)");
    }
    return out.isEmpty() ? ALGORITHMS : out;
  }

  private static SipUser user(Section u, String realm, Violations v) {
    String name = u.requiredString("username", "a SIP username");
    if (name == null) {
      return null;
    }
    if (!USERNAME.matcher(name).matches()) {
      v.add(u.child("username"), "'" + name + "' is not a SIP user name (allowed: 1-64 letters, digits and"
          + " -_.!~*'()&=+$,;?/%)");
      return null;
    }
    String password = u.string("password", null);
    String md5 = hex(u, "ha1-md5", HEX32, "32 hex digits: MD5(username:realm:password)", v);
    String sha = hex(u, "ha1-sha256", HEX64, "64 hex digits: SHA-256(username:realm:password)", v);
    if (password != null && (md5 != null || sha != null)) {
      v.add(u.child("password"), "give either password or ha1-md5/ha1-sha256, not both");
      return null;
    }
    if (md5 == null && u.has("ha1-md5") || sha == null && u.has("ha1-sha256")) {
      return null; // reported as not a hash
    }
    if (password == null && md5 == null && sha == null) {
      v.add(u.child("password"), "missing credentials (allowed: password, or ha1-md5 and/or ha1-sha256)");
      return null;
    }
    if (password != null && realm != null) {
      return new SipUser(name, DigestHash.ha1("MD5", name, realm, password),
          DigestHash.ha1("SHA-256", name, realm, password));
    }
    return new SipUser(name, md5, sha);
  }

  private static String hex(Section u, String key, Pattern p, String allowed, Violations v) {
    String text = u.string(key, null);
    if (text != null && !p.matcher(text).matches()) {
      v.add(u.child(key), "not a hash (allowed: " + allowed + ")");
      return null;
    }
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  /**
   * {@code users-file}: one user per line, {@code username:realm:HA1} (htdigest, MD5) or
   * {@code username:realm:SHA-256:HA1}; blank lines and lines starting with # are skipped. A
   * relative path is relative to the working directory. Errors name the file and line, never the
   * hash.
   */
  private static void usersFile(Section s, String realm, List<SipUser> users, Map<String, String> seen,
      Violations v) {
    String file = s.string("users-file", null);
    if (file == null) {
      return;
    }
    String key = s.child("users-file");
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      v.add(key, "cannot read '" + file + "': " + e.getClass().getSimpleName());
      return;
    }
    Map<String, String[]> byUser = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      String where = file + ":" + (i + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", -1);
      if (f.length != 3 && f.length != 4) {
        v.add(key, where + ": expected username:realm:HA1 or username:realm:SHA-256:HA1");
        continue;
      }
      String alg = f.length == 3 ? "MD5" : f[2].toUpperCase(Locale.ROOT);
      String ha1 = f[f.length - 1].toLowerCase(Locale.ROOT);
      if (!USERNAME.matcher(f[0]).matches()) {
        v.add(key, where + ": '" + f[0] + "' is not a SIP user name");
      } else if (realm != null && !f[1].equals(realm)) {
        v.add(key, where + ": realm '" + f[1] + "' is not the registrar realm '" + realm + "'");
      } else if (!ALGORITHMS.contains(alg)) {
        v.add(key, where + ": unknown algorithm '" + f[2] + "' (allowed: SHA-256, MD5)");
      } else if (!(alg.equals("MD5") ? HEX32 : HEX64).matcher(ha1).matches()) {
        v.add(key, where + ": the HA1 is not " + (alg.equals("MD5") ? "32" : "64") + " hex digits");
      } else {
        String[] pair = byUser.computeIfAbsent(f[0], k -> new String[2]);
        pair[alg.equals("MD5") ? 0 : 1] = ha1;
        seen.putIfAbsent(f[0], where);
      }
    }
    byUser.forEach((u, pair) -> users.add(new SipUser(u, pair[0], pair[1])));
  }

  static List<String> strings(Section s, String key, String allowed, Violations v) {
    List<String> out = new ArrayList<>();
    List<Node> nodes = s.sequence(key, allowed);
    for (int i = 0; i < nodes.size(); i++) {
      String t = RuleValues.scalar(nodes.get(i), s.child(key) + "[" + i + "]", "a string", allowed, v);
      if (t != null && !t.isBlank()) {
        out.add(t.trim().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static BruteForce bruteForce(Section security, Violations v) {
    Section s = Section.of(security.node("brute-force"), security.child("brute-force"), v, BRUTE_KEYS);
    BruteForce d = BruteForce.DEFAULT;
    return new BruteForce(s.integer("max-failures", d.maxFailures(), FAILURES),
        s.duration("window", d.window(), BAN), s.duration("ban-time", d.banTime(), BAN));
  }
}
